// Figures on a 360 px phone (issue 12 item 3): as first shown, every figure
// either draws no SVG text smaller than 11 CSS px or shows its phone layout
// (the same data as lists) instead; 拡大 opens the drawing full screen, sits
// outside it, and pinch zoom is not disabled; a flow's text alternative
// states each decision and where each answer leads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HTML_DIR, SINGLE_FILE, htmlPages, open, requireBuild, startBrowser } from './lib.mjs';

const MIN_PX = 11;
let b;
let figurePages;
before(async () => {
  requireBuild();
  figurePages = [...htmlPages(), SINGLE_FILE].filter((p) => /<figure[^>]*class=["'][^"']*\bdiagram\b/.test(readFileSync(p, 'utf8')));
  b = await startBrowser();
});
after(async () => b && b.close());

/** Per figure: the smallest SVG text as drawn (CSS px), whether a phone layout with text is shown. */
function legibility(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const f of document.querySelectorAll('figure.diagram')) {
      // As shown when reached: bcp.html lays out a page only near the screen.
      f.scrollIntoView();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const shown = (e) => e.getClientRects().length > 0 && e.checkVisibility({ visibilityProperty: true });
      let smallest = Infinity;
      for (const svg of f.querySelectorAll('svg')) {
        if (!shown(svg)) continue;
        for (const t of svg.querySelectorAll('text')) {
          const ctm = t.getScreenCTM();
          if (!ctm) continue;
          const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
          smallest = Math.min(smallest, px);
        }
      }
      const phone = [...f.querySelectorAll('.diagram-phone, ol, ul')].find((e) => shown(e) && e.innerText.trim().length > 0);
      out.push({ id: f.id, smallest, phone: !!phone });
    }
    return out;
  });
}

test('every figure is legible at 360 px as first shown: SVG text ≥ 11 px, or its phone layout', async () => {
  const ctx = await b.newPhone();
  const failures = [];
  let count = 0;
  for (const file of figurePages) {
    const page = await open(ctx, file);
    for (const f of await legibility(page)) {
      count++;
      if (f.smallest < MIN_PX && f.smallest !== Infinity) {
        failures.push(`${path.basename(file)} #${f.id}: SVG text drawn at ${f.smallest.toFixed(1)} px`);
      }
      if (f.smallest === Infinity && !f.phone) failures.push(`${path.basename(file)} #${f.id}: neither a drawing nor a phone layout shown`);
    }
    await page.close();
  }
  assert.ok(count > 0, 'no figures');
  assert.deepEqual(failures, []);
});

test('the phone layout: a flowchart as numbered steps with its はい／いいえ branches linked, an org chart as a tree, a rack top unit first', async () => {
  const ctx = await b.newPhone();
  const page = await open(ctx, path.join(HTML_DIR, 'plan.html'));
  const flow = await page.evaluate(() => {
    const f = [...document.querySelectorAll('figure.diagram-flow')].find((x) => x.textContent.includes('参集ルールフロー図'));
    const steps = [...f.querySelectorAll('ol > li')];
    const links = [...f.querySelectorAll('ol a[href^="#"]')].map((a) => ({ text: a.textContent, ok: !!document.getElementById(a.getAttribute('href').slice(1)) }));
    const quake = steps.find((s) => s.querySelector(':scope > span')?.textContent === '地震か');
    return { steps: steps.length, links, quake: quake ? quake.innerText : '' };
  });
  assert.ok(flow.steps >= 10, `the 参集ルールフロー図 has ${flow.steps} numbered steps`);
  assert.ok(flow.links.length > 0 && flow.links.every((l) => l.ok), 'a branch link names no step');
  assert.match(flow.quake, /はい：\s*\d+\.「震度6弱以上か」へ/);
  assert.match(flow.quake, /いいえ：\s*\d+\.「風水害か」へ/);
  const org = await page.evaluate(() => {
    const f = document.querySelector('figure.diagram-org');
    return f ? f.querySelectorAll('.diagram-phone ul ul li').length : 0;
  });
  assert.ok(org > 0, 'an org chart shows no indented tree');
  await page.close();
  const rack = await open(ctx, path.join(HTML_DIR, 'rack-layout.html'));
  const us = await rack.evaluate(() =>
    [...document.querySelectorAll('figure.diagram-rack .diagram-phone ol')].map((ol) =>
      [...ol.querySelectorAll('li')].map((li) => Number((li.textContent.match(/^U(\d+)/) || [])[1])),
    ),
  );
  assert.ok(us.length > 0 && us.every((l) => l.length > 0), 'a rack shows no U-ordered list');
  for (const l of us) assert.deepEqual(l, [...l].sort((a, b) => b - a), 'a rack list is not ordered from the top unit down');
  await ctx.close();
});

