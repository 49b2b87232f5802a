/**
 * Reading back what each figure of an open article actually displays: which rendition the browser chose, at what size,
 * and how large its smallest text appears.
 */
import type { Page } from 'playwright-core';

export interface Device {
  width: number;
  dpr: number;
  scheme: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
  /** A theme stored by the toggle on an earlier visit (overrides the system scheme). */
  storedTheme?: 'light' | 'dark';
}

export const label = (d: Device): string =>
  `${d.width}px@${d.dpr}x ${d.scheme}${d.storedTheme ? ` stored:${d.storedTheme}` : ''}${d.reducedMotion === 'reduce' ? ' reduced-motion' : ''}`;

/**
 * Open every <details> and bring every figure into view until its image has
 * loaded. One round trip: the page scrolls to each image in turn, one frame
 * apart (a frame is when the browser checks lazy images against the
 * viewport), then waits for them all. Scrolling from Playwright image by
 * image took ~100 ms each, 4.7 s per article.
 */
export async function loadAllFigures(page: Page): Promise<void> {
  // The hero starts as its poster and switches to the animation after load and first paint.
  await page.waitForFunction(() => !document.querySelector('source[data-deferred-srcset]'));
  const neverStarted = await page.evaluate(async () => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    const images = [...document.querySelectorAll<HTMLImageElement>('.figure picture img')];
    for (const img of images) {
      img.scrollIntoView({ block: 'center' });
      // No named helper here: the bundler would wrap it in a __name() the page does not have.
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
    }
    // Decoded (or failed, which the assertions report). Bounded, so a lazy image that
    // never starts loading is named instead of hanging the run.
    await Promise.all(
      images.map((img) =>
        img.complete
          ? null
          : new Promise<void>((r) => {
              img.addEventListener('load', () => r(), { once: true });
              img.addEventListener('error', () => r(), { once: true });
              setTimeout(r, 60_000);
            }),
      ),
    );
    return images.filter((img) => !img.currentSrc).map((img) => img.closest('figure')?.getAttribute('data-figure-id'));
  });
  if (neverStarted.length) throw new Error(`figures ${neverStarted.join(', ')}: their lazy images never started loading after being scrolled into view`);
}

export interface ShownFigure {
  id: string;
  currentSrc: string;
  /** Width and height (CSS px) of the chosen rendition as drawn. */
  drawnWidth: number;
  /** Width it is displayed at (CSS px). */
  shownWidth: number;
  /** Smallest text drawn in the chosen rendition, CSS px at the drawn width. */
  minText: number;
  naturalWidth: number;
  /** Relative luminance (0–1) of the image's top-left pixel: its background. */
  background: number;
}

/** What each figure image shows, read from the page (no pixel-level assumptions beyond the background corner). */
export function shownFigures(page: Page): Promise<ShownFigure[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('.figure picture img')].map((img) => {
      const src = img.currentSrc;
      const file = src.split('/').pop()!;
      // The <source> whose srcset lists the chosen file (else the <img> itself).
      const source = [...img.parentElement!.querySelectorAll('source')].find((s) =>
        s.srcset.split(',').some((c) => c.trim().split(/\s+/)[0].split('/').pop() === file),
      );
      const el = source ?? img;
      const drawnWidth = Number(el.getAttribute('width') ?? img.getAttribute('width'));
      const minText = Number(el.getAttribute('data-min-text') ?? img.getAttribute('data-min-text'));
      let background = NaN;
      try {
        const c = document.createElement('canvas');
        c.width = c.height = 1;
        const g = c.getContext('2d')!;
        g.drawImage(img, 1, 1, 1, 1, 0, 0, 1, 1);
        const [r, gg, b] = g.getImageData(0, 0, 1, 1).data;
        const lin = (v: number) => { const s = v / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
        background = 0.2126 * lin(r) + 0.7152 * lin(gg) + 0.0722 * lin(b);
      } catch {
        // left NaN: the assertion names the figure
      }
      return {
        id: img.closest('figure')!.getAttribute('data-figure-id')!,
        currentSrc: src,
        drawnWidth,
        shownWidth: img.getBoundingClientRect().width,
        minText,
        naturalWidth: img.naturalWidth,
        background,
      };
    }),
  );
}

/** Horizontal overflow of the page, in CSS px (0 when nothing scrolls sideways). */
export function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
