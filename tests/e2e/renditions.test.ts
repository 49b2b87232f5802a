/**
 * Figures adapt to the reader (issue: phone, dark theme, data plan): on every
 * device of the matrix, each figure shows the rendition drawn for it — the
 * phone layout below 40rem, the desktop slot above; the dark drawing when the
 * site is dark, whether the system or the toggle made it so; the density that
 * matches the screen — its smallest text appears ≥ 11 CSS px (320 px
 * phones included: there a figure goes edge to edge), and nothing
 * scrolls sideways with every <details> open.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, openContext, sitemapPages, toLocal } from './crawl';
import { label, loadAllFigures, overflow, shownFigures, type Device } from './figurePage';

const sites = inject('sites');

/** The article as a reader's device opens it: viewport, density, colour scheme, motion, stored theme. */
async function openPage(browser: Browser, url: string, d: Device): Promise<{ context: BrowserContext; page: Page }> {
  const context = await openContext(browser, {
    viewport: { width: d.width, height: 800 },
    deviceScaleFactor: d.dpr,
    colorScheme: d.scheme,
    reducedMotion: d.reducedMotion ?? 'no-preference',
  });
  if (d.storedTheme) await context.addInitScript((t) => localStorage.setItem('theme', t), d.storedTheme);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return { context, page };
}

const MIN_TEXT_PX = 11;

/** Renditions the pipeline draws (src/pipeline/renditions/plan.ts): stills 1×/2× on desktops and 2× on phones; animations 1× on desktops and 1.5× on phones. */
function expectedTag(d: Device, animated: boolean): string {
  const phone = d.width <= 640;
  const scheme = d.storedTheme ?? d.scheme;
  const density = phone ? (animated ? '1_5' : '2') : animated ? '1' : d.dpr >= 1.5 ? '2' : '1';
  return `${phone ? 'phone' : 'desktop'}-${scheme}-${density}x`;
}

const MATRIX: Device[] = [];
for (const width of [320, 390, 1280]) for (const scheme of ['light', 'dark'] as const) for (const dpr of [1, 3]) MATRIX.push({ width, dpr, scheme });
// The most common small Android width: a phone figure reaches into the page margin to show at its drawn 360 px.
MATRIX.push({ width: 360, dpr: 3, scheme: 'light' });
// The toggle, both ways against the system.
MATRIX.push({ width: 390, dpr: 3, scheme: 'light', storedTheme: 'dark' }, { width: 1280, dpr: 1, scheme: 'dark', storedTheme: 'light' });

