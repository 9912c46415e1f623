// The 新旧対照表 on a phone (issue 15): the default content is committed to a
// temporary git repository, the plan changed and approved as 第3版, and built
// with `--history`. The revision table's link opens the table of 第3版 against
// 第2版; at 360 px its three columns stack into one (no sideways scroll), each
// column's text is visible under its name, and the changed characters are
// underlined (<u>) on both sides — with JavaScript and without.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, open, startBrowser, tapLink } from './lib.mjs';

const CONTENT = process.env.BCPGEN_CONTENT ? path.resolve(process.env.BCPGEN_CONTENT) : path.join(REPO, 'content');
const work = mkdtempSync(path.join(os.tmpdir(), 'bcpgen-compare-'));
const out = path.join(work, 'out');
const content = path.join(work, 'content');
const OLD = '事前に備えておくことが極めて重要である。';
const NEW = '事前に備えておくことが非常に重要である。';
let b;

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: work, encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
}

function bcpgen(...args) {
  const r = spawnSync('cargo', ['run', '--release', '--quiet', '--', ...args], { cwd: REPO, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

function git(...args) {
  run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args]);
}

before(async () => {
  cpSync(CONTENT, content, { recursive: true });
  writeFileSync(path.join(work, '.gitignore'), 'out/\n');
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', '第2版');
  const chapter = path.join(content, 'plan/01-objectives.md');
  const text = readFileSync(chapter, 'utf8');
  assert.ok(text.includes(OLD), `the default content no longer says ${OLD}`);
  writeFileSync(chapter, text.replace(OLD, NEW));
  bcpgen('approve', 'plan', '--content', content, '--approver', 'it-director', '--version', '第3版', '--summary', '目的の字句の修正', '--date', '2026-11-26');
  git('add', '-A');
  git('commit', '-q', '-m', '第3版');
  bcpgen('build', '--content', content, '--out', out, '--date', '2026-11-26', '--history');
  b = await startBrowser(out);
});

after(async () => {
  await b?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Where each cell of the changed row is, and what it reads. */
function layout(page) {
  return page.evaluate(() => {
    const row = [...document.querySelectorAll('table.cmp tbody tr')].find((tr) =>
      tr.textContent.includes('事前に備えておくことが'),
    );
    const cells = [...row.querySelectorAll('td')].map((td) => {
      const r = td.getBoundingClientRect();
      const before = getComputedStyle(td, '::before');
      return {
        col: td.dataset.col,
        // The column's name is the cell's ::before (content: attr(data-col)).
        label: before.display === 'block' ? before.content : 'none',
        text: td.innerText,
        underlined: [...td.querySelectorAll('u')].map((u) => u.textContent),
        left: r.left,
        right: r.right,
        top: r.top,
        bottom: r.bottom,
        visible: r.width > 0 && r.height > 0 && td.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
      };
    });
    return { scroll: document.documentElement.scrollWidth, width: window.innerWidth, cells };
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`at 360 px the columns stack, each readable, changes underlined on both sides (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const phone = await b.newPhone({ javaScriptEnabled });
    const doc = await open(phone, path.join(out, 'html', 'plan.html'));
    const link = doc.locator('#bcp-revisions a.compare-link');
    assert.equal(await link.count(), 1, 'only 第3版 has a table: 第2版 arrived with 初版 in one commit');
    const href = await tapLink(doc, link);
    assert.ok(href.endsWith('/compare/plan-rev3.html'), href);

    const { scroll, width, cells } = await layout(doc);
    assert.equal(width, 360);
    assert.ok(scroll <= width, `the page scrolls sideways: ${scroll} px wide`);
    assert.deepEqual(cells.map((c) => c.col), ['改定後', '改定前', '備考']);
    for (const c of cells) {
      assert.ok(c.visible, `${c.col} is not visible`);
      assert.ok(c.left >= 0 && c.right <= width + 0.5, `${c.col} leaves the screen: ${c.left}..${c.right}`);
      assert.ok([`"${c.col}"`, 'attr(data-col)'].includes(c.label), `${c.col} does not show its name: ${c.label}`);
    }
    // One above the other, full width, not side by side.
    assert.ok(cells[1].top >= cells[0].bottom - 1 && cells[2].top >= cells[1].bottom - 1, JSON.stringify(cells));
    assert.ok(cells[0].text.includes(NEW) && cells[1].text.includes(OLD), JSON.stringify(cells));
    assert.deepEqual(cells[0].underlined, ['非常に']);
    assert.deepEqual(cells[1].underlined, ['極めて']);
    assert.ok(cells[2].text.includes('変更'));
    assert.deepEqual(b.problems(), []);
  });
}
