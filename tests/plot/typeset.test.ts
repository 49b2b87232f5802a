import { describe, expect, it } from 'vitest';
import { toTex, typeset } from '../../src/plot';

describe('typeset', () => {
  it('wraps plain text in \\text and keeps math as TeX', () => {
    expect(toTex('Width $= 100$')).toBe('\\text{Width }{= 100}');
    expect(toTex('$\\alpha = 48.25$')).toBe('{\\alpha = 48.25}');
    expect(toTex('cost \\$5 & 10%')).toBe('\\text{cost \\$5 \\& 10\\%}');
    expect(() => toTex('$x')).toThrow(/unbalanced/);
  });
  it('produces glyph outlines with sensible metrics, cached per string', () => {
    const a = typeset('$\\|\\nabla^2 y\\|_2$');
    expect(a.d).toMatch(/^M/);
    expect(a.width).toBeGreaterThan(1000);
    expect(a.ascent).toBeGreaterThan(500);
    expect(a.descent).toBeGreaterThan(0);
    expect(typeset('$\\|\\nabla^2 y\\|_2$')).toBe(a);
    // Longer text is wider; a fraction is taller than plain text.
    expect(typeset('$y_1 = f(-2, w(n))$').width).toBeGreaterThan(typeset('$y_1$').width);
    expect(typeset('$\\frac{a}{b}$').ascent).toBeGreaterThan(typeset('$a$').ascent);
  });
  it('rejects TeX errors', () => {
    expect(() => typeset('$\\frac{a}$')).toThrow();
  });
});
