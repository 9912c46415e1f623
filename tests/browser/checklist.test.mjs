// Checklist ticks survive closing and reopening the page, stored per document,
// with a visible count and a reset (issue 4 items 1 and 6).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { htmlPages, open, requireBuild, startBrowser } from './lib.mjs';

let b;
let phone;
let tickPages;
before(async () => {
  requireBuild();
  tickPages = htmlPages().filter((p) => /type=["']?checkbox/i.test(readFileSync(p, 'utf8')));
  b = await startBrowser();
  phone = await b.newPhone();
});
after(async () => b && b.close());

const boxes = (page) => page.locator('input[type=checkbox]');
const states = (page) => boxes(page).evaluateAll((bs) => bs.map((x) => x.checked));

/** Ticks box i the way a person does: tap it, or its label when the box is styled away. */
async function tick(page, i) {
  const box = boxes(page).nth(i);
  if (await box.isVisible()) {
    await box.tap();
  } else {
    const id = await box.getAttribute('id');
    const label = id
      ? page.locator(`label[for="${id}"]`).or(box.locator('xpath=ancestor::label[1]'))
      : box.locator('xpath=ancestor::label[1]');
    await label.first().tap();
  }
}

test('at least two documents carry tick boxes', () => {
  assert.ok(tickPages.length >= 2, `pages with checkboxes: ${tickPages.map((p) => path.basename(p)).join(', ') || 'none'}`);
});

test('a tick survives reload and reopening, shows in a count, and reset clears it', async () => {
  const file = tickPages[0];
  assert.ok(file, 'no page with checkboxes');
  let page = await open(phone, file);
  page.on('dialog', (d) => d.accept()); // a reset may ask 「よろしいですか」
  const n = await boxes(page).count();
  assert.ok(n >= 2, `${path.basename(file)} has ${n} checkboxes`);
  assert.ok((await states(page)).every((c) => !c), 'a fresh page starts with nothing ticked');

  const textBefore = await page.evaluate(() => document.body.innerText);
  await tick(page, 1);
  assert.deepEqual((await states(page)).slice(0, 2), [false, true], 'tapping ticked box 2');
  const textAfter = await page.evaluate(() => document.body.innerText);
  assert.notEqual(textAfter, textBefore, 'ticking changed no visible text: no count of what is done');

  await page.reload({ waitUntil: 'load' });
  assert.equal((await states(page))[1], true, 'the tick is gone after reload');

  // Closing the page and opening it again (a new tab) keeps the tick too.
  await page.close();
  page = await open(phone, file);
  page.on('dialog', (d) => d.accept());
  assert.equal((await states(page))[1], true, 'the tick is gone after closing and reopening');
  assert.equal(await page.evaluate(() => document.body.innerText), textAfter, 'the count was not restored');

  // A different phone (fresh storage) sees nothing ticked: the tick lives in
  // storage, not in the HTML.
  const other = await b.newPhone();
  const fresh = await open(other, file);
  assert.ok((await states(fresh)).every((c) => !c), 'a fresh browser sees ticks: they are baked into the page');
  await fresh.close();

  const reset = page
    .locator('button, input[type=button], input[type=reset], a[role=button]')
    .filter({ hasText: /リセット|クリア|すべて外す|やり直す/ })
    .or(page.locator('input[type=button][value*="リセット"], input[type=reset]'));
  assert.ok((await reset.count()) > 0, 'no reset button (リセット) on the page');
  await reset.first().tap();
  await page.waitForFunction(() => [...document.querySelectorAll('input[type=checkbox]')].every((x) => !x.checked), null, { timeout: 5_000 }).catch(() => {});
  assert.ok((await states(page)).every((c) => !c), 'reset left ticks');
  await page.reload({ waitUntil: 'load' });
  assert.ok((await states(page)).every((c) => !c), 'ticks came back after reset and reload');
  await page.close();
});

test('ticks are kept per document: ticking one list leaves another alone', async () => {
  assert.ok(tickPages.length >= 2, 'needs two pages with checkboxes');
  const [a, other] = tickPages;
  const pa = await open(phone, a);
  await tick(pa, 0);
  assert.equal((await states(pa))[0], true);
  const pb = await open(phone, other);
  assert.ok(
    (await states(pb)).every((c) => !c),
    `ticking ${path.basename(a)} ticked boxes on ${path.basename(other)}`,
  );
  await pa.close();
  await pb.close();
});

test('ticking made no request outside the bundle and raised no error', () => {
  assert.deepEqual(b.problems(), []);
});
