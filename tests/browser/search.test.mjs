// Japanese full-text search from file:// (issue 2 item 6): type a word into the
// start page's search box, find result links in the element its aria-controls
// names, follow one, and land on text that contains the word.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { HTML_DIR, SINGLE_FILE, open, requireBuild, startBrowser, tapLink, urlToPath } from './lib.mjs';

const WORDS = ['ランサムウェア', '参集', '震度6弱'];

let b;
let phone;
before(async () => {
  requireBuild();
  b = await startBrowser();
  phone = await b.newPhone();
});
after(async () => b && b.close());

/** Types `word` like a person would and returns the result links' hrefs. */
async function search(page, word) {
  const box = page.locator('input[type=search]');
  assert.equal(await box.count(), 1, 'exactly one input[type=search] on the start page');
  const controls = await box.getAttribute('aria-controls');
  assert.ok(controls, 'the search box has aria-controls');
  const results = page.locator(`[id="${controls}"]`);
  assert.equal(await results.count(), 1, `an element with id="${controls}" (named by aria-controls)`);
  await box.tap();
  await box.fill('');
  await box.pressSequentially(word);
  const links = results.locator('a[href]');
  await links.first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
  const n = await links.count();
  assert.ok(n > 0, `searching 「${word}」 shows no result links inside #${controls}`);
  return { links, n };
}

for (const word of WORDS) {
  test(`out/html: 「${word}」 finds pages that contain it`, async () => {
    const page = await open(phone, path.join(HTML_DIR, 'index.html'));
    const { links, n } = await search(page, word);
    // Every result must be a page of the bundle that really holds the word.
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
    for (const href of hrefs) {
      assert.ok(href.startsWith('file://'), `result ${href} is not a file of the bundle`);
    }
    // Follow the first result the way a person would: tap it.
    const href = await tapLink(page, links.first());
    const landed = urlToPath(page.url());
    assert.ok(landed.startsWith(HTML_DIR), `result led outside the bundle: ${href}`);
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(text.includes(word), `followed result ${href} (of ${n}); the page does not contain 「${word}」`);
    const hash = new URL(href).hash;
    if (hash.length > 1) {
      const exists = await page.evaluate(
        (id) => !!document.getElementById(id),
        decodeURIComponent(hash.slice(1)),
      );
      assert.ok(exists, `result ${href} points at an id that the page lacks`);
    }
    await page.close();
  });

  test(`bcp.html: 「${word}」 finds a place in the single file that contains it`, async () => {
    const page = await open(phone, SINGLE_FILE);
    const { links } = await search(page, word);
    const href = await tapLink(page, links.first());
    assert.equal(urlToPath(href), SINGLE_FILE, `a result in bcp.html left the file: ${href}`);
    const hash = decodeURIComponent(new URL(href).hash.slice(1));
    assert.ok(hash, `result ${href} has no fragment to jump to`);
    // The target (or the section/article around it) holds the word.
    const found = await page.evaluate(
      ({ id, word }) => {
        const t = document.getElementById(id);
        if (!t) return 'missing';
        const scope = t.closest('article, section') ?? t;
        return scope.textContent.includes(word) ? 'ok' : 'absent';
      },
      { id: hash, word },
    );
    assert.equal(found, 'ok', `bcp.html result #${hash} for 「${word}」: target ${found}`);
    await page.close();
  });
}

test('a word that is nowhere clears the results', async () => {
  const page = await open(phone, path.join(HTML_DIR, 'index.html'));
  await search(page, '参集');
  const box = page.locator('input[type=search]');
  const controls = await box.getAttribute('aria-controls');
  await box.fill('');
  await box.pressSequentially('存在しない語ぬゑゐ');
  // Results must go away rather than keep showing the previous word's hits.
  await page
    .waitForFunction((id) => document.getElementById(id).querySelectorAll('a[href]').length === 0, controls, {
      timeout: 10_000,
    })
    .catch(() => {});
  assert.equal(await page.locator(`[id="${controls}"] a[href]`).count(), 0);
  await page.close();
});

test('searching made no request outside the bundle and raised no error', () => {
  assert.deepEqual(b.problems(), []);
});
