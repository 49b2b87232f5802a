/**
 * Renders a caption with inline TeX between `$…$` to HTML: text is escaped,
 * math goes through KaTeX (the same engine rehype-katex uses for the article,
 * so captions and body match). `\$` is a literal dollar sign.
 * Bad TeX throws, naming `where`, so a broken caption fails the build.
 */
import katex from 'katex';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function inlineTex(text: string, where: string): string {
  let html = '';
  // Alternating text / math segments; escaped dollars are protected first.
  const parts = text.replace(/\\\$/g, '\u0000').split('$');
  if (parts.length % 2 === 0) throw new Error(`${where}: unbalanced $ in caption: ${text}`);
  parts.forEach((part, i) => {
    const restored = part.replace(/\u0000/g, '$');
    if (i % 2 === 0) {
      html += escapeHtml(restored);
      return;
    }
    try {
      html += katex.renderToString(restored, { throwOnError: true, output: 'htmlAndMathml' });
    } catch (e) {
      throw new Error(`${where}: caption TeX "${restored}" does not render: ${(e as Error).message}`);
    }
  });
  return html;
}
