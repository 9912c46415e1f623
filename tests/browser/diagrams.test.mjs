// Diagrams on a 360 px phone (issue 5 items 3 and 6): every figure.diagram holds
// an inline SVG no wider than the screen, a caption, a text alternative, and
// follows dark mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PHONE, SINGLE_FILE, htmlPages, open, requireBuild, startBrowser } from './lib.mjs';

let b;
let figurePages;
before(async () => {
  requireBuild();
  figurePages = [...htmlPages(), SINGLE_FILE].filter((p) => /<figure[^>]*class=["'][^"']*\bdiagram\b/.test(readFileSync(p, 'utf8')));
  b = await startBrowser();
});
after(async () => b && b.close());

/** Facts about every figure.diagram on the open page. */
function figures(page) {
  return page.evaluate((screen) =>
    [...document.querySelectorAll('figure.diagram')].map((f, i) => {
      const svg = f.querySelector('svg');
      const cap = f.querySelector('figcaption');
      let name = '';
      if (svg) {
        const by = (attr) =>
          (svg.getAttribute(attr) ?? '')
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ');
        name = [svg.getAttribute('aria-label'), svg.querySelector(':scope > title')?.textContent, by('aria-labelledby'), by('aria-describedby')]
          .filter(Boolean)
          .join(' ')
          .trim();
        // An SVG hidden from screen readers is fine if the figure carries a text version.
        if (!name && svg.getAttribute('aria-hidden') === 'true') {
          name = [...f.children]
            .filter((c) => c !== cap && !c.contains(svg))
            .map((c) => c.textContent)
            .join(' ')
            .trim();
        }
      }
      const r = svg?.getBoundingClientRect();
      return {
        i,
        id: f.id,
        hasSvg: !!svg,
        svgLeft: r?.left ?? 0,
        svgRight: r?.right ?? 0,
        svgWidth: r?.width ?? 0,
        svgHeight: r?.height ?? 0,
        caption: cap?.textContent.trim() ?? '',
        name,
        // Below the breakpoint a phone layout (lists) stands in for the drawing (issue 12 item 3).
        phoneLayout: !!f.querySelector('.diagram-phone') && f.querySelector('.diagram-phone').getClientRects().length > 0 && (svg?.getClientRects().length ?? 0) === 0,
        inner: screen, // the phone's width: innerWidth grows with too-wide content
      };
    }),
  PHONE.viewport.width);
}

test('the bundle has diagrams to check', () => {
  assert.ok(figurePages.length > 0, 'no page holds a <figure class="diagram">');
});

test('every figure.diagram: an SVG within 360 px, a caption, a text alternative', async () => {
  const phone = await b.newPhone();
  const failures = [];
  let count = 0;
  for (const file of figurePages) {
    const page = await open(phone, file);
    for (const f of await figures(page)) {
      count++;
      const where = `${path.basename(file)} figure ${f.id ? '#' + f.id : f.i + 1}`;
      if (!f.hasSvg) {
        failures.push(`${where}: no <svg>`);
        continue;
      }
      if (f.svgWidth > f.inner || f.svgRight > f.inner + 0.5 || f.svgLeft < -0.5) {
        failures.push(`${where}: svg spans ${Math.round(f.svgLeft)}..${Math.round(f.svgRight)} px on a ${f.inner} px screen`);
      }
      if (!f.phoneLayout && (f.svgWidth < 1 || f.svgHeight < 1)) failures.push(`${where}: svg is not drawn (${f.svgWidth}×${f.svgHeight})`);
      if (!f.caption) failures.push(`${where}: no <figcaption> text`);
      if (!f.name) failures.push(`${where}: no text alternative (aria-label, <title>, aria-labelledby/-describedby)`);
    }
    await page.close();
  }
  assert.ok(count > 0, 'no figure.diagram found');
  assert.deepEqual(failures, []);
});

/** Mean luminance 0..1 of a PNG, measured by drawing it on a canvas in a blank page. */
async function meanLuminance(png) {
  const ctx = await b.newPhone();
  const page = await ctx.newPage();
  const value = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += (0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2]) / 255;
    return sum / (d.length / 4);
  }, png.toString('base64'));
  await ctx.close();
  return value;
}

test('diagrams follow dark mode: light on light, dark on dark', async () => {
  assert.ok(figurePages.length > 0, 'no diagrams');
  const file = figurePages[0];
  const result = {};
  for (const scheme of ['light', 'dark']) {
    const ctx = await b.newPhone({ colorScheme: scheme });
    const page = await open(ctx, file);
    // On the phone the drawing is shown by 拡大 (full screen).
    await page.locator('figure.diagram .zoom').first().tap();
    const svg = page.locator('figure.diagram svg').first();
    await svg.scrollIntoViewIfNeeded();
    result[scheme] = await meanLuminance(await svg.screenshot());
    await ctx.close();
  }
  assert.ok(result.light > 0.5, `in light mode the diagram is mostly dark (luminance ${result.light.toFixed(2)})`);
  assert.ok(result.dark < 0.5, `in dark mode the diagram stays bright (luminance ${result.dark.toFixed(2)}): it ignores dark mode`);
});

test('the diagram pages made no request outside the bundle and raised no error', () => {
  assert.deepEqual(b.problems(), []);
});