describe.each(sites.slice(0, 1))('figure renditions ($name)', (site) => {
  let browser: Browser;
  let pages: string[];

  beforeAll(async () => {
    browser = await connect();
    const all = (await sitemapPages(site)).map((p) => toLocal(site, p));
    pages = [];
    for (const url of all) {
      const html = await (await fetch(url)).text();
      if (html.includes('data-figure-id') && html.includes('<picture')) pages.push(url);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has articles with figures', () => {
    expect(pages.length).toBeGreaterThan(0);
  });

  it.each(MATRIX.map((d) => [label(d), d] as const))('%s: right rendition, legible text, no overflow, dark when dark', async (_l, d) => {
    for (const url of pages) {
      const { context, page } = await openPage(browser, url, d);
      try {
        await loadAllFigures(page);
        expect(await overflow(page), `${url} scrolls sideways`).toBeLessThanOrEqual(0);
        const animated = new Set(await page.locator('[data-anim]').evaluateAll((els) => els.map((e) => e.closest('figure')!.getAttribute('data-figure-id')!)));
        const figures = await shownFigures(page);
        expect(figures.length).toBeGreaterThan(0);
        for (const f of figures) {
          const where = `${f.id} on ${url}`;
          expect(f.naturalWidth, `${where} did not load`).toBeGreaterThan(0);
          expect(f.currentSrc, `${where} chose the wrong rendition`).toContain(`.${expectedTag(d, animated.has(f.id))}.`);
          expect(f.currentSrc, `${where} should be WebP`).toMatch(/\.webp$/);
          const shown = (f.minText * f.shownWidth) / f.drawnWidth;
          expect(shown, `${where}: smallest text shows at ${shown.toFixed(1)} px`).toBeGreaterThanOrEqual(MIN_TEXT_PX);
          const dark = (d.storedTheme ?? d.scheme) === 'dark';
          if (dark) expect(f.background, `${where} has a light background in the dark theme`).toBeLessThan(0.05);
          else expect(f.background, `${where} has a dark background in the light theme`).toBeGreaterThan(0.8);
        }
      } finally {
        await context.close();
      }
    }
  });

  it('switches figures when the reader flips the theme toggle', async () => {
    const { context, page } = await openPage(browser, pages[0], { width: 1280, dpr: 1, scheme: 'light' });
    try {
      const first = page.locator('.figure picture img').first();
      expect(await first.evaluate((i: HTMLImageElement) => i.currentSrc)).toContain('-light-');
      await page.locator('.theme-toggle').click();
      await expect.poll(() => first.evaluate((i: HTMLImageElement) => i.currentSrc)).toContain('-dark-');
      await page.locator('.theme-toggle').click();
      await expect.poll(() => first.evaluate((i: HTMLImageElement) => i.currentSrc)).toContain('-light-');
    } finally {
      await context.close();
    }
  });

  it('falls back to the GIF (animations) and the PNG (stills) where WebP is not accepted', async () => {
    const context = await openContext(browser, { viewport: { width: 390, height: 800 }, deviceScaleFactor: 3, colorScheme: 'dark' });
    try {
      // Pretend the browser does not know WebP: its sources become an unknown type and are skipped.
      await context.route('**/*', async (route) => {
        if (route.request().resourceType() !== 'document') return route.continue();
        const res = await route.fetch();
        const body = (await res.text()).replaceAll('type="image/webp"', 'type="image/x-unsupported"');
        await route.fulfill({ response: res, body });
      });
      const page = await context.newPage();
      await page.goto(pages[0], { waitUntil: 'load' });
      await loadAllFigures(page);
      const animated = new Set(await page.locator('[data-anim]').evaluateAll((els) => els.map((e) => e.closest('figure')!.getAttribute('data-figure-id')!)));
      for (const f of await shownFigures(page)) {
        expect(f.naturalWidth, `${f.id} did not load`).toBeGreaterThan(0);
        // The canonical files: the GIF (drawn for desktops in the light theme) and the PNG.
        expect(f.currentSrc, f.id).toMatch(animated.has(f.id) ? /\.gif$/ : /\.png$/);
      }
    } finally {
      await context.close();
    }
  });

  it('shows each animation\'s own poster under reduced motion, and its animation when asked to play', async () => {
    for (const d of [{ width: 390, dpr: 3, scheme: 'dark' }, { width: 1280, dpr: 1, scheme: 'light' }] as const) {
      const { context, page } = await openPage(browser, pages[0], { ...d, reducedMotion: 'reduce' });
      try {
        await loadAllFigures(page);
        const tag = expectedTag(d, true);
        const boxes = page.locator('[data-anim]');
        const n = await boxes.count();
        expect(n).toBeGreaterThan(0);
        for (let i = 0; i < n; i++) {
          const img = boxes.nth(i).locator('img');
          expect(await img.evaluate((el: HTMLImageElement) => el.currentSrc)).toMatch(new RegExp(`\\.${tag}\\.[0-9a-f]+\\.poster\\.webp$`));
        }
        const box = boxes.first();
        await box.scrollIntoViewIfNeeded();
        await box.locator('button.figure-toggle').click();
        await expect.poll(() => box.locator('img').evaluate((el: HTMLImageElement) => el.currentSrc)).toMatch(new RegExp(`\\.${tag}\\.[0-9a-f]+\\.webp$`));
      } finally {
        await context.close();
      }
    }
  });
});
