import { startBrowser, fileUrl } from './lib.mjs';
const b = await startBrowser('/tmp/H-out');
for (const scheme of ['light','dark']) {
  const c = await b.newPhone({ colorScheme: scheme });
  const p = await c.newPage();
  await p.goto(fileUrl('/tmp/H-out/html/plan.html'));
  const f = p.locator('figure.diagram-flow').first();
  await f.scrollIntoViewIfNeeded();
  await p.screenshot({ path: `/tmp/H-flow-${scheme}.png` });
  await f.locator('a.zoom').click();
  await p.waitForTimeout(300);
  await p.screenshot({ path: `/tmp/H-flowfull-${scheme}.png` });
  await p.goto(fileUrl('/tmp/H-out/html/earthquake.html'));
  await p.screenshot({ path: `/tmp/H-manual-${scheme}.png` });
  await p.goto(fileUrl('/tmp/H-out/bcp.html'));
  await p.screenshot({ path: `/tmp/H-bcp-${scheme}.png` });
  await c.close();
}
console.log(b.problems());
await b.close();
