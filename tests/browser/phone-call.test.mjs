// Who to call (issue 12 item 1): a page that names a role with a contact
// offers tel: buttons for the holder, then the deputies, dialling the numbers
// of the contacts document (緊急連絡先リスト); the public edition shows none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HTML_DIR, OUT, SINGLE_FILE, htmlPages, open, requireBuild, startBrowser } from './lib.mjs';

const PUBLIC = process.env.BCPGEN_OUT_PUBLIC ? path.resolve(process.env.BCPGEN_OUT_PUBLIC) : null;
const CONTACTS = path.join(HTML_DIR, 'emergency-contacts.html');

let b;
let phone;
/** Role name → the tel: hrefs the contacts document lists for it. */
let numbers;
before(async () => {
  requireBuild();
  b = await startBrowser(...(PUBLIC ? [OUT, PUBLIC] : []));
  phone = await b.newPhone();
  const page = await open(phone, CONTACTS);
  numbers = await page.evaluate(() => {
    const out = {};
    for (const li of document.querySelectorAll('main li.contact')) {
      const role = li.querySelector('.contact-org')?.textContent ?? '';
      out[role] = [...li.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href'));
    }
    return out;
  });
  await page.close();
});
after(async () => b && b.close());

/** The contacts document's numbers of the entry whose role text holds `role`. */
function dialOf(role) {
  const key = Object.keys(numbers).find((k) => k.includes(role));
  assert.ok(key, `緊急連絡先リスト has no entry for ${role}: ${JSON.stringify(numbers)}`);
  return numbers[key];
}

/** The call buttons right after the first element of `selector` whose text holds `words`. */
async function buttonsAfter(page, selector, words) {
  return page.evaluate(
    ({ selector, words }) => {
      const main = document.querySelector('main');
      const at = [...main.querySelectorAll(selector)].find((e) => e.textContent.includes(words));
      if (!at) return null;
      const row = at.matches('p') ? at.nextElementSibling : at.querySelector(':scope > .calls');
      if (!row || !row.matches('.calls')) return [];
      return [...row.querySelectorAll('a')].map((a) => {
        const r = a.getBoundingClientRect();
        return {
          href: a.getAttribute('href'),
          text: a.textContent.trim(),
          label: a.getAttribute('aria-label'),
          inMain: !!a.closest('main'),
          height: r.height,
        };
      });
    },
    { selector, words },
  );
}

test('the default content carries the section\'s 緊急連絡先リスト, confidential and sample', async () => {
  const html = readFileSync(CONTACTS, 'utf8');
  assert.match(html, /緊急連絡先リスト/);
  assert.match(html, /サンプル/);
  assert.ok(dialOf('電算機管理者').length > 0);
  for (const hrefs of Object.values(numbers)) {
    for (const h of hrefs) assert.match(h, /^tel:030000\d{4}$/, `${h} is not in the unassigned 0000 exchange`);
  }
});

test('a manual sentence naming 電算機管理者 is followed by the holder\'s then the deputies\' buttons', async () => {
  const page = await open(phone, path.join(HTML_DIR, 'security.html'));
  const got = await buttonsAfter(page, 'p', '気づいた職員は、すぐに電算機管理者に報告する');
  assert.ok(got && got.length >= 4, `no call buttons after the sentence: ${JSON.stringify(got)}`);
  const expected = [...dialOf('電算機管理者'), ...dialOf('代行者1'), ...dialOf('代行者2'), ...dialOf('代行者3')];
  assert.deepEqual(got.map((g) => g.href), expected);
  assert.deepEqual(got.map((g) => g.text), ['電算機管理者', '代行者1', '代行者2', '代行者3']);
  for (const g of got) {
    assert.ok(g.inMain, 'a call button outside <main>');
    assert.ok(g.height >= 44, `${g.text} is ${g.height}px tall`);
    // The accessible name starts with what is seen and carries the number.
    assert.ok(g.label.startsWith(g.text), g.label);
    assert.match(g.label, /03-0000-12\d\d/);
  }
  // The sentence itself reads as written.
  const p = await page.locator('main p', { hasText: '気づいた職員は' }).first().textContent();
  assert.equal(p, '気づいた職員は、すぐに電算機管理者に報告する。連絡が取れなければ代行者1、代行者2、代行者3の順に報告する。');
  await page.close();
});

test('a checklist item done by:, the succession order, a role table and the 安否確認 form offer the calls', async () => {
  const checks = [
    // by: liaison-team on the earthquake checklist.
    ['earthquake.html', 'li.check', '被害情報を取りまとめて', '連絡調整チーム'],
    ['command-succession.html', 'ol.succession li', '代行者1', '代行者1'],
    ['plan.html', 'td', '電算機管理者（情報システム課長）', '電算機管理者'],
    ['staff-safety-form.html', '.field dd', '', '連絡調整チーム'],
  ];
  for (const [file, selector, words, role] of checks) {
    const page = await open(phone, path.join(HTML_DIR, file));
    const got = await page.evaluate(
      ({ selector, words, role }) =>
        [...document.querySelectorAll(`main ${selector}`)]
          .filter((e) => e.textContent.includes(words))
          .flatMap((e) => [...e.querySelectorAll('.calls a')])
          .filter((a) => a.textContent.trim() === role)
          .map((a) => a.getAttribute('href')),
      { selector, words, role },
    );
    assert.ok(got.length > 0, `${file}: no ${role} button in ${selector} holding 「${words}」`);
    assert.equal(got[0], dialOf(role)[0], `${file}: ${role} dials ${got[0]}`);
    await page.close();
  }
});

test('each 初動 section links to the 緊急連絡先リスト', async () => {
  for (const id of ['earthquake', 'flood', 'security', 'pandemic', 'attack-terror', 'disaster-accident']) {
    const page = await open(phone, path.join(HTML_DIR, `${id}.html`));
    // From the 初動対応 heading to the next chapter.
    const ok = await page.evaluate(() => {
      const h = document.getElementById('first-actions');
      for (let e = h.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling) {
        if (e.querySelector('a[href$="emergency-contacts.html"]')) return true;
      }
      return false;
    });
    assert.ok(ok, `${id}: 初動対応 does not link to the 緊急連絡先リスト`);
    await page.close();
  }
});

test('bcp.html offers the same buttons', async () => {
  const page = await open(phone, SINGLE_FILE);
  const hrefs = await page.evaluate(() =>
    [...document.querySelectorAll('main .calls a')].filter((a) => a.textContent.trim() === '電算機管理者').map((a) => a.getAttribute('href')),
  );
  assert.ok(hrefs.length > 0, 'no 電算機管理者 call button in bcp.html');
  assert.ok(hrefs.every((h) => h === dialOf('電算機管理者')[0]));
  await page.close();
});

test('the public edition shows no call button and no number of the list', async (t) => {
  if (!PUBLIC) return t.skip('BCPGEN_OUT_PUBLIC not set (tests/run-all.sh sets it)');
  const files = htmlPages(path.join(PUBLIC, 'html')).concat([path.join(PUBLIC, 'bcp.html')]);
  for (const f of files) {
    const html = readFileSync(f, 'utf8');
    assert.ok(!html.includes('class="calls"'), `${f} has call buttons`);
    assert.ok(!/03-0000-12\d\d|tel:03000012/.test(html), `${f} shows a number of the 緊急連絡先リスト`);
  }
});

test('no request left the bundle and no script failed', () => {
  assert.deepEqual(b.problems(), []);
});
