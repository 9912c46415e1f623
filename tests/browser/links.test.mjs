// Every internal link of the bundle resolves (issue 4 item 6): a relative href
// names a file that exists inside out/html, and its fragment names an id there.
// In bcp.html every #fragment names an id of the single file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { HTML_DIR, REPO, SINGLE_FILE, htmlPages, requireBuild, startBrowser } from './lib.mjs';

// The sources the bundle was built from, to know what the manuals cite.
const CONTENT = process.env.BCPGEN_CONTENT ? path.resolve(process.env.BCPGEN_CONTENT) : path.join(REPO, 'content');

let b;
let parser; // a blank page whose DOMParser reads the files without running them
const parsed = new Map(); // file -> { hrefs, ids }

before(async () => {
  requireBuild();
  b = await startBrowser();
  const ctx = await b.newPhone();
  parser = await ctx.newPage();
});
after(async () => b && b.close());

/** The hrefs and ids of a file, as the browser's HTML parser sees them. */
async function read(file) {
  if (!parsed.has(file)) {
    const html = readFileSync(file, 'utf8');
    parsed.set(
      file,
      await parser.evaluate((src) => {
        const doc = new DOMParser().parseFromString(src, 'text/html');
        return {
          hrefs: [...doc.querySelectorAll('a[href], area[href]')].map((a) => a.getAttribute('href')),
          ids: [...doc.querySelectorAll('[id]')].map((e) => e.id),
          names: [...doc.querySelectorAll('a[name]')].map((a) => a.name),
        };
      }, html),
    );
  }
  return parsed.get(file);
}

/** Links with a scheme (tel:, mailto:, https:) or protocol-relative are not internal. */
const isInternal = (href) => !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//');

test('every relative link in out/html resolves to a file and an id', async () => {
  const failures = [];
  let checked = 0;
  for (const file of htmlPages()) {
    const { hrefs } = await read(file);
    for (const href of hrefs.filter(isInternal)) {
      checked++;
      const [rawPath, ...rest] = href.split('#');
      const fragment = rest.join('#');
      const from = path.relative(HTML_DIR, file);
      let target = file;
      if (rawPath) {
        target = path.resolve(path.dirname(file), decodeURIComponent(rawPath.split('?')[0]));
        if (!target.startsWith(HTML_DIR + path.sep)) {
          failures.push(`${from}: ${href} leaves out/html`);
          continue;
        }
        if (!existsSync(target)) {
          failures.push(`${from}: ${href} → missing file ${path.relative(HTML_DIR, target)}`);
          continue;
        }
      }
      if (fragment && target.endsWith('.html')) {
        const { ids, names } = await read(target);
        const want = decodeURIComponent(fragment);
        if (!ids.includes(want) && !names.includes(want)) {
          failures.push(`${from}: ${href} → ${path.relative(HTML_DIR, target)} has no id "${decodeURIComponent(fragment)}"`);
        }
      }
    }
  }
  assert.ok(checked > 0, 'no internal links at all');
  assert.deepEqual(failures, []);
});

/** Each manual's id and the document ids its sources reference with `@id`. */
function manualReferences() {
  const dir = path.join(CONTENT, 'manuals');
  const result = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const files = statSync(p).isDirectory()
      ? readdirSync(p).filter((f) => f.endsWith('.md')).map((f) => path.join(p, f))
      : [p];
    const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    // The document id lives in the front matter of the file or of _index.md.
    const front = files.map((f) => readFileSync(f, 'utf8').match(/^---\n([\s\S]*?)\n---/)?.[1] ?? '').join('\n');
    const id = front.match(/^id:\s*(\S+)/m)?.[1];
    const refs = [...text.matchAll(/\]\(@([a-z0-9-]+)/g)].map((m) => m[1]);
    if (id) result.push({ id, refs: [...new Set(refs)].filter((r) => r !== id) });
  }
  return result;
}

test('each manual links to every document its source names', async () => {
  const manuals = manualReferences();
  assert.equal(manuals.length, 6, `manual sources found in ${CONTENT}/manuals: ${manuals.length}`);
  const failures = [];
  for (const { id, refs } of manuals) {
    const file = path.join(HTML_DIR, `${id}.html`);
    if (!existsSync(file)) {
      failures.push(`out/html/${id}.html is missing`);
      continue;
    }
    const { hrefs } = await read(file);
    const targets = new Set(hrefs.filter(isInternal).map((h) => path.basename(h.split('#')[0])));
    for (const ref of refs) {
      if (!targets.has(`${ref}.html`)) failures.push(`${id}.html: no link to ${ref}.html (its source cites @${ref})`);
    }
  }
  assert.deepEqual(failures, []);
});

test('every #fragment link in bcp.html names an id in that file; it links no other file', async () => {
  const { hrefs, ids } = await read(SINGLE_FILE);
  const idSet = new Set(ids);
  const failures = [];
  for (const href of hrefs.filter(isInternal)) {
    if (!href.startsWith('#')) failures.push(`bcp.html links to another file: ${href}`);
    else if (href.length > 1 && !idSet.has(decodeURIComponent(href.slice(1)))) failures.push(`bcp.html: ${href} has no target`);
  }
  assert.ok(hrefs.length > 0, 'bcp.html has no links');
  assert.deepEqual(failures, []);
});

test('ids are unique within each page', async () => {
  const failures = [];
  for (const file of [...htmlPages(), SINGLE_FILE]) {
    const { ids } = await read(file);
    const seen = new Set();
    for (const id of ids) {
      if (seen.has(id)) failures.push(`${path.basename(file)}: id "${id}" twice`);
      seen.add(id);
    }
  }
  assert.deepEqual([...new Set(failures)], []);
});
