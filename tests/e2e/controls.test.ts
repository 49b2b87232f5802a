/**
 * Interactive parts on the built site, for both bases: the play/pause control
 * of animated figures (and the poster under reduced motion), and the theme
 * toggle that persists across reloads.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, fetchText, openContext, sitemapPages, toLocal } from './crawl';

const sites = inject('sites');

/** The first sitemap page that has an animated figure. */
async function pageWithAnimation(browser: Browser, pages: string[]): Promise<string> {
  const context = await openContext(browser);
  try {
    const page = await context.newPage();
    for (const url of pages) {
      await page.goto(url);
      if ((await page.locator('[data-anim]').count()) > 0) return url;
    }
  } finally {
    await context.close();
  }
  throw new Error('no page with an animated figure ([data-anim]) in the sitemap');
}

async function firstAnimation(page: Page) {
  const box = page.locator('[data-anim]').first();
  await box.scrollIntoViewIfNeeded();
  const img = box.locator('img');
  await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
  return { box, img, button: box.locator('button.figure-toggle'), canvas: box.locator('canvas.figure-freeze') };
}

describe.each(sites)('controls ($name)', (site) => {
  let browser: Browser;
  let url: string;
  let pages: string[];

  beforeAll(async () => {
    browser = await connect();
    pages = (await sitemapPages(site)).map((p) => toLocal(site, p));
    url = await pageWithAnimation(browser, pages);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([390, 1280])('at %i px a tap on any play control reaches it (nothing, e.g. its caption, lies over it)', async (width) => {
    const context = await openContext(browser, { viewport: { width, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(url);
      const buttons = page.locator('button.figure-toggle');
      const n = await buttons.count();
      expect(n).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) {
        const button = buttons.nth(i);
        await button.scrollIntoViewIfNeeded();
        const hit = await button.evaluate((b) => {
          const r = b.getBoundingClientRect();
          const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return b.contains(at) ? 'button' : `${at?.tagName.toLowerCase()}.${at?.className}`;
        });
        expect(hit, `control ${i}`).toBe('button');
      }
    } finally {
      await context.close();
    }
  });

  it('plays by default; pausing flips aria-pressed and freezes the current frame; playing resumes', async () => {
    const context = await openContext(browser, { reducedMotion: 'no-preference' });
    try {
      const page = await context.newPage();
      await page.goto(url);
      const { box, img, button, canvas } = await firstAnimation(page);
      await button.waitFor({ state: 'visible' });
      expect(await button.getAttribute('aria-pressed')).toBe('true');
      expect(await button.getAttribute('aria-label')).toBeTruthy();
      // The animated WebP rendition (the GIF is the fallback where WebP is not accepted).
      expect(await img.evaluate((i: HTMLImageElement) => i.currentSrc)).toMatch(/\.[0-9a-f]{8}\.webp$/);

      await button.click();
      expect(await button.getAttribute('aria-pressed')).toBe('false');
      expect(await canvas.isVisible()).toBe(true);
      // The frozen frame: the canvas holds the image's pixels (not blank) and stays still.
      const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0) n++;
        return n / (d.length / 4);
      });
      expect(inked).toBeGreaterThan(0.9);
      const body = box;
      await button.evaluate((b: HTMLElement) => (b.style.visibility = 'hidden')); // keep the hover ring out of the shots
      const a = await body.screenshot();
      await page.waitForTimeout(800);
      const b = await body.screenshot();
      expect(Buffer.compare(a, b)).toBe(0);
      await button.evaluate((el: HTMLElement) => (el.style.visibility = ''));

      await button.click();
      expect(await button.getAttribute('aria-pressed')).toBe('true');
      expect(await canvas.isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('turns each hero poster into its animation with no empty frame between, on a slow network', async () => {
    const heroPages: string[] = [];
    for (const p of pages) if ((await fetchText(p)).text.includes('figure-hero')) heroPages.push(p);
    expect(heroPages.length).toBeGreaterThan(0);
    for (const heroPage of heroPages) {
      const context = await openContext(browser, { viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        // A slow link widens the window in which a swap to a file not yet loaded shows nothing.
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 250_000, uploadThroughput: 100_000 });
        // Every state the hero image passes through, sampled every few ms from the start.
        await page.addInitScript(`
          window.__heroStates = [];
          (function sample() {
            const img = document.querySelector('.figure-hero img');
            if (img) {
              const state = img.naturalWidth + ' ' + img.currentSrc.split('/').pop();
              const seen = window.__heroStates;
              if (seen[seen.length - 1] !== state) seen.push(state);
            }
            setTimeout(sample, 2);
          })();`);
        await page.goto(heroPage);
        await page.waitForFunction(() => !document.querySelector('source[data-deferred-srcset]'));
        await page.waitForFunction(() => {
          const img = document.querySelector<HTMLImageElement>('.figure-hero img')!;
          return img.complete && !img.currentSrc.includes('.poster.');
        });
        const states = (await page.evaluate('window.__heroStates')) as string[];
        const firstShown = states.findIndex((s) => !s.startsWith('0 '));
        expect(states[firstShown], heroPage).toMatch(/\.poster\.webp$/);
        // Once the poster is up, the image is never empty again, and it ends on the animation.
        expect(states.slice(firstShown).filter((s) => s.startsWith('0 ')), `${heroPage}: ${states.join(' -> ')}`).toEqual([]);
        expect(states[states.length - 1]).toMatch(/\.[0-9a-f]{8}\.webp$/);
      } finally {
        await context.close();
      }
    }
  });

  it('under prefers-reduced-motion shows the poster, paused, and plays only when asked', async () => {
    const context = await openContext(browser, { reducedMotion: 'reduce' });
    try {
      const page = await context.newPage();
      await page.goto(url);
      const { img, button } = await firstAnimation(page);
      // The poster of the rendition this screen gets (its own layout and theme).
      expect(await img.evaluate((i: HTMLImageElement) => i.currentSrc)).toMatch(/\.poster\.webp$/);
      await button.waitFor({ state: 'visible' });
      expect(await button.getAttribute('aria-pressed')).toBe('false');

      await button.click();
      expect(await button.getAttribute('aria-pressed')).toBe('true');
      await page.waitForFunction((el) => /\.[0-9a-f]{8}\.webp$/.test((el as HTMLImageElement).currentSrc), await img.elementHandle());
    } finally {
      await context.close();
    }
  });

  it.each(['light', 'dark'] as const)('diagrams keep their contrast in the %s theme', async (scheme) => {
    const context = await openContext(browser, { colorScheme: scheme });
    try {
      const page = await context.newPage();
      await page.goto(url);
      const diagrams = page.locator('.figure-diagram svg');
      if ((await diagrams.count()) === 0) return; // a page without diagrams has nothing to check
      // WCAG contrast between the colour the SVG draws with and the first opaque background behind it.
      const ratio = await diagrams.first().evaluate((svg) => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = ([r, g, b]: number[]) =>
          [r, g, b].map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; })
            .reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
        let el: Element | null = svg;
        let bg = [255, 255, 255];
        while (el) {
          const c = rgb(getComputedStyle(el).backgroundColor);
          if (c.length >= 3 && (c.length === 3 || c[3] > 0)) { bg = c.slice(0, 3); break; }
          el = el.parentElement;
        }
        const fg = rgb(getComputedStyle(svg).color).slice(0, 3);
        const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
        return (hi + 0.05) / (lo + 0.05);
      });
      expect(ratio).toBeGreaterThan(4.5);
    } finally {
      await context.close();
    }
  });

  it('the theme toggle switches light/dark and the choice survives a reload', async () => {
    const context = await openContext(browser, { colorScheme: 'light' });
    try {
      const page = await context.newPage();
      await page.goto(site.url);
      const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(await theme()).toBe('light');
      const light = await background();
      await page.locator('button.theme-toggle').click();
      expect(await theme()).toBe('dark');
      expect(await background()).not.toBe(light);
      await page.reload();
      expect(await theme()).toBe('dark');
      expect(await page.locator('button.theme-toggle').getAttribute('aria-pressed')).toBe('true');
    } finally {
      await context.close();
    }
  });
});
