// The bundle works from file:// on a phone with no network (SPEC §7, issue 2 item 5/8):
// Japanese pages, a CSP that forbids remote loads, no request leaving the bundle,
// and no page wider than a 360 px screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { HTML_DIR, PHONE, SINGLE_FILE, htmlPages, open, requireBuild, startBrowser } from './lib.mjs';

// Fetch directives that could pull something into the page.
const FETCH_DIRECTIVES = [
  'default-src', 'script-src', 'script-src-elem', 'script-src-attr', 'style-src',
  'style-src-elem', 'style-src-attr', 'img-src', 'font-src', 'connect-src', 'media-src',
  'object-src', 'frame-src', 'child-src', 'worker-src', 'manifest-src',
];

// Sources that can only name something local or inline.
function isLocalSource(token) {
  const t = token.toLowerCase();
  return (
    ["'self'", "'none'", "'unsafe-inline'", "'unsafe-hashes'", "'strict-dynamic'", 'data:', 'blob:']
      .includes(t) ||
    /^'(nonce|sha256|sha384|sha512)-/.test(t)
  );
}

/** Returns the reasons a CSP string would allow a remote load ([] when it forbids them). */
function remoteLoadsAllowed(csp) {
  const reasons = [];
  const directives = new Map();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  if (!directives.has('default-src')) {
    reasons.push('no default-src: every directive not listed allows any origin');
  }
  for (const name of FETCH_DIRECTIVES) {
    for (const s of directives.get(name) ?? []) {
      if (!isLocalSource(s)) reasons.push(`${name} allows ${s}`);
    }
  }
  return reasons;
}

let b;
let phone;
const pages = [];

before(async () => {
  requireBuild();
  pages.push(...htmlPages(), SINGLE_FILE);
  b = await startBrowser();
  phone = await b.newPhone();
});
after(async () => b && b.close());

test('the CSP checker itself tells local from remote', () => {
  assert.deepEqual(remoteLoadsAllowed("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"), []);
  assert.notDeepEqual(remoteLoadsAllowed("default-src 'self'; img-src *"), []);
  assert.notDeepEqual(remoteLoadsAllowed("default-src 'self' https://cdn.example"), []);
  assert.notDeepEqual(remoteLoadsAllowed("script-src 'self'"), []);
});

test('out/html/index.html and out/bcp.html exist', () => {
  assert.ok(pages.includes(path.join(HTML_DIR, 'index.html')));
  assert.ok(pages.length >= 3, `only ${pages.length} pages in the bundle`);
});

test('every page: lang="ja", viewport meta, a CSP that forbids remote loads', async () => {
  const failures = [];
  for (const file of pages) {
    const page = await open(phone, file);
    const info = await page.evaluate(() => ({
      lang: document.documentElement.getAttribute('lang'),
      csp: [...document.querySelectorAll('meta[http-equiv]')]
        .filter((m) => m.httpEquiv.toLowerCase() === 'content-security-policy')
        .map((m) => m.content),
      cspInHead: !!document.head.querySelector('meta[http-equiv="Content-Security-Policy" i]'),
      viewport: document.querySelector('meta[name="viewport"]')?.content ?? null,
      innerWidth: window.innerWidth,
    }));
    const name = path.relative(path.dirname(HTML_DIR), file);
    if (info.lang !== 'ja') failures.push(`${name}: <html lang="${info.lang}">, expected "ja"`);
    if (info.csp.length === 0) failures.push(`${name}: no Content-Security-Policy meta`);
    else if (!info.cspInHead) failures.push(`${name}: the CSP meta is not in <head>`);
    for (const csp of info.csp) {
      for (const r of remoteLoadsAllowed(csp)) failures.push(`${name}: CSP "${csp}": ${r}`);
    }
    if (!/width\s*=\s*device-width/.test(info.viewport ?? '')) {
      failures.push(`${name}: no <meta name="viewport" content="width=device-width…">`);
    }
    if (info.innerWidth !== PHONE.viewport.width) {
      failures.push(`${name}: layout width ${info.innerWidth}px on a ${PHONE.viewport.width}px phone (content too wide, or no viewport meta)`);
    }
    await page.close();
  }
  assert.deepEqual(failures, []);
});

test('no page scrolls sideways at 360 px (light and dark)', async () => {
  const failures = [];
  for (const scheme of ['light', 'dark']) {
    const ctx = await b.newPhone({ colorScheme: scheme });
    for (const file of pages) {
      const page = await open(ctx, file);
      // Against the phone's width, not innerWidth: a mobile browser widens its
      // layout viewport (and zooms out) to fit content that is too wide.
      const w = await page.evaluate((limit) => {
        // Name the widest offenders so a failure says what to fix.
        const scroll = document.documentElement.scrollWidth;
        if (scroll <= limit) return { scroll, inner: limit, wide: [] };
        // Content inside its own scrolling box (a wide table) is fine.
        const clipped = (e) => {
          for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== 'visible') return true;
          }
          return false;
        };
        const wide = [...document.body.querySelectorAll('*')]
          .filter((e) => e.getBoundingClientRect().right > limit + 1 && !clipped(e))
          .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= limit + 1)
          .slice(0, 3)
          .map((e) => `<${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''}> right=${Math.round(e.getBoundingClientRect().right)}`);
        return { scroll, inner: limit, wide };
      }, PHONE.viewport.width);
      if (w.scroll > w.inner) {
        failures.push(`${path.basename(file)} (${scheme}): scrollWidth ${w.scroll} > ${w.inner}; ${w.wide.join(', ')}`);
      }
      await page.close();
    }
  }
  assert.deepEqual(failures, []);
});

test('opening every page made no request outside the bundle and raised no error', () => {
  assert.deepEqual(b.problems(), []);
  // The recorder must have seen the pages themselves, or it proves nothing.
  assert.ok(b.requests.length >= pages.length, `only ${b.requests.length} requests recorded`);
});
