/**
 * Renders a caption with inline TeX between `$…$` to HTML: text is escaped,
 * math goes through KaTeX (the same engine rehype-katex uses for the article,
 * so captions and body match). `\$` is a literal dollar sign.
 * Bad TeX throws, naming `where`, so a broken caption fails the build.
 * Punctuation next to math stays on its line (see markdown/mathPunctuation.ts).
 */
import katex from 'katex';
import { glueHtml } from '../markdown/mathPunctuation';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function inlineTex(text: string, where: string): string {
  // Alternating text / math segments; escaped dollars are protected first.
  const parts = text.replace(/\\\$/g, '\u0000').split('$').map((p) => p.replace(/\u0000/g, '$'));
  if (parts.length % 2 === 0) throw new Error(`${where}: unbalanced $ in caption: ${text}`);
  const texts = parts.filter((_, i) => i % 2 === 0).map(escapeHtml);
  const maths = parts.filter((_, i) => i % 2 === 1).map((tex) => {
    try {
      return katex.renderToString(tex, { throwOnError: true, output: 'htmlAndMathml' });
    } catch (e) {
      throw new Error(`${where}: caption TeX "${tex}" does not render: ${(e as Error).message}`);
    }
  });
  // Math k sits between texts k and k + 1; punctuation touching it moves into its span.
  maths.forEach((math, k) => {
    const glued = glueHtml(texts[k], math, texts[k + 1]);
    texts[k] = glued.before;
    maths[k] = glued.html;
    texts[k + 1] = glued.after;
  });
  return texts.map((t, k) => t + (maths[k] ?? '')).join('');
}
