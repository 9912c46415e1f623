// The installable offline web app (issue 12 item 6): out/html/ served as the
// web root over http from 127.0.0.1 by a small static server started here.
// The first visit stores every file of out/html/; with the network cut
// (context.setOffline and the server stopped) every page and a search still
// work; a new build is announced with what is new and switches only on the
// next visit; from file:// nothing of this runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ARGS, EXECUTABLE, HTML_DIR, PHONE, REPO, fileUrl, htmlPages, requireBuild } from './lib.mjs';

const CONTENT = process.env.BCPGEN_CONTENT ? path.resolve(process.env.BCPGEN_CONTENT) : path.join(REPO, 'content');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json',
};

/** Any static server will do: this one serves `root.dir` (switchable) and nothing else. */
function serve(root) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
    if (rel === '') rel = 'index.html';
    const file = path.join(root.dir, rel);
    if (!file.startsWith(root.dir + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let b;
let server;
let base;
const root = { dir: HTML_DIR };
before(async () => {
  requireBuild();
  server = await serve(root);
  base = `http://127.0.0.1:${server.address().port}/`;
  // lib.mjs's browser resolves no host at all; this one may reach 127.0.0.1
  // (an address, never resolved) and nothing else.
  const args = ARGS.map((a) => (a.startsWith('--host-resolver-rules=') ? `${a}, EXCLUDE 127.0.0.1` : a));
  b = await chromium.launch({ executablePath: EXECUTABLE, args, headless: true });
});
after(async () => {
  if (b) await b.close();
  if (server) server.close();
});

const errors = [];
async function newPhone() {
  const ctx = await b.newContext(PHONE);
  ctx.setDefaultTimeout(15_000);
  ctx.on('page', (p) => p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`)));
  return ctx;
}

const files = () => readdirSync(HTML_DIR, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(HTML_DIR, path.join(e.parentPath ?? e.path, e.name)));

/** Waits until the page is controlled by an active worker whose cache holds `n` files. */
async function installed(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await page.evaluate(() => navigator.serviceWorker.ready);
  }
  return page.evaluate(async () => {
    const keys = await caches.keys();
    const mine = keys.filter((k) => k.startsWith('bcpgen-'));
    const cache = await caches.open(mine[0]);
    return { caches: mine, urls: (await cache.keys()).map((r) => r.url), controlled: !!navigator.serviceWorker.controller };
  });
}

test('manifest.webmanifest names the organisation and has PNG icons; sw.js at the root; pages allow them by CSP', () => {
  const m = JSON.parse(readFileSync(path.join(HTML_DIR, 'manifest.webmanifest'), 'utf8'));
  const org = readFileSync(path.join(CONTENT, 'site.yaml'), 'utf8').match(/^organization:\s*\n\s+name:\s*(\S+)/m)[1];
  assert.ok(m.name.includes(org), `manifest name 「${m.name}」 lacks the organisation 「${org}」`);
  assert.ok(m.icons.length >= 2, 'fewer than two icons');
  for (const i of m.icons) {
    const png = readFileSync(path.join(HTML_DIR, i.src));
    assert.equal(png.subarray(1, 4).toString(), 'PNG', `${i.src} is not a PNG`);
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(`${w}x${h}`, i.sizes, `${i.src} is ${w}x${h}, the manifest says ${i.sizes}`);
  }
  assert.match(readFileSync(path.join(HTML_DIR, 'sw.js'), 'utf8'), /addEventListener\('fetch'/);
  for (const p of htmlPages()) {
    const csp = readFileSync(p, 'utf8').match(/Content-Security-Policy" content="([^"]*)"/)[1];
    assert.match(csp, /manifest-src 'self'/, `${path.basename(p)}: CSP lacks manifest-src 'self'`);
    assert.match(csp, /worker-src 'self'/, `${path.basename(p)}: CSP lacks worker-src 'self'`);
  }
});

test('served over http: the first visit stores every file; offline, every page and a search still work', async () => {
  const ctx = await newPhone();
  const page = await ctx.newPage();
  await page.goto(base + 'index.html');
  const got = await installed(page);
  assert.equal(got.caches.length, 1, `caches: ${got.caches}`);
  const stored = new Set(got.urls.map((u) => decodeURIComponent(new URL(u).pathname.slice(1))));
  // sw.js itself is kept by the browser as the worker, not in its cache.
  const missing = files().filter((f) => f !== 'sw.js' && !stored.has(f));
  assert.deepEqual(missing, [], 'files of out/html/ the worker did not store');
  assert.ok(got.controlled, 'the page is not controlled by the worker');
  assert.ok(await page.evaluate(() => !!document.querySelector('link[rel=manifest]')), 'no manifest link over http');

  // Cut the network: the browser's, and the server too.
  await ctx.setOffline(true);
  await new Promise((r) => server.close(r));
  const failures = [];
  for (const f of htmlPages()) {
    const rel = path.relative(HTML_DIR, f);
    const res = await page.goto(base + rel).catch((e) => ({ error: e.message }));
    if (res.error || !res.ok()) {
      failures.push(`${rel}: ${res.error ?? res.status()}`);
      continue;
    }
    const h1 = await page.evaluate(() => document.querySelector('h1')?.textContent ?? '');
    if (!h1) failures.push(`${rel}: no heading offline`);
    const broken = await page.evaluate(() => [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
    failures.push(...broken.map((s) => `${rel}: image ${s} not shown offline`));
  }
  assert.deepEqual(failures, []);
  // The folder itself opens the start page.
  assert.ok((await page.goto(base)).ok(), 'the web root does not open offline');
  await page.goto(base + 'index.html');
  const input = page.locator('input[type=search]').first();
  await input.fill('参集');
  const results = page.locator(`#${await input.getAttribute('aria-controls')} a`);
  await results.first().waitFor();
  assert.ok((await results.count()) > 0, 'no search result offline');
  await ctx.close();
  server = await serve(root);
  base = `http://127.0.0.1:${server.address().port}/`;
});

test('a new build: the reader is told which version is new, and it switches on the next visit, never mixing builds', async () => {
  const ctx = await newPhone();
  const page = await ctx.newPage();
  await page.goto(base + 'index.html');
  await installed(page);
  const oldTitle = await page.title();

  // A "new build": a copy with a changed page and a new version in sw.js.
  const next = mkdtempSync(path.join(os.tmpdir(), 'bcpgen-pwa-'));
  try {
    cpSync(HTML_DIR, next, { recursive: true });
    const idx = path.join(next, 'index.html');
    writeFileSync(idx, readFileSync(idx, 'utf8').replace('<title>', '<title>新版 '));
    const swFile = path.join(next, 'sw.js');
    const sw = readFileSync(swFile, 'utf8');
    const build = JSON.parse(sw.match(/^self\.BCPGEN_BUILD = (.*);$/m)[1]);
    build.version = 'feedfacefeedface';
    build.info.version = build.version;
    build.info.docs[0][1] = '第9版';
    build.info.docs[0][3] = 'abcdef123456';
    writeFileSync(swFile, sw.replace(/^self\.BCPGEN_BUILD = .*;$/m, `self.BCPGEN_BUILD = ${JSON.stringify(build)};`));
    root.dir = next;

    await page.reload();
    const banner = page.locator('.banner-update');
    await banner.waitFor({ timeout: 20_000 });
    const said = await banner.innerText();
    assert.match(said, /新しい版/);
    assert.match(said, /第9版/);
    assert.match(said, /abcdef123456/);
    // Still this build's pages until the next visit.
    await page.goto(base + 'plan.html');
    await page.goto(base + 'index.html');
    assert.equal(await page.title(), oldTitle, 'a page of the new build was mixed into the old');

    // The next visit: every page of the old build closed, then opened again.
    await page.close();
    const again = await ctx.newPage();
    await again.goto(base + 'index.html');
    await again.waitForFunction(() => document.title.startsWith('新版'), null, { timeout: 20_000 }).catch(async () => {
      await again.reload();
    });
    assert.match(await again.title(), /^新版 /, 'the new build did not take over on the next visit');
    const keys = await again.evaluate(() => caches.keys());
    assert.deepEqual(keys.filter((k) => k.startsWith('bcpgen-')), ['bcpgen-feedfacefeedface'], 'the old build\'s cache was kept');
  } finally {
    root.dir = HTML_DIR;
    rmSync(next, { recursive: true, force: true });
    await ctx.close();
  }
});

test('from file:// nothing of this runs and nothing breaks', async () => {
  const ctx = await newPhone();
  const page = await ctx.newPage();
  await page.goto(fileUrl(path.join(HTML_DIR, 'index.html')));
  assert.equal(await page.evaluate(() => !!document.querySelector('link[rel=manifest]')), false, 'a manifest link from file://');
  await ctx.close();
  assert.deepEqual(errors, [], 'page errors');
});
