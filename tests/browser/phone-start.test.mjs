// bcp.html starts fast on a phone (issue 12 item 4): at start only the start
// page is laid out; the other pages are laid out as they come near the
// screen (content-visibility), yet every one is a tap away and shows when
// reached; ticks are restored and search works from DOMContentLoaded.
// Timings are measured by bench/phone-start.mjs, not here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SINGLE_FILE, fileUrl, requireBuild, startBrowser } from './lib.mjs';

let b;
before(async () => {
  requireBuild();
  b = await startBrowser();
});
after(async () => b && b.close());

test('bcp.html opens on the start page and lays out nothing else until it is near', async () => {
  const ctx = await b.newPhone();
  const page = await ctx.newPage();
  await page.goto(fileUrl(SINGLE_FILE), { waitUntil: 'domcontentloaded' });
  const f = await page.evaluate(async () => {
    // After the first frame, when the browser has decided what is near the screen.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const pages = [...document.querySelectorAll('main > section.page')];
    return {
      first: pages[0]?.id,
      firstTop: pages[0]?.getBoundingClientRect().top,
      count: pages.length,
      // The contents of a page whose layout is skipped report not visible with this option.
      laidOut: pages.filter((p) => p.lastElementChild?.checkVisibility({ contentVisibilityAuto: true })).map((p) => p.id),
    };
  });
  assert.equal(f.first, 'index', 'bcp.html does not start with the start page');
  assert.ok(f.firstTop < 200, 'the start page is not on the first screen');
  assert.ok(f.count > 10, `only ${f.count} pages`);
  assert.ok(f.laidOut.length <= 2, `at start ${f.laidOut.length} of ${f.count} pages are laid out: ${f.laidOut.join(', ')}`);

  // One tap to a document, and its text is there.
  const link = page.locator('#index a[href="#plan"]').first();
  await link.tap();
  await page.waitForFunction(() => location.hash === '#plan');
  const shown = await page.evaluate(() => {
    const s = document.getElementById('plan');
    const r = s.getBoundingClientRect();
    return r.top < innerHeight && r.bottom > 0 && s.innerText.length > 1000;
  });
  assert.ok(shown, 'the plan is not shown after one tap');
  await ctx.close();
});

test('bcp.html: ticks are restored and search answers as soon as DOMContentLoaded has fired', async () => {
  const ctx = await b.newPhone();
  const page = await ctx.newPage();
  await page.goto(fileUrl(SINGLE_FILE), { waitUntil: 'domcontentloaded' });
  const key = await page.evaluate(() => {
    const box = document.querySelector('input[type=checkbox][data-key]');
    localStorage.setItem(box.dataset.key, '1');
    return box.dataset.key;
  });
  await page.goto(fileUrl(SINGLE_FILE) + '#index', { waitUntil: 'domcontentloaded' });
  await page.reload({ waitUntil: 'domcontentloaded' });
  const f = await page.evaluate((k) => {
    const input = document.querySelector('input[type=search][aria-controls]');
    input.value = '参集';
    input.dispatchEvent(new Event('search'));
    const out = document.getElementById(input.getAttribute('aria-controls'));
    return { ticked: document.querySelector(`input[data-key="${k}"]`).checked, hits: out.querySelectorAll('a').length };
  }, key);
  assert.ok(f.ticked, 'the tick was not restored at DOMContentLoaded');
  assert.ok(f.hits > 0, 'search gave nothing at DOMContentLoaded');
  await ctx.close();
});
