import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { addFontDisplaySwap } from '../../src/site/katexFontDisplay';

describe('KaTeX font-display', () => {
  it('adds swap to every @font-face of the real KaTeX stylesheet, once', () => {
    const css = readFileSync(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'), 'utf8');
    const faces = css.match(/@font-face/g)!.length;
    expect(faces).toBeGreaterThan(10);
    const out = addFontDisplaySwap(css);
    expect(out.match(/font-display:swap/g)!.length).toBe(faces);
    expect(addFontDisplaySwap(out)).toBe(out);
  });
});
