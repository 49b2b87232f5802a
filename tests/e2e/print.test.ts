/**
 * Printing: black text on white paper and light-looking figures whatever the
 * screen theme (system dark, or the toggle), and no on-screen controls.
 * Checked with Chromium's print media emulation, and on a real PDF whose
 * text colours are read back.
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

  async function printed(scheme: 'light' | 'dark', storedTheme?: 'light' | 'dark'): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await openContext(browser, { viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    if (storedTheme) await context.addInitScript((t) => localStorage.setItem('theme', t), storedTheme);
    const page = await context.newPage();
    await page.goto(`${site.url}ntk/`, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print', colorScheme: scheme });
    return { page, close: () => context.close() };
  }

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
  ] as const)('%s: black text on white, figures light, no controls', async (_name, scheme, stored, darkFigures) => {
    const { page, close } = await printed(scheme, stored);
    try {
      const l = await look(page);
      expect(l.text).toBe('rgb(0, 0, 0)');
      expect(l.background).toBe('rgb(255, 255, 255)');
      // A dark rendition is on screen exactly when the theme is dark; on paper it is inverted.
      expect(l.filter).toBe(darkFigures ? 'invert(1) hue-rotate(180deg) brightness(1.1)' : 'none');
      expect(l.toggleShown).toBe(false);
      expect(l.playShown).toBe(false);
    } finally {
      await close();
    }
  });

  it('a PDF printed in the dark theme has black body text', async () => {
    const { page, close } = await printed('dark');
    try {
      const pdf = await page.pdf({ format: 'A4' });
      // Fill colours ("r g b rg") in the page content streams, counted.
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
      const [most] = [...fills].sort((a, b) => b[1] - a[1]);
      expect(most?.[0]).toBe('0 0 0 rg');
    } finally {
      await close();
    }
  });
});
