/**
 * Diagrams scale with their box (SVG viewBox, labels in container units), so
 * what can go wrong is size: text shrunk below legibility, a diagram wider
 * than a phone, a row whose diagram and image do not match. Checked on every
 * page with diagrams, with collapsible proofs opened (diagrams live in them).
 *
 * Text size is measured as displayed: a label's size in viewBox units
 * (data-size) × the diagram's shown width ÷ its viewBox width, cross-checked
 * against the font size the browser computed. Only the drawing CSS shows is
 * measured (a diagram may have a wide and a narrow one, see Diagram.astro).
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { sitePages } from './sitePages';

const sites = inject('sites');

interface DiagramBox { name: string; left: number; right: number; minText: number; fontMismatch: number }

const measure = (page: Page) => page.evaluate(() => ({
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  diagrams: [...document.querySelectorAll<HTMLElement>('.diagram')].filter((d) => d.getClientRects().length > 0).map((d) => {
    const r = d.getBoundingClientRect();
    const viewBoxWidth = Number(getComputedStyle(d).getPropertyValue('--vw'));
    const labels = [...d.querySelectorAll<HTMLElement>('.label')];
    const shown = labels.map((l) => (Number(l.dataset.size) * r.width) / viewBoxWidth);
    const computed = labels.map((l) => parseFloat(getComputedStyle(l).fontSize));
    return {
      name: `${d.dataset.diagram ?? ''}${d.dataset.layout ? ` (${d.dataset.layout})` : ''}`,
      left: r.left,
      right: r.right,
      minText: Math.min(...shown),
      fontMismatch: Math.max(0, ...shown.map((v, i) => Math.abs(v - computed[i]))),
    };
  }),
  rows: [...document.querySelectorAll('.figure-row:has(.figure-diagram)')].map((row) =>
    [...row.querySelectorAll(':scope > .figure .figure-body')].map((b) => { const r = b.getBoundingClientRect(); return { top: r.top, height: r.height }; })),
}));

describe.each(sites)('diagram layout ($name)', (site) => {
  const pages = sitePages(site);

  // 640 and 641: either side of the phone breakpoint, where the narrow drawing is widest and the wide one narrowest.
  it.each([320, 390, 640, 641, 1280])('at %i px no diagram leaves the page; text shows at ≥ 11 px', async (width) => {
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
    expect(seen.length).toBeGreaterThan(5);
    for (const d of seen) expect(d.fontMismatch, `${d.name}: measured size = computed font size`).toBeLessThan(0.05);
    for (const d of seen) expect(d.minText, d.name).toBeGreaterThanOrEqual(11);
  });
});
