/**
 * Inline math keeps the punctuation next to it on its line: the article's
 * rehype plugin and the caption renderer both wrap math and adjacent
 * punctuation in one span.math-punct (global.css: no wrap at its edges).
 */
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import type { Element, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { inlineTex } from '../../src/components/inlineTex';
import { EDGE_CLASS, MATH_PUNCT_CLASS, rehypeMathPunctuation } from '../../src/markdown/mathPunctuation';

async function article(md: string): Promise<string> {
  const p = await createMarkdownProcessor({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex, rehypeMathPunctuation], syntaxHighlight: false });
  return (await p.render(md)).code;
}

/** Text of each glued span with the KaTeX markup replaced by `M`. */
function glued(html: string): string[] {
  const out: string[] = [];
  const open = `<span class="${MATH_PUNCT_CLASS}">`;
  for (let at = html.indexOf(open); at >= 0; at = html.indexOf(open, at + 1)) {
    // Walk to the matching </span>.
    let depth = 0;
    let i = at;
    const re = /<span\b[^>]*>|<\/span>/g;
    re.lastIndex = at;
    for (let m = re.exec(html); m; m = re.exec(html)) {
      depth += m[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        i = m.index + m[0].length;
        break;
      }
    }
    const inner = html.slice(at + open.length, i - '</span>'.length);
    out.push(inner.replace(/<span class="katex">[\s\S]*<\/annotation><\/semantics><\/math><\/span><span class="katex-html"[\s\S]*?<\/span><\/span>(?=[^<]*$)/, 'M'));
  }
  return out;
}

describe('math and its punctuation', () => {
  it('article: wraps math with the stop, comma or brackets touching it, and nothing else', async () => {
    const html = await article('After the swap $P$. Then ($x$), and $y$; but $z$ alone.\n\n$$\na = b.\n$$\n');
    expect(glued(html)).toEqual(['M.', '(M),', 'M;']);
    expect(html).toContain('After the swap <span');
    expect(html).toContain('</span> alone.');
    // Display math is left alone.
    expect(html).not.toMatch(/math-punct">[^<]*<span class="katex-display/);
  });

  it('article: math inside MDX JSX (the proof in a <details>) is glued too', () => {
    const base: Element = { type: 'element', tagName: 'span', properties: { className: ['base'] }, children: [{ type: 'text', value: 'm' }] };
    const html: Element = { type: 'element', tagName: 'span', properties: { className: ['katex-html'] }, children: [base] };
    const katex: Element = { type: 'element', tagName: 'span', properties: { className: ['katex'] }, children: [html] };
    const item: Element = { type: 'element', tagName: 'li', properties: {}, children: [{ type: 'text', value: 'depends on ' }, katex, { type: 'text', value: '. Next' }] };
    // What @mdx-js/mdx hands rehype for <details>…</details>: a node of its own type, not an element.
    const tree = { type: 'root', children: [{ type: 'mdxJsxFlowElement', name: 'details', attributes: [], children: [item] }] } as unknown as Root;
    rehypeMathPunctuation()(tree);
    const glue = item.children[1] as Element;
    expect(glue.properties.className).toEqual([MATH_PUNCT_CLASS]);
    expect(glue.children).toEqual([katex, { type: 'text', value: '.' }]);
    expect(item.children[2]).toEqual({ type: 'text', value: ' Next' });
  });

  /** The visible boxes of the math, in order: `E` for a .base wrapped as an edge, `b` for a bare one. */
  const boxes = (html: string): string =>
    [...html.matchAll(new RegExp(`<span class="${EDGE_CLASS}"><span class="base">|<span class="base">`, 'g'))].map((m) => (m[0].includes(EDGE_CLASS) ? 'E' : 'b')).join('');

  it('only the KaTeX box touching the punctuation is kept from wrapping, in the article and in captions', async () => {
    // a = b + c has three boxes (breaks are allowed after = and +).
    expect(boxes(await article('Take $a = b + c$.'))).toBe('bbE');
    expect(boxes(inlineTex('Take $a = b + c$.', 'fig'))).toBe('bbE');
    expect(boxes(await article('Take ($a = b + c$).'))).toBe('EbE');
    expect(boxes(inlineTex('Take ($a = b + c$).', 'fig'))).toBe('EbE');
    expect(boxes(inlineTex('Take ($a = b + c$ and', 'fig'))).toBe('Ebb');
    expect(boxes(await article('Take $a = b + c$ and'))).toBe('bbb');
    expect(boxes(inlineTex('One box: $x$.', 'fig'))).toBe('E');
  });

  it('captions: a caption ending in math keeps its final stop with it', () => {
    const html = inlineTex('Loss for $m = 10$.', 'fig');
    expect(html.startsWith(`Loss for <span class="${MATH_PUNCT_CLASS}"><span class="katex">`)).toBe(true);
    expect(html.endsWith('.</span>')).toBe(true);
    expect(inlineTex('a $x$ b', 'fig')).not.toContain(MATH_PUNCT_CLASS);
    expect(inlineTex('“$x$”', 'fig')).toMatch(new RegExp(`^<span class="${MATH_PUNCT_CLASS}">“<span class="katex">.*”</span>$`));
  });
});
