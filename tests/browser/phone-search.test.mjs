// Search from every page (issue 12 item 2) and the start page's build line
// (item 7): the box sits in the top bar of every page and of bcp.html, ranks
// what staff look for first, takes several words and marks them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { HTML_DIR, SINGLE_FILE, htmlPages, manifest, open, requireBuild, startBrowser } from './lib.mjs';

let b;
let phone;
before(async () => {
  requireBuild();
  b = await startBrowser();
  phone = await b.newPhone();
});
after(async () => b && b.close());

/** Types `q` into the page's one search box; the result links' titles and marks. */
async function query(page, q) {
  const box = page.locator('header input[type=search][aria-controls]');
  assert.equal(await box.count(), 1, 'one search box in the top bar');
  const id = await box.getAttribute('aria-controls');
  await box.tap();
  await box.fill('');
  await box.pressSequentially(q);
  // Wait for the list that answers this query, not the previous one.
  await page.waitForFunction(
    ({ id, q }) => document.getElementById(id).getAttribute('data-query') === q,
    { id, q },
  );
  const links = page.locator(`[id="${id}"] a[href]`);
  return links.evaluateAll((as) =>
    as.map((a) => ({
      href: a.href,
      title: a.querySelector('.hit-title').textContent,
      marks: [...a.querySelectorAll('mark')].map((m) => m.textContent),
    })),
  );
}

test('every page and bcp.html has the search box in the top bar, on the first screen', async () => {
  const failures = [];
  for (const file of htmlPages().concat([SINGLE_FILE])) {
    const page = await open(phone, file);
    const box = page.locator('input[type=search][aria-controls]');
    if ((await box.count()) !== 1) {
      failures.push(`${path.basename(file)}: ${await box.count()} search boxes`);
    } else {
      const where = await box.evaluate((e) => {
        const r = e.getBoundingClientRect();
        return { inHeader: !!e.closest('header'), bottom: r.bottom, height: r.height, controls: !!document.getElementById(e.getAttribute('aria-controls')) };
      });
      if (!where.inHeader || where.bottom > 740 || where.height < 44 || !where.controls) {
        failures.push(`${path.basename(file)}: ${JSON.stringify(where)}`);
      }
    }
    await page.close();
  }
  assert.deepEqual(failures, []);
});

for (const [where, file] of [
  ['out/html (a manual)', path.join(HTML_DIR, 'flood.html')],
  ['bcp.html', SINGLE_FILE],
]) {
  test(`${where}: 参集 → 参集基準 in the top three, 停電 → 電源復旧手順 in the top three, ランサムウェア → the security manual first`, async () => {
    const page = await open(phone, file);
    const top = async (q, n) => (await query(page, q)).slice(0, n).map((h) => h.title);
    const sanshu = await top('参集', 3);
    assert.ok(sanshu.some((t) => t.startsWith('参集基準')), `参集: ${sanshu}`);
    const teiden = await top('停電', 3);
    assert.ok(teiden.some((t) => t.startsWith('電源復旧手順')), `停電: ${teiden}`);
    const ransom = await top('ランサムウェア', 1);
    assert.ok(ransom[0].startsWith('事象別対応マニュアル 情報セキュリティ事象編'), `ランサムウェア: ${ransom}`);
    await page.close();
  });
}

test('two words (half- or full-width space) find the pages holding both, both marked', async () => {
  const page = await open(phone, path.join(HTML_DIR, 'glossary.html'));
  for (const q of ['停電 復旧', '電算機管理者　代行者']) {
    const hits = await query(page, q);
    assert.ok(hits.length > 0, `「${q}」 finds nothing`);
    const words = q.split(/[ 　]/);
    const first = hits[0];
    for (const w of words) assert.ok(first.marks.includes(w), `「${q}」: ${w} not marked in ${JSON.stringify(first)}`);
    // Every page found holds every word.
    for (const h of hits.slice(0, 5)) {
      const p = await phone.newPage();
      await p.goto(h.href);
      const text = await p.evaluate(() => document.querySelector('main').innerText);
      for (const w of words) assert.ok(text.includes(w), `${h.href} lacks ${w}`);
      await p.close();
    }
  }
  await page.close();
});

test('the start page says when the bundle was built and which edition it is', async () => {
  const m = manifest();
  const page = await open(phone, path.join(HTML_DIR, 'index.html'));
  const line = await page.locator('main .start-built').innerText();
  const [y, mo, d] = m.build_date.split('-').map(Number);
  // 和暦 by default (site.yaml dates: wareki): the month and day as numbers.
  assert.ok(line.includes(`${mo}月${d}日`) && line.includes('作成'), line);
  assert.match(line, /職員版|公開版|庁内版|機密版/);
  assert.ok(y > 2000);
  await page.close();
});

test('no request left the bundle and no script failed', () => {
  assert.deepEqual(b.problems(), []);
});
