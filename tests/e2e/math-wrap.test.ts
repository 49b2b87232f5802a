/**
 * On a phone-width page, no punctuation that follows inline math starts a
 * line on its own (". After the swap…"): the stop stays on the line where
 * the math ends, and gluing them never pushes a formula past the screen's
 * edge. Checked on every page, body and captions, with every disclosure open
 * (the proof is one); and no inline math followed by punctuation is left
 * out of the glue (MDX's JSX nodes once hid the proof from it).
 */
import { describe, expect, inject, it } from 'vitest';
import { sitePages } from './sitePages';

const site = inject('sites')[0];

describe('inline math and punctuation at phone width', () => {
  const pages = sitePages(site);

  it('punctuation after math is on the line where the math ends', async () => {
    let checked = 0;
    await pages.eachPage({ viewport: { width: 360, height: 780 } }, async (page, url) => {
      const r = await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
        const unglued = [...document.querySelectorAll('.katex')]
          .filter((k) => !k.closest('.katex-display') && !k.parentElement?.classList.contains('math-punct'))
          .filter((k) => k.nextSibling?.nodeType === Node.TEXT_NODE && /^[.,;:!?)\]]/.test(k.nextSibling.textContent ?? ''))
          .map((k) => `${k.querySelector('annotation')?.textContent}${k.nextSibling?.textContent?.[0]}`);
        const stranded: string[] = [];
        let n = 0;
        for (const span of document.querySelectorAll('.math-punct')) {
          const last = span.lastChild;
          const math = last?.previousSibling as Element | null;
          if (last?.nodeType !== Node.TEXT_NODE || !math?.classList.contains('katex')) continue;
          const bases = math.querySelectorAll('.katex-html .base');
          const end = bases[bases.length - 1]?.getBoundingClientRect();
          const range = document.createRange();
          range.selectNodeContents(last);
          const punct = range.getBoundingClientRect();
          if (!end || end.height === 0 || punct.height === 0) continue; // not rendered (closed <details>)
          n++;
          // A new line starts below the end of the math's last box.
          if (punct.top >= end.bottom - 1) stranded.push(`${last.textContent} after "${math.querySelector('annotation')?.textContent}"`);
        }
        // Gluing must not make a formula overflow the column on a phone.
        const overflowing = [...document.querySelectorAll('.math-punct')]
          // Against its own block (a figure row may scroll sideways on phones), not the viewport.
          .filter((el) => {
            const block = el.closest('p, li, figcaption, dd, td, summary, div');
            return block !== null && el.getBoundingClientRect().right > block.getBoundingClientRect().right + 1;
          })
          .map((el) => el.querySelector('annotation')?.textContent ?? '');
        return { n, stranded, overflowing, unglued };
      });
      checked += r.n;
      expect(r.unglued, url).toEqual([]);
      expect(r.stranded, url).toEqual([]);
      expect(r.overflowing, url).toEqual([]);
    });
    expect(checked).toBeGreaterThan(10);
  });
});
