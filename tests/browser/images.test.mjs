// Images show in the bundle and in bcp.html (issue 10 item 10): a site with a
// PNG is built here, and Chromium must actually decode it in both — beside
// the page in out/html, and as a data: URI under bcp.html's CSP — with no
// request leaving the bundle and no CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PHONE, REPO, open, startBrowser } from './lib.mjs';

const CONTENT = process.env.BCPGEN_CONTENT ? path.resolve(process.env.BCPGEN_CONTENT) : path.join(REPO, 'content');
const work = mkdtempSync(path.join(os.tmpdir(), 'bcpgen-images-'));
const out = path.join(work, 'out');
let b;

before(async () => {
  const content = path.join(work, 'content');
  cpSync(CONTENT, content, { recursive: true });
  mkdirSync(path.join(content, 'assets'), { recursive: true });
  copyFileSync(path.join(REPO, 'tests/fixtures/safety-assets/ok.png'), path.join(content, 'assets/ok.png'));
  appendFileSync(
    path.join(content, 'plan/01-objectives.md'),
    '\n![庁舎の配置](assets/ok.png "図 庁舎の配置")\n',
  );
  const r = spawnSync(
    'cargo',
    ['run', '--release', '--quiet', '--', 'build', '--content', content, '--out', out, '--date', '2026-11-26'],
    { cwd: REPO, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  b = await startBrowser(out);
});

after(async () => {
  await b?.close();
  rmSync(work, { recursive: true, force: true });
});

async function decodedImages(file) {
  const page = await open(await b.newPhone(PHONE), file);
  return page.evaluate(() =>
    [...document.querySelectorAll('figure.image img')].map((img) => ({
      src: img.getAttribute('src').slice(0, 22),
      width: img.naturalWidth,
      height: img.naturalHeight,
      shown: img.getBoundingClientRect().width,
      caption: img.closest('figure').querySelector('figcaption')?.textContent,
    })),
  );
}

test('the page in out/html shows the image from the file beside it', async () => {
  const imgs = await decodedImages(path.join(out, 'html', 'plan.html'));
  assert.equal(imgs.length, 1);
  assert.deepEqual(
    { src: imgs[0].src, width: imgs[0].width, height: imgs[0].height, caption: imgs[0].caption },
    { src: 'assets/ok.png', width: 300, height: 150, caption: '図 庁舎の配置' },
  );
  // 300 px at 96 dpi fits a 360 px phone without being scaled up.
  assert.ok(imgs[0].shown > 0 && imgs[0].shown <= 300, `shown ${imgs[0].shown}`);
  assert.deepEqual(b.problems(), []);
});

test('bcp.html shows the same image from a data: URI its CSP allows', async () => {
  const imgs = await decodedImages(path.join(out, 'bcp.html'));
  assert.equal(imgs.length, 1);
  assert.equal(imgs[0].src, 'data:image/png;base64,');
  assert.equal(imgs[0].width, 300);
  assert.equal(imgs[0].height, 150);
  assert.deepEqual(b.problems(), []);
});
