/**
 * Printing: the light theme's text colours and light-looking figures
 * whatever the screen theme (system dark, or the toggle), and no on-screen
 * controls. Checked with Chromium's print media emulation, and on real PDFs
 * whose text colours are read back.
 */
import { inflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, openContext } from './crawl';

const site = inject('sites')[0];

describe('print', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await connect();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function opened(scheme: 'light' | 'dark', media: 'screen' | 'print', storedTheme?: 'light' | 'dark'): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await openContext(browser, { viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    if (storedTheme) await context.addInitScript((t) => localStorage.setItem('theme', t), storedTheme);
    const page = await context.newPage();
    await page.goto(`${site.url}ntk/`, { waitUntil: 'load' });
    await page.emulateMedia({ media, colorScheme: scheme });
    return { page, close: () => context.close() };
  }
  const printed = (scheme: 'light' | 'dark', storedTheme?: 'light' | 'dark') => opened(scheme, 'print', storedTheme);

  const look = (page: Page) =>
    page.evaluate(() => {
      const style = (el: Element | null) => (el ? getComputedStyle(el) : null);
      const img = document.querySelector('.figure-body img');
      return {
        text: style(document.body)!.color,
        background: style(document.body)!.backgroundColor,
        filter: style(img)!.filter,
        toggleShown: style(document.querySelector('.theme-toggle'))!.display !== 'none',
        playShown: [...document.querySelectorAll('.figure-toggle')].some((b) => getComputedStyle(b).display !== 'none'),
      };
    });

  it.each([
    ['system light', 'light', undefined, false],
    ['system dark', 'dark', undefined, true],
    ['toggle dark on a light system', 'light', 'dark', true],
    ['toggle light on a dark system', 'dark', 'light', false],
  ] as const)('%s: the light theme\'s colours, figures light, no controls', async (_name, scheme, stored, darkFigures) => {
    const screen = await opened('light', 'screen');
    const light = await look(screen.page).finally(screen.close);
    // The light theme's text is near-black on near-white: the reference has to be one.
    expect(light.text).toBe('rgb(29, 31, 33)');
    const { page, close } = await printed(scheme, stored);
    try {
      const l = await look(page);
      expect(l.text).toBe(light.text);
      expect(l.background).toBe(light.background);
      // A dark rendition is on screen exactly when the theme is dark; on paper it is inverted.
      expect(l.filter).toBe(darkFigures ? 'invert(1) hue-rotate(180deg) brightness(1.1)' : 'none');
      expect(l.toggleShown).toBe(false);
      expect(l.playShown).toBe(false);
    } finally {
      await close();
    }
  });

  /** The fill colour ("r g b rg") used most in the content streams of the page printed to PDF. */
  async function mostUsedFill(scheme: 'light' | 'dark'): Promise<string | undefined> {
    const { page, close } = await printed(scheme);
    try {
      const pdf = await page.pdf({ format: 'A4' });
      const fills = new Map<string, number>();
      const body = pdf.toString('latin1');
      for (const m of body.matchAll(/stream\r?\n/g)) {
        const start = m.index! + m[0].length;
        const end = body.indexOf('endstream', start);
        let text: string;
        try {
          text = inflateSync(pdf.subarray(start, end)).toString('latin1');
        } catch {
          continue; // not a deflated content stream (fonts, images)
        }
        for (const f of text.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) rg/g)) fills.set(f[0], (fills.get(f[0]) ?? 0) + 1);
      }
      return [...fills].sort((a, b) => b[1] - a[1])[0]?.[0];
    } finally {
      await close();
    }
  }

  it('a PDF printed in the dark theme has the body text colour of one printed in the light theme', async () => {
    const light = await mostUsedFill('light');
    // The light theme's #1d1f21, as PDF fractions.
    expect(light).toBe('.1137 .1216 .1294 rg');
    expect(await mostUsedFill('dark')).toBe(light);
  });
});
