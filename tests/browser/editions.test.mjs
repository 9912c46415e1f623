// Editions (issue 6 item 5, SPEC §7): every page names its edition, and a public
// edition holds nothing of a document above 公開 — no page, no link, no text,
// nothing the search box can find. Needs a second build in BCPGEN_OUT_PUBLIC
// (`bcpgen build --edition public`); tests/run-all.sh makes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { OUT, manifest, htmlPages, open, requireBuild, startBrowser } from './lib.mjs';

const PUBLIC = process.env.BCPGEN_OUT_PUBLIC ? path.resolve(process.env.BCPGEN_OUT_PUBLIC) : null;
// How each edition is named on the page (Edition::label in src/model/site.rs).
const EDITION_WORD = { staff: '職員版', public: '公開版', internal: '庁内版', confidential: '機密版' };
// Shorter runs of text are too likely to occur in the public plan by chance.
const MIN_SNIPPET = 10;

let b;
let staff;
let excluded = [];
before(async () => {
  requireBuild();
  staff = manifest();
  excluded = staff.documents.filter((d) => d.classification && d.classification !== 'public');
  // Both builds are bundles here: the staff one is read to know what to look for.
  b = await startBrowser(...[OUT, PUBLIC].filter(Boolean));
});
after(async () => b && b.close());

/** Every text file of a build (HTML, CSS, JS, JSON), decoded so escapes cannot hide text. */
function textFiles(dir) {
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(html|js|css|json|svg|txt)$/.test(name)) found.push(p);
    }
  };
  walk(dir);
  return found.map((p) => ({
    p,
    text: readFileSync(p, 'utf8')
      .replace(/\\u([0-9a-fA-F]{4})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
      .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(Number(d)))
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"'),
  }));
}

/** Text blocks of a page (paragraphs, list items, cells) as the browser reads them. */
async function blocks(ctx, file) {
  const page = await open(ctx, file);
  const list = await page.evaluate(() =>
    [...document.body.querySelectorAll('p, li, td, dd')]
      .filter((e) => !e.closest('nav, header, footer'))
      .map((e) => e.innerText.replace(/\s+/g, ' ').trim())
      .filter(Boolean),
  );
  await page.close();
  return [...new Set(list)];
}

test('every page of the staff build names its edition', async () => {
  const word = EDITION_WORD[staff.edition];
  assert.ok(word, `manifest edition "${staff.edition}" is not one of ${Object.keys(EDITION_WORD).join(', ')}`);
  const ctx = await b.newPhone();
  const failures = [];
  for (const file of [...htmlPages(), path.join(OUT, 'bcp.html')]) {
    const page = await open(ctx, file);
    if (!(await page.evaluate(() => document.body.innerText)).includes(word)) {
      failures.push(`${path.basename(file)} does not say 「${word}」`);
    }
    await page.close();
  }
  assert.deepEqual(failures, []);
});

test('the staff build holds documents that a public edition must leave out', () => {
  assert.equal(staff.edition, 'staff');
  assert.ok(excluded.length > 0, 'every document is public: nothing to leave out');
});

test('the public edition leaves out every non-public document: pages, links, text, search', async (t) => {
  if (!PUBLIC) {
    t.skip('BCPGEN_OUT_PUBLIC not set (tests/run-all.sh sets it)');
    return;
  }
  assert.ok(existsSync(path.join(PUBLIC, 'manifest.json')), `no public build at ${PUBLIC}`);
  const pub = manifest(PUBLIC);
  assert.equal(pub.edition, 'public');
  const failures = [];
  for (const d of pub.documents) {
    if (d.classification !== 'public') failures.push(`manifest lists ${d.id} (${d.classification})`);
  }
  const ids = new Set(excluded.map((d) => d.id));
  const pubHtml = path.join(PUBLIC, 'html');
  for (const id of ids) {
    if (existsSync(path.join(pubHtml, `${id}.html`))) failures.push(`html/${id}.html exists`);
  }

  // Text that only the left-out documents hold in the staff build.
  const ctx = await b.newPhone();
  const keptPages = staff.documents
    .filter((d) => !ids.has(d.id))
    .map((d) => path.join(OUT, 'html', `${d.id}.html`))
    .filter(existsSync);
  keptPages.push(path.join(OUT, 'html', 'glossary.html'));
  const kept = new Set();
  let keptText = '';
  for (const f of keptPages.filter(existsSync)) {
    for (const s of await blocks(ctx, f)) kept.add(s);
    const page = await open(ctx, f);
    keptText += (await page.evaluate(() => document.body.innerText)).replace(/\s+/g, ' ') + '\n';
    await page.close();
  }
  const secret = [];
  for (const id of ids) {
    const f = path.join(OUT, 'html', `${id}.html`);
    if (!existsSync(f)) continue;
    for (const s of await blocks(ctx, f)) {
      if (s.length >= MIN_SNIPPET && ![...kept].some((k) => k.includes(s))) secret.push({ id, s });
    }
  }
  assert.ok(secret.length > 0, 'found no text unique to the left-out documents to look for');

  const files = textFiles(PUBLIC);
  for (const { id, s } of secret) {
    for (const { p, text } of files) {
      if (text.includes(s)) failures.push(`${path.relative(PUBLIC, p)} holds text of ${id}: 「${s.slice(0, 40)}」`);
    }
  }
  for (const { p, text } of files) {
    for (const id of ids) {
      if (new RegExp(`["'/]${id}\\.html`).test(text)) failures.push(`${path.relative(PUBLIC, p)} links to ${id}.html`);
    }
  }

  // And a person searching the public bundle finds none of it.
  const page = await open(ctx, path.join(pubHtml, 'index.html'));
  const box = page.locator('input[type=search]');
  const controls = await box.getAttribute('aria-controls');
  const results = page.locator(`[id="${controls}"] a[href]`);
  // A query is the shortest start of a secret block that no kept page holds.
  const queries = [];
  for (const { id, s } of secret) {
    for (let n = 10; n <= s.length; n++) {
      if (!keptText.includes(s.slice(0, n))) {
        queries.push({ id, q: s.slice(0, n) });
        break;
      }
    }
    if (queries.length === 5) break;
  }
  assert.ok(queries.length > 0, 'no search query unique to the left-out documents');
  for (const { id, q } of queries) {
    // First a word the public plan holds, so the search is known to answer...
    await box.fill('');
    await box.pressSequentially('参集');
    await results.first().waitFor({ timeout: 10_000 }).catch(() => {});
    if ((await results.count()) === 0) failures.push('searching 「参集」 in the public edition finds nothing');
    // ...then the left-out text: its results must go and stay gone.
    await box.fill('');
    await box.pressSequentially(q);
    await page
      .waitForFunction((c) => document.getElementById(c).querySelectorAll('a[href]').length === 0, controls, { timeout: 5_000 })
      .catch(() => {});
    await page.waitForTimeout(1_000);
    const hits = await results.count();
    if (hits > 0) failures.push(`searching 「${q}」 (only in ${id}) finds ${hits} results`);
  }
  const said = await page.evaluate(() => document.body.innerText);
  if (!said.includes(EDITION_WORD.public)) failures.push(`the public start page does not say 「${EDITION_WORD.public}」`);
  await page.close();
  assert.deepEqual([...new Set(failures)].slice(0, 40), []);
  assert.deepEqual(b.problems(), []);
});
