// Search latency on a low-end phone stand-in: 360×740, 4× CPU throttling
// (CDP Emulation.setCPUThrottlingRate). Usage:
//   node bench/phone.mjs [OUT]   (OUT defaults to out/; needs tests/browser/node_modules)
import { chromium } from '../tests/browser/node_modules/playwright-core/index.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const OUT = path.resolve(process.argv[2] ?? 'out');
const QUERIES = ['参集', '停電', 'ランサムウェア', '停電 復旧', '電算機管理者　代行者'];
const RUNS = 5;
const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const file of [path.join(OUT, 'html', 'plan.html'), path.join(OUT, 'bcp.html')]) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(pathToFileURL(file).href);
  await page.focus('#search');
  await page.waitForFunction(() => !!window.BCP_SEARCH);
  for (const q of QUERIES) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      // Ranking and drawing the list, as the input handler does (without its 120 ms debounce).
      times.push(await page.evaluate((q) => {
        const box = document.getElementById('search');
        box.value = '';
        box.dispatchEvent(new Event('search'));
        const t0 = performance.now();
        box.value = q;
        box.dispatchEvent(new Event('search'));
        return performance.now() - t0;
      }, q));
    }
    console.log(`${path.basename(file)}\t${q}\t${median(times).toFixed(1)} ms (median of ${RUNS}, 4× CPU)`);
  }
  await page.close();
}
await browser.close();
