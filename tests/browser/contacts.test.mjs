// One tap calls (issue 4 item 1): the contacts page carries tel: links that a
// phone can dial, large enough to hit with a thumb.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HTML_DIR, htmlPages, manifest, open, requireBuild, startBrowser } from './lib.mjs';

// WCAG 2.5.8's minimum target; a number is tapped in a hurry.
const MIN_TARGET = 24;

let b;
let phone;
let contactPages;
before(async () => {
  requireBuild();
  // The contacts documents are the pages whose source type is contacts; the
  // manifest does not say the type, so take every page that offers tel: links
  // and insist the contacts list (vendor-contacts, CONTENT-CONVENTIONS) is one.
  contactPages = htmlPages().filter((p) => /href=["']?tel:/i.test(readFileSync(p, 'utf8')));
  b = await startBrowser();
  phone = await b.newPhone();
});
after(async () => b && b.close());

test('the contacts list has tel: links', () => {
  const ids = manifest().documents.map((d) => d.id);
  assert.ok(ids.includes('vendor-contacts'), 'no vendor-contacts document in the manifest');
  const file = path.join(HTML_DIR, 'vendor-contacts.html');
  assert.ok(existsSync(file), 'out/html/vendor-contacts.html is missing');
  assert.ok(contactPages.includes(file), 'vendor-contacts.html has no tel: link');
});

test('every tel: link dials a plain number and is big enough to tap', async () => {
  assert.ok(contactPages.length > 0, 'no page has tel: links');
  const failures = [];
  for (const file of contactPages) {
    const page = await open(phone, file);
    const links = await page.locator('a[href^="tel:"]').evaluateAll((as) =>
      as.map((a) => {
        const r = a.getBoundingClientRect();
        return { href: a.getAttribute('href'), text: a.innerText.trim(), w: r.width, h: r.height };
      }),
    );
    for (const l of links) {
      // Only digits, + and - : full-width digits or （代表） would not dial.
      if (!/^tel:\+?[0-9][0-9-]*(;ext=[0-9]+)?$/.test(l.href)) failures.push(`${path.basename(file)}: ${l.href} is not a dialable number`);
      if (!l.text) failures.push(`${path.basename(file)}: ${l.href} has no visible text`);
      if (l.h < MIN_TARGET || l.w < MIN_TARGET) {
        failures.push(`${path.basename(file)}: ${l.href} is ${Math.round(l.w)}×${Math.round(l.h)} px, want ≥ ${MIN_TARGET}`);
      }
    }
    if (file.endsWith('vendor-contacts.html') && links.length < 2) {
      failures.push(`vendor-contacts.html: only ${links.length} tel: links`);
    }
    await page.close();
  }
  assert.deepEqual(failures, []);
});

test('the contacts pages made no request outside the bundle and raised no error', () => {
  assert.deepEqual(b.problems(), []);
});
