// Accessibility (issue 12 item 8): axe-core on every page of out/html and on
// bcp.html, light and dark, finds no serious or critical violation; every
// collapsible shows a marker, every button is a 44 px target and every
// scrolling table says it scrolls.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SINGLE_FILE, htmlPages, open, requireBuild, startBrowser } from './lib.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let b;
before(async () => {
  requireBuild();
  b = await startBrowser();
});
after(async () => b && b.close());

for (const scheme of ['light', 'dark']) {
  test(`axe-core: no serious or critical violation on any page (${scheme})`, async () => {
    // axe is injected by the test, not by the page: CSP would refuse it.
    const phone = await b.newPhone({ colorScheme: scheme, bypassCSP: true });
    const failures = [];
    for (const file of htmlPages().concat([SINGLE_FILE])) {
      const page = await open(phone, file);
      // bcp.html skips rendering of pages far from the screen
      // (content-visibility: auto); axe finds colours by hit-testing, which
      // meets whatever is drawn there instead. Render every page for the check.
      await page.addStyleTag({ content: '.page { content-visibility: visible !important; }' });
      await page.evaluate(AXE);
      const found = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'landmark-unique')
          .map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes[0].html.slice(0, 120)}`);
      });
      for (const f of found) failures.push(`${path.basename(file)}: ${f}`);
      await page.close();
    }
    assert.deepEqual(failures, []);
  });
}

test('every collapsible shows a marker, every button is 44 px, every scrolling table says so', async () => {
  const phone = await b.newPhone();
  const failures = [];
  for (const file of htmlPages().concat([SINGLE_FILE])) {
    const page = await open(phone, file);
    const found = await page.evaluate(async () => {
      const bad = [];
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (const s of document.querySelectorAll('details > summary')) {
        const marker = getComputedStyle(s, '::before').content;
        const native = getComputedStyle(s).display === 'list-item';
        if (!native && (!marker || marker === 'none' || marker === 'normal')) bad.push(`summary without marker: ${s.textContent}`);
      }
      for (const btn of document.querySelectorAll('button')) {
        const r = btn.getBoundingClientRect();
        if (r.width && (r.height < 44 || r.width < 44)) bad.push(`button ${btn.textContent} ${r.width}×${r.height}`);
      }
      for (const w of document.querySelectorAll('.table-wrap')) {
        // As a reader meets it: app.js measures a table when it is laid
        // out in view (a ResizeObserver), not before the page is shown.
        w.scrollIntoView();
        await frame();
        if (w.scrollWidth <= w.clientWidth + 1) continue;
        const named = (w.getAttribute('aria-label') || '').includes('横にスクロールできます');
        const shown = getComputedStyle(w, '::before').content.includes('横にスクロールできます');
        if (!named || !shown || w.tabIndex !== 0) bad.push(`scrolling table without hint: ${w.textContent.slice(0, 40)}`);
      }
      return bad;
    });
    for (const f of found) failures.push(`${path.basename(file)}: ${f}`);
    await page.close();
  }
  assert.deepEqual(failures, []);
});
