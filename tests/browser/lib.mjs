// Shared helpers for the real-browser tests: one Debian Chromium, phone-sized
// contexts, and a recorder that proves no request leaves the bundle.
import { chromium } from 'playwright-core';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

// The repository, so that defaults do not depend on where node was started.
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// The build output under test (default: the README's `out/`); run-all.sh
// points this at a fresh build.
export const OUT = process.env.BCPGEN_OUT ? path.resolve(process.env.BCPGEN_OUT) : path.join(REPO, 'out');
export const HTML_DIR = path.join(OUT, 'html');
export const SINGLE_FILE = path.join(OUT, 'bcp.html');

// Debian's binary itself: the /usr/bin/chromium wrapper prints a stray warning.
export const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

// Flags that keep Chromium from reaching for the network on its own
// (see shared/notes/testing-tools.md), so that any request we see is the page's.
export const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

// A work smartphone: 360 CSS px wide, touch, high density.
export const PHONE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  locale: 'ja-JP',
};

export function fileUrl(p) {
  return pathToFileURL(p).href;
}

/** Every .html file under out/html, sorted, as absolute paths. */
export function htmlPages(dir = HTML_DIR) {
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) found.push(p);
    }
  };
  walk(dir);
  return found;
}

/** The manifest of the build under test (SPEC §7). */
export function manifest(out = OUT) {
  return JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
}

/** Fails the whole file early with a clear message when there is no build. */
export function requireBuild(out = OUT) {
  const index = path.join(out, 'html', 'index.html');
  assert.ok(
    existsSync(index),
    `no build to test: ${index} is missing (build first, or set BCPGEN_OUT)`,
  );
}

/**
 * Launches Chromium for the builds in `bundles` (default: OUT) and returns { browser, newPhone, problems, close }.
 * newPhone() gives a phone-sized context whose every request, page error and
 * CSP violation is recorded; `problems()` lists what broke the offline rules.
 */
export async function startBrowser(...bundles) {
  const browser = await chromium.launch({ executablePath: EXECUTABLE, args: ARGS, headless: true });
  const roots = (bundles.length ? bundles : [OUT]).map((d) => fileUrl(d) + '/');
  const requests = [];
  const errors = [];
  const contexts = [];

  async function newPhone(extra = {}) {
    const context = await browser.newContext({ ...PHONE, ...extra });
    contexts.push(context);
    // Failures fast: every wait in these tests is for something local.
    context.setDefaultTimeout(10_000);
    context.on('request', (r) => requests.push(r.url()));
    context.on('requestfailed', (r) =>
      errors.push(`${r.frame()?.url() ?? '?'}: could not load ${r.url()} (${r.failure()?.errorText})`),
    );
    context.on('page', (p) => watchPage(p));
    return context;
  }

  function watchPage(page) {
    page.on('pageerror', (e) => errors.push(`${page.url()}: JavaScript error: ${e.message}`));
    page.on('console', (m) => {
      // A blocked load shows up here; it means the page tried to load something.
      // (Failed loads are already named by 'requestfailed' above.)
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        errors.push(`${page.url()}: console error: ${m.text()}`);
      }
    });
  }

  // A request is inside the bundle only if it is data: or a file under out/.
  function problems() {
    const outside = requests.filter(
      (u) => !(u.startsWith('data:') || u === 'about:blank' || roots.some((r) => u.startsWith(r))),
    );
    return [...new Set(outside)].map((u) => `request left the bundle: ${u}`).concat([...new Set(errors)]);
  }

  async function close() {
    for (const c of contexts) await c.close().catch(() => {});
    await browser.close();
  }

  return { browser, newPhone, problems, close, requests };
}

/** Opens a file of the bundle in a fresh page of `context` and waits for load. */
export async function open(context, file) {
  const page = await context.newPage();
  await page.goto(fileUrl(file), { waitUntil: 'load' });
  return page;
}

/** Decodes a file:// URL to a path. */
export function urlToPath(u) {
  return fileURLToPath(u.split('#')[0]);
}

/**
 * Taps a link and waits until the browser is at its target (works for links to
 * other pages and for in-page fragments alike).
 */
export async function tapLink(page, locator) {
  const href = await locator.evaluate((a) => a.href);
  await locator.scrollIntoViewIfNeeded();
  await locator.tap();
  await page.waitForURL(href, { waitUntil: 'load' });
  return href;
}

/** Visible text of the current page (what a person can read). */
export function bodyText(page) {
  return page.evaluate(() => document.body.innerText);
}
