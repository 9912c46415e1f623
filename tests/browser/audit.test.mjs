// The guidance audit page (issue 17): reached from the status page in one
// tap, readable at 360 px (no sideways scroll), every declared place a link
// that lands on its heading, and every item's wording status shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { HTML_DIR, open, requireBuild, startBrowser, tapLink, bodyText } from './lib.mjs';

let b;
let phone;
before(async () => {
  requireBuild();
  b = await startBrowser();
  phone = await b.newPhone();
});
after(async () => b && b.close());

test('the status page links the audit page, which fits 360 px and shows each status', async () => {
  const page = await open(phone, path.join(HTML_DIR, 'status.html'));
  await tapLink(page, page.locator('a[href="audit.html"]'));
  assert.match(page.url(), /audit\.html$/);
  const text = await bodyText(page);
  for (const want of ['国の指針に照らした点検', '未対応', '一部対応', '候補：', '文言：原文', '文言：文言未転記']) {
    assert.ok(text.includes(want), `${want} not on the audit page`);
  }
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  assert.ok(scroll <= client, `the page scrolls sideways (${scroll} > ${client})`);
  // A declared place leads to its heading.
  const link = page.locator('a[href="plan.html#assembly"]').first();
  await tapLink(page, link);
  assert.ok(await page.locator('#assembly').isVisible());
  assert.deepEqual(b.problems(), []);
});
