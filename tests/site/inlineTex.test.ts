import { describe, expect, it } from 'vitest';
import { inlineTex } from '../../src/components/inlineTex';

describe('inlineTex', () => {
  it('escapes text and renders math with KaTeX', () => {
    const html = inlineTex('Width <b> & $\\alpha^2$ grows', 'fig');
    expect(html.startsWith('Width &lt;b&gt; &amp; <span class="katex">')).toBe(true);
    expect(html).toContain('<annotation encoding="application/x-tex">\\alpha^2</annotation>');
    expect(html.endsWith(' grows')).toBe(true);
  });

  it('keeps escaped dollars literal', () => {
    expect(inlineTex('costs \\$5', 'fig')).toBe('costs $5');
  });

  it('fails naming the figure on bad TeX or an unbalanced $', () => {
    expect(() => inlineTex('$\\frac{1}{$', 'figure "x"')).toThrow(/figure "x": caption TeX/);
    expect(() => inlineTex('a $b', 'figure "x"')).toThrow(/unbalanced/);
  });
});