test('a flow diagram\'s text alternative states each decision and where each answer leads', async () => {
  const ctx = await b.newPhone();
  const page = await open(ctx, path.join(HTML_DIR, 'plan.html'));
  const descs = await page.evaluate(() =>
    [...document.querySelectorAll('figure.diagram-flow svg')].map((svg) => {
      const ids = (svg.getAttribute('aria-labelledby') ?? '') + ' ' + (svg.getAttribute('aria-describedby') ?? '');
      return ids.split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    }),
  );
  assert.ok(descs.length >= 1, 'no flow diagram drawn');
  const quake = descs.find((d) => d.includes('地震か'));
  assert.ok(quake, 'no flow alternative mentions 地震か');
  assert.match(quake, /地震か — はい：\d+\.「震度6弱以上か」へ／いいえ：\d+\.「風水害か」へ/);
  assert.match(quake, /震度6弱以上か — はい：\d+\.「全職員が参集」へ/);
  for (const d of descs) {
    // Each decision (a question ending in か) names both answers' targets.
    for (const m of d.matchAll(/\d+\. ([^。—]*か) — ([^。]*)/g)) {
      assert.match(m[2], /はい：.+へ/, `「${m[1]}」: where はい leads is not said`);
      assert.match(m[2], /いいえ：.+へ/, `「${m[1]}」: where いいえ leads is not said`);
    }
  }
  await ctx.close();
});

async function checkZoom(file) {
  const ctx = await b.newPhone();
  const page = await open(ctx, file);
  const meta = await page.evaluate(() => document.querySelector('meta[name=viewport]')?.content ?? '');
  assert.doesNotMatch(meta, /user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\.0*)?\b/, 'pinch zoom is disabled');
  const fig = page.locator('figure.diagram-flow').first();
  const zoom = fig.locator('.zoom');
  await zoom.scrollIntoViewIfNeeded();
  // The control is outside the drawing: it overlaps no text of the SVG as first shown.
  const overlap = await fig.evaluate((f) => {
    const z = f.querySelector('.zoom').getBoundingClientRect();
    return [...f.querySelectorAll('svg text')]
      .map((t) => t.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.left < z.right && r.right > z.left && r.top < z.bottom && r.bottom > z.top).length;
  });
  assert.equal(overlap, 0, `${path.basename(file)}: 拡大 covers ${overlap} labels`);
  await zoom.tap();
  await page.waitForTimeout(200);
  const full = await fig.evaluate((f) => {
    const svg = f.querySelector('svg');
    const r = svg.getBoundingClientRect();
    const box = svg.closest('[id]:not(figure)') ?? svg.parentElement;
    const b = box.getBoundingClientRect();
    let smallest = Infinity;
    for (const t of svg.querySelectorAll('text')) {
      const ctm = t.getScreenCTM();
      smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b));
    }
    const close = [...f.querySelectorAll('a, button')].find((e) => e.getClientRects().length > 0 && /閉じる/.test(e.textContent));
    const c = close?.getBoundingClientRect();
    return {
      covers: b.left <= 0.5 && b.top <= 0.5 && b.right >= innerWidth - 0.5 && b.bottom >= innerHeight - 0.5,
      svgShown: r.width > 0 && r.height > 0,
      smallest,
      closeAboveDrawing: !!c && c.bottom <= r.top + 0.5,
    };
  });
  assert.ok(full.covers, `${path.basename(file)}: 拡大 does not open the drawing full screen`);
  assert.ok(full.svgShown, `${path.basename(file)}: the full-screen drawing is empty`);
  assert.ok(full.smallest >= MIN_PX, `${path.basename(file)}: full screen, labels are ${full.smallest.toFixed(1)} px`);
  assert.ok(full.closeAboveDrawing, `${path.basename(file)}: 閉じる is missing or lies on the drawing`);
  await ctx.close();
}

test('拡大 opens the drawing full screen, outside it, labels at full size (out/html)', () => checkZoom(path.join(HTML_DIR, 'plan.html')));
test('拡大 opens the drawing full screen in bcp.html too', () => checkZoom(SINGLE_FILE));

test('the figure pages made no request outside the bundle and raised no error', () => {
  assert.deepEqual(b.problems(), []);
});
