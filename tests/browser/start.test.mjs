// The phone's start page leads with what a person needs in the first minutes
// (issue 4 item 4): one large entry per incident that reaches that manual's first
// actions in at most two taps, then 参集基準, 連絡先 and 安否確認.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { HTML_DIR, manifest, open, requireBuild, startBrowser, tapLink, urlToPath } from './lib.mjs';

const INDEX = path.join(HTML_DIR, 'index.html');
// A thumb-sized target (WCAG 2.5.5 asks for 44 CSS px).
const MIN_HEIGHT = 44;
const MIN_WIDTH = 120;
const PHONE_HEIGHT = 740;

let b;
let phone;
let manuals;
before(async () => {
  requireBuild();
  manuals = manifest().documents.filter((d) => d.kind === 'manual');
  b = await startBrowser();
  phone = await b.newPhone();
});
after(async () => b && b.close());

/** Links on `page` that lead to `<id>.html` (any folder, any fragment), in document order. */
function linksTo(page, id) {
  return page.locator(
    [`a[href="${id}.html"]`, `a[href^="${id}.html#"]`, `a[href$="/${id}.html"]`, `a[href*="/${id}.html#"]`].join(', '),
  );
}

/** True when a heading about first actions (初動) is on the screen now. */
async function firstActionsOnScreen(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].some((h) => {
      if (!h.textContent.includes('初動')) return false;
      const r = h.getBoundingClientRect();
      return r.height > 0 && r.top >= -2 && r.top < window.innerHeight - 20;
    }),
  );
}

test('the manifest lists the six incident manuals', () => {
  assert.equal(manuals.length, 6, `manuals in manifest: ${manuals.map((m) => m.id).join(', ')}`);
  assert.equal(new Set(manuals.map((m) => m.incident)).size, 6, 'each manual has its own incident');
});

test('one large entry per incident, the first on the opening screen', async () => {
  const page = await open(phone, INDEX);
  const failures = [];
  let firstTop = Infinity;
  for (const m of manuals) {
    const entry = linksTo(page, m.id).first();
    if ((await entry.count()) === 0) {
      failures.push(`${m.id}: no link to ${m.id}.html on the start page`);
      continue;
    }
    const box = await entry.boundingBox();
    const text = (await entry.innerText()).trim();
    if (!text) failures.push(`${m.id}: the entry has no text`);
    if (!box || box.height < MIN_HEIGHT || box.width < MIN_WIDTH) {
      failures.push(`${m.id}: entry 「${text}」 is ${box ? `${Math.round(box.width)}×${Math.round(box.height)}` : 'hidden'} px, want ≥ ${MIN_WIDTH}×${MIN_HEIGHT}`);
    }
    if (box) firstTop = Math.min(firstTop, box.y);
  }
  assert.deepEqual(failures, []);
  assert.ok(firstTop < PHONE_HEIGHT, `the first incident entry starts at y=${firstTop}, below the first screen`);
  await page.close();
});
for (const id of ['earthquake', 'flood', 'security', 'disaster-accident', 'attack-terror', 'pandemic']) {
  test(`${id}: the start page reaches the manual's first actions in ≤ 2 taps`, async (t) => {
    if (!manuals.some((m) => m.id === id)) {
      // The manifest test above already fails for a missing manual.
      t.skip(`${id} is not in the manifest`);
      return;
    }
    const page = await open(phone, INDEX);
    let taps = 0;
    const entry = linksTo(page, id).first();
    assert.ok((await entry.count()) > 0, `no entry for ${id} on the start page`);
    await tapLink(page, entry);
    taps++;
    if (!urlToPath(page.url()).endsWith(`${id}.html`)) {
      // An intermediate page is allowed, as long as one more tap reaches the manual.
      const next = linksTo(page, id).first();
      assert.ok((await next.count()) > 0, `after 1 tap (${page.url()}) no link onward to ${id}.html`);
      await tapLink(page, next);
      taps++;
    }
    assert.ok(urlToPath(page.url()).endsWith(`${id}.html`), `after ${taps} taps at ${page.url()}`);
    assert.ok(
      await firstActionsOnScreen(page),
      `after ${taps} tap(s) at ${page.url()}: no 初動 heading on the screen`,
    );
    await page.close();
  });
}

// What each entry must lead to: the word on the start page and proof on the target.
const ENTRIES = [
  {
    word: '参集基準',
    check: async (page) => /震度/.test(await page.evaluate(() => document.body.innerText)),
    what: 'the rules by 震度',
  },
  {
    word: '連絡先',
    check: async (page) => (await page.locator('a[href^="tel:"]').count()) > 0,
    what: 'tel: links',
  },
  {
    word: '安否確認',
    check: async (page) => /安否/.test(await page.evaluate(() => document.body.innerText)),
    what: '安否',
  },
];

for (const { word, check, what } of ENTRIES) {
  test(`start page: an entry for ${word} leads to ${what} in one tap`, async () => {
    const page = await open(phone, INDEX);
    const entry = page.locator('a[href]').filter({ hasText: word }).first();
    assert.ok((await entry.count()) > 0, `no link with 「${word}」 on the start page`);
    const href = await tapLink(page, entry);
    assert.ok(await check(page), `「${word}」 led to ${href}, which shows no ${what}`);
    await page.close();
  });
}

test('the start page made no request outside the bundle and raised no error', () => {
  assert.deepEqual(b.problems(), []);
});
