/**
 * Diagrams scale with their box (SVG viewBox, labels in container units), so
 * what can go wrong is size: text shrunk below legibility, a diagram wider
 * than a phone, a row whose diagram and image do not match. Checked on every
 * page with diagrams, with collapsible proofs opened (diagrams live in them).
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { sitePages } from './sitePages';

const sites = inject('sites');
/** Diagrams whose text was sized for phones and desktops (the Hessian row of the NTK post). */
const SIZED = ['one-layer-network', 'hessian-structure'];

interface DiagramBox { name: string; left: number; right: number; minFont: number }

const measure = (page: Page) => page.evaluate(() => ({
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  diagrams: [...document.querySelectorAll<HTMLElement>('.diagram')].map((d) => {
    const r = d.getBoundingClientRect();
    const sizes = [...d.querySelectorAll('.label')].map((l) => parseFloat(getComputedStyle(l).fontSize));
    return { name: d.dataset.diagram ?? '', left: r.left, right: r.right, minFont: Math.min(...sizes) };
  }),
  rows: [...document.querySelectorAll('.figure-row:has(.figure-diagram)')].map((row) =>
    [...row.querySelectorAll(':scope > .figure .figure-body')].map((b) => { const r = b.getBoundingClientRect(); return { top: r.top, height: r.height }; })),
}));

describe.each(sites)('diagram layout ($name)', (site) => {
  const pages = sitePages(site);

  it.each([320, 390, 1280])('at %i px no diagram leaves the page; the sized ones keep text ≥ 11 px (except at 320)', async (width) => {
    let seen: DiagramBox[] = [];
    await pages.eachPage({ viewport: { width, height: 900 } }, async (page, url) => {
      const m = await measure(page);
      expect(m.scrollWidth, url).toBeLessThanOrEqual(m.clientWidth);
      for (const d of m.diagrams) {
        expect(d.left, d.name).toBeGreaterThanOrEqual(0);
        expect(d.right, d.name).toBeLessThanOrEqual(width);
      }
      seen = seen.concat(m.diagrams);
      // A diagram beside an image in a row (desktop): the two are drawn to the same height.
      if (width >= 1280) for (const row of m.rows) {
        if (row.length !== 2) continue;
        expect(Math.abs(row[0].top - row[1].top)).toBeLessThan(2);
        expect(Math.abs(row[0].height - row[1].height) / Math.max(row[0].height, row[1].height)).toBeLessThan(0.05);
      }
    }, { openDetails: true });
    const sized = seen.filter((d) => SIZED.includes(d.name));
    expect(sized.length).toBeGreaterThan(0);
    if (width >= 390) for (const d of sized) expect(d.minFont, d.name).toBeGreaterThanOrEqual(11);
  });
});
