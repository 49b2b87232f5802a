/**
 * Both colour schemes are legible: text ≥ 4.5:1 and marks ≥ 3:1 against the
 * figure background (WCAG 2 contrast ratios), and the dark background is the
 * site's own (src/styles/global.css), so dark figures sit flush on the page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { darkTheme, lightTheme, SITE_BACKGROUND, type Theme } from '../../src/plot/theme';

function luminance(css: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(css);
  if (!m) throw new Error(`not a #rrggbb colour: ${css}`);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16) / 255).map((s) => (s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

describe.each([lightTheme, darkTheme] as Theme[])('$scheme theme', (t) => {
  it('text has ≥ 4.5:1 contrast', () => {
    for (const c of [t.foreground, t.muted]) expect(contrast(c, t.background), c).toBeGreaterThanOrEqual(4.5);
  });
  it('every palette colour and reference line has ≥ 3:1 contrast', () => {
    for (const c of [...t.palette, t.reference, t.highlight]) expect(contrast(c, t.background), c).toBeGreaterThanOrEqual(3);
  });
  it('missing heatmap cells stand apart from the background but nearer it than the text (they recede, not glare)', () => {
    expect(contrast(t.missing, t.background)).toBeGreaterThanOrEqual(1.2);
    expect(contrast(t.missing, t.background)).toBeLessThan(contrast(t.missing, t.foreground));
  });
  it('palette colours stay distinguishable from each other', () => {
    const p = t.palette;
    for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) expect(p[i], `${p[i]} vs ${p[j]}`).not.toBe(p[j]);
  });
});

describe('figure backgrounds', () => {
  const css = readFileSync(new URL('../../src/styles/global.css', import.meta.url), 'utf8');
  it("are the site's dark background", () => {
    const dark = /:root\[data-theme='dark'\]\s*\{[^}]*--bg:\s*(#[0-9a-f]{6})/i.exec(css);
    expect(dark?.[1].toLowerCase()).toBe(SITE_BACKGROUND.dark);
    expect(darkTheme.background).toBe(SITE_BACKGROUND.dark);
  });
  it("and light background, so figures sit flush on the page", () => {
    const light = /:root\s*\{[^}]*--bg:\s*(#[0-9a-f]{6})/i.exec(css);
    expect(light?.[1].toLowerCase()).toBe(SITE_BACKGROUND.light);
    expect(lightTheme.background).toBe(SITE_BACKGROUND.light);
  });
});
