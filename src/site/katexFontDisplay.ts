/**
 * KaTeX's stylesheet declares its fonts with `font-display: block`, so text set
 * in them stays invisible until each font arrives (up to 3 s on a slow phone).
 * This Vite plugin makes it `font-display: swap` in every @font-face of that
 * stylesheet as it is bundled: the fallback font shows at once and math is
 * restyled when its font lands. (Fonts and CSS stay served from our site.)
 */
import type { Plugin } from 'vite';

export function addFontDisplaySwap(css: string): string {
  return css
    .replace(/font-display:\s*(block|auto|fallback|optional)/g, 'font-display:swap')
    .replace(/@font-face\s*\{(?![^}]*font-display)/g, '@font-face{font-display:swap;');
}

export default function katexFontDisplay(): Plugin {
  return {
    name: 'katex-font-display-swap',
    enforce: 'pre',
    transform(code, id) {
      if (!/katex(\.min)?\.css($|\?)/.test(id)) return null;
      return { code: addFontDisplaySwap(code), map: null };
    },
  };
}
