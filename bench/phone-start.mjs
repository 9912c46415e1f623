// How fast bcp.html and index.html start on a low-end phone: DOMContentLoaded
// at 4x CPU throttling (CDP Emulation.setCPUThrottlingRate), median of RUNS
// cold loads each, in one run of this script so the two are comparable.
// Usage: node bench/phone-start.mjs [OUT]   (default: out/, or BCPGEN_OUT)
import { statSync } from 'node:fs';
import path from 'node:path';
import { startBrowser, fileUrl, OUT } from '../tests/browser/lib.mjs';

const out = process.argv[2] ? path.resolve(process.argv[2]) : OUT;
const RUNS = Number(process.env.RUNS ?? 5);
const RATE = Number(process.env.CPU_RATE ?? 4);

async function dcl(browser, newPhone, file) {
  const context = await newPhone();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  await page.goto(fileUrl(file), { waitUntil: 'domcontentloaded', timeout: 120_000 });
  const t = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { dcl: n.domContentLoadedEventEnd, height: document.documentElement.scrollHeight };
  });
  await context.close();
  return t;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { browser, newPhone, close } = await startBrowser(out);
try {
  const rows = [];
  for (const rel of ['html/index.html', 'bcp.html']) {
    const file = path.join(out, rel);
    const runs = [];
    let height = 0;
    await dcl(browser, newPhone, file); // warm-up: file cache, code cache
    for (let i = 0; i < RUNS; i++) {
      const r = await dcl(browser, newPhone, file);
      runs.push(r.dcl);
      height = r.height;
    }
    rows.push({ rel, median: median(runs), runs, height, bytes: statSync(file).size });
  }
  for (const r of rows) {
    console.log(
      `${r.rel.padEnd(16)} DOMContentLoaded median ${(r.median / 1000).toFixed(3)} s ` +
        `(runs ${r.runs.map((x) => (x / 1000).toFixed(2)).join(' ')}) at ${RATE}x CPU; ` +
        `${r.bytes.toLocaleString('en')} bytes, ${r.height.toLocaleString('en')} px tall at 360 px`,
    );
  }
  console.log(`ratio bcp/index: ${(rows[1].median / rows[0].median).toFixed(2)}`);
} finally {
  await close();
}
