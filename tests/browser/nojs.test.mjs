// Where JavaScript does not run (issue 12 item 5: iPhone Quick Look, a file
// manager's content:// view): Chromium with javaScriptEnabled:false, 360×740.
// Every document is reachable by visible links from the start page, in
// out/html/ and in bcp.html; bcp.html holds every document as a visible
// section and every #link resolves in it; contacts are tel: links, checklists
// lists of boxes, search says it cannot run; nothing the script shows is
// hidden without it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { HTML_DIR, SINGLE_FILE, fileUrl, htmlPages, manifest, open, requireBuild, startBrowser, urlToPath } from './lib.mjs';

let b;
let nojs;
let withJs;
before(async () => {
  requireBuild();
  b = await startBrowser();
  nojs = await b.newPhone({ javaScriptEnabled: false });
  withJs = await b.newPhone();
});
after(async () => b && b.close());

/** Links a person can see and tap: rendered, with a box, not clipped away. */
function visibleLinks(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('a[href]')]
      .filter((a) => {
        const r = a.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && a.checkVisibility({ visibilityProperty: true, opacityProperty: true });
      })
      .map((a) => ({ href: a.href, raw: a.getAttribute('href'), text: a.textContent.trim() })),
  );
}

test('out/html without JavaScript: the start page shows a link to every document, and a crawl reaches every page', async () => {
  const docs = manifest().documents.map((d) => d.id);
  const index = path.join(HTML_DIR, 'index.html');
  const page = await open(nojs, index);
  const onStart = new Set(
    (await visibleLinks(page)).filter((l) => l.href.startsWith('file:')).map((l) => path.basename(urlToPath(l.href), '.html')),
  );
  const missing = docs.filter((id) => !onStart.has(id));
  assert.deepEqual(missing, [], `documents with no visible link on the start page without JavaScript: ${missing.join(', ')}`);

  // Breadth-first over visible links only, as a person without scripts would tap.
  const seen = new Set([index]);
  const queue = [index];
  const broken = [];
  while (queue.length) {
    const file = queue.shift();
    await page.goto(fileUrl(file));
    const ids = new Set(await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id)));
    for (const l of await visibleLinks(page)) {
      if (!l.href.startsWith('file:')) continue;
      const target = urlToPath(l.href);
      const frag = decodeURIComponent(new URL(l.href).hash.slice(1));
      if (target === file && frag && !ids.has(frag)) broken.push(`${path.basename(file)}: ${l.raw} names no id`);
      if (target.endsWith('.html') && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  await page.close();
  const reached = new Set([...seen].map((f) => path.basename(f, '.html')));
  assert.deepEqual(docs.filter((id) => !reached.has(id)), [], 'documents no visible link leads to');
  assert.deepEqual(htmlPages().map((f) => path.basename(f, '.html')).filter((p) => !reached.has(p)), [], 'pages no visible link leads to');
  assert.deepEqual(broken, []);
});

test('bcp.html without JavaScript: every document a visible <section id>, linked from the start, every #link resolves', async () => {
  const docs = manifest().documents.map((d) => d.id);
  const page = await open(nojs, SINGLE_FILE);
  const facts = await page.evaluate((ids) => {
    const visible = (e) => !!e && e.getClientRects().length > 0 && e.checkVisibility({ visibilityProperty: true });
    const start = document.getElementById('index');
    const startLinks = new Set(
      [...(start ? start.querySelectorAll('a[href^="#"]') : [])].filter(visible).map((a) => a.getAttribute('href').slice(1)),
    );
    const all = new Set([...document.querySelectorAll('[id]')].map((e) => e.id));
    return {
      notSections: ids.filter((id) => {
        const s = document.getElementById(id);
        return !s || s.tagName !== 'SECTION' || !visible(s);
      }),
      notLinked: ids.filter((id) => ![...startLinks].some((h) => h === id || h.startsWith(id + '--'))),
      unresolved: [...document.querySelectorAll('a[href]')]
        .map((a) => a.getAttribute('href'))
        .filter((h) => !/^(tel|mailto):/.test(h))
        .filter((h) => !h.startsWith('#') || !all.has(decodeURIComponent(h.slice(1)))),
    };
  }, docs);
  assert.deepEqual(facts.notSections, [], 'documents without a visible <section id="<id>">');
  assert.deepEqual(facts.notLinked, [], 'documents the start section does not link to');
  assert.deepEqual([...new Set(facts.unresolved)], [], 'links that are not a same-file anchor that resolves');

  // Following a link shows its section (nothing waits for a script to unhide it).
  for (const id of docs) {
    await page.goto(fileUrl(SINGLE_FILE) + '#' + id);
    const shown = await page.evaluate((i) => {
      const r = document.getElementById(i).getBoundingClientRect();
      return r.height > 0 && r.top < innerHeight && r.bottom > 0;
    }, id);
    assert.ok(shown, `bcp.html#${id} does not show its section`);
  }
  await page.close();
});

test('without JavaScript: search says it cannot run; with it, the message is gone', async () => {
  for (const file of [path.join(HTML_DIR, 'index.html'), SINGLE_FILE]) {
    const off = await open(nojs, file);
    const msg = await off.evaluate(() => {
      const m = [...document.querySelectorAll('input[type=search]')].map((i) => {
        const box = i.closest('section, form, div') ?? document.body;
        return [...box.querySelectorAll('p, div')].filter((e) => e.getClientRects().length > 0).map((e) => e.innerText).join(' ');
      });
      return m.join(' ');
    });
    assert.match(msg, /検索が使えません|検索できません|JavaScript/, `${path.basename(file)}: no visible message where search cannot run`);
    await off.close();
    const on = await open(withJs, file);
    const still = await on.evaluate(() => document.body.innerText.includes('検索が使えません'));
    assert.equal(still, false, `${path.basename(file)}: the no-script message stays when search runs`);
    await on.close();
  }
});

test('without JavaScript: contacts are tel: links, checklists lists of boxes, and no text is hidden waiting for a script', async () => {
  let tels = 0;
  let boxes = 0;
  const hidden = [];
  const off = await nojs.newPage();
  const on = await withJs.newPage();
  for (const file of htmlPages()) {
    await off.goto(fileUrl(file));
    const f = await off.evaluate(() => ({
      tels: [...document.querySelectorAll('a[href^="tel:"]')].filter((a) => a.getClientRects().length > 0).length,
      boxes: [...document.querySelectorAll('ul li input[type=checkbox], ol li input[type=checkbox]')].filter((c) => {
        const r = c.getBoundingClientRect();
        return r.width >= 16 && r.height >= 16;
      }).length,
      text: document.querySelector('main').innerText,
    }));
    tels += f.tels;
    boxes += f.boxes;
    await on.goto(fileUrl(file));
    const textOn = await on.evaluate(() => document.querySelector('main').innerText);
    const offLines = new Set(f.text.split('\n').map((l) => l.trim()));
    for (const line of textOn.split('\n').map((l) => l.trim()).filter(Boolean)) {
      // Counters the script writes (「3 / 10 完了」) exist only with it.
      if (!offLines.has(line) && !/^\d+ \/ \d+ 完了$/.test(line)) hidden.push(`${path.basename(file)}: 「${line.slice(0, 40)}」`);
    }
  }
  await off.close();
  await on.close();
  assert.ok(tels > 0, 'no visible tel: link without JavaScript');
  assert.ok(boxes > 0, 'no checklist box without JavaScript');
  assert.deepEqual(hidden.slice(0, 20), [], 'text shown with JavaScript but not without it');
});
