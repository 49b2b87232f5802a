/** Helpers the browser tests share: connect, list pages, visit and inspect a page. */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { inject } from 'vitest';
import { takeTurn } from './browserTurns';
import type { ServedSite } from './sites';

export function connect(): Promise<Browser> {
  return chromium.connect(inject('wsEndpoint'));
}

/**
 * A browser context, opened when it is this file's turn (one context at a
 * time across all test files, see browserTurns.ts) and giving the turn back
 * when closed; so never open a second one before closing the first.
 * Its waits have no clock of their own: on a loaded two-core machine a page
 * can take longer than Playwright's 30 s default (or any fixed number) and
 * still be fine. Every wait is on a condition that does become true; a real
 * hang is caught by vitest's test/hook timeout.
 */
export async function openContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const giveBack = await takeTurn(inject('browserTurn'));
  try {
    const context = await browser.newContext(options);
    context.on('close', giveBack);
    context.setDefaultTimeout(0);
    context.setDefaultNavigationTimeout(0);
    return context;
  } catch (err) {
    giveBack();
    throw err;
  }
}

/** Maps a public URL of the build (`https://example.github.io/ntk/x/`) to the local server. */
export function toLocal(site: ServedSite, url: string): string {
  return url.startsWith(site.publicUrl) ? site.url + url.slice(site.publicUrl.length) : url;
}

export async function fetchText(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

const locs = (xml: string): string[] => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);

/** Every page URL in the sitemap (public URLs), via sitemap-index.xml. */
export async function sitemapPages(site: ServedSite): Promise<string[]> {
  const index = await fetchText(site.url + 'sitemap-index.xml');
  if (index.status !== 200) throw new Error(`sitemap-index.xml: HTTP ${index.status}`);
  const pages: string[] = [];
  for (const sitemap of locs(index.text)) {
    const res = await fetchText(toLocal(site, sitemap));
    if (res.status !== 200) throw new Error(`${sitemap}: HTTP ${res.status}`);
    pages.push(...locs(res.text));
  }
  return pages;
}

export interface PageReport {
  url: string;
  status: number;
  /** Console errors, uncaught exceptions and failed requests. */
  errors: string[];
  /** Rendered <img> elements that did not decode (naturalWidth 0), by src. */
  brokenImages: string[];
  /** Rendered <img> elements (hidden ones, e.g. another theme's, are fetched by the link check instead). */
  imageCount: number;
  katexCount: number;
  katexErrors: number;
  /**
   * Visible text outside math and code that still holds a TeX command (`\cos`,
   * `\vartheta`): math the Markdown parser never handed to KaTeX, e.g. inline
   * math broken by a line that starts a list item.
   */
  strayTex: string[];
  /** Absolute URLs of every link and asset on the page. */
  links: string[];
  assets: string[];
  /** `#fragment` links on this page whose target id does not exist. */
  missingFragments: string[];
  figures: { anchor: string; label: string | null }[];
  figrefs: { href: string; text: string }[];
}

/** True once every open "How this figure was made" has loaded its body or given up (figureMadeLazy.ts). */
export const madeSettled = (): boolean =>
  [...document.querySelectorAll<HTMLDetailsElement>('details.figure-made[open]')].every((d) => d.dataset.made === 'loaded' || d.dataset.made === 'failed');

/** Loads a page, opens every <details>, brings each image into view until it loads, then inspects it. */
export async function visit(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<PageReport> {
  const context = await openContext(browser, options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url() !== url) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    // The hero swaps its poster for its animation after the first paint (deferredAnimation.ts): inspect after that.
    await page.waitForFunction(() => !document.querySelector('source[data-deferred-srcset]'));
    await page.evaluate(async () => {
      for (const d of document.querySelectorAll('details')) d.open = true;
      // A lazy image loads only once it is near the viewport. Scrolling past it
      // on a timer can skip it on a busy machine (no frame is rendered while it
      // is in view), and then it never completes: bring each rendered image
      // into view and wait for its load or error. Images not rendered (e.g. the
      // other theme's rendition) never load while hidden, so they are not waited on.
      for (const img of document.images) {
        if (!img.checkVisibility()) continue;
        img.scrollIntoView({ block: 'center' });
        if (!img.complete) {
          await new Promise((done) => {
            img.addEventListener('load', done, { once: true });
            img.addEventListener('error', done, { once: true });
          });
        }
      }
    });
    // Opened disclosures fetch their bodies (figureMadeLazy.ts) on 'toggle'; a failed fetch is reported as a failed request.
    await page.waitForFunction(madeSettled);
    const inspected = await page.evaluate(() => {
      const rendered = [...document.images].filter((i) => i.checkVisibility());
      const abs = (els: Iterable<Element>, attr: string): string[] =>
        [...els].flatMap((e) => {
          const v = e.getAttribute(attr);
          return v ? [new URL(v.split(/\s+/)[0], document.baseURI).href] : [];
        });
      const fragments = [...document.querySelectorAll('a[href^="#"]')]
        .map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1)))
        .filter((id) => id && !document.getElementById(id));
      return {
        brokenImages: rendered.filter((i) => i.naturalWidth === 0).map((i) => i.currentSrc || i.src),
        imageCount: rendered.length,
        katexCount: document.querySelectorAll('.katex').length,
        katexErrors: document.querySelectorAll('.katex-error').length,
        strayTex: (() => {
          const found: string[] = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (n.parentElement?.closest('.katex, code, pre, script, style, annotation')) continue;
            const m = /\\[a-zA-Z]{2,}/.exec(n.textContent ?? '');
            if (m) found.push((n.textContent ?? '').slice(Math.max(0, m.index - 30), m.index + 40));
          }
          return found;
        })(),
        links: abs(document.querySelectorAll('a[href]:not([href^="#"])'), 'href'),
        assets: [
          ...abs(document.querySelectorAll('img[src]'), 'src'),
          ...abs(document.querySelectorAll('source[srcset]'), 'srcset'),
          ...abs(document.querySelectorAll('link[href]'), 'href'),
          ...abs(document.querySelectorAll('script[src]'), 'src'),
        ],
        missingFragments: fragments,
        figures: [...document.querySelectorAll('figure.figure')].map((f) => ({
          anchor: f.id,
          label: f.querySelector('.figure-label')?.textContent ?? null,
        })),
        figrefs: [...document.querySelectorAll('a.figref')].map((a) => ({ href: a.getAttribute('href')!, text: a.textContent ?? '' })),
      };
    });
    return { url, status: response?.status() ?? 0, errors, ...inspected };
  } finally {
    await context.close();
  }
}

/** `url()` references of a stylesheet, resolved against it (KaTeX fonts live here). */
export function cssUrls(css: string, cssUrl: string): string[] {
  return [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)]
    .map((m) => m[2])
    .filter((u) => !u.startsWith('data:'))
    .map((u) => new URL(u, cssUrl).href);
}
