import katex from 'katex';

/**
 * Typeset a TeX label for a diagram. Errors throw (rather than rendering a red
 * `katex-error` span) so a typo in a label fails the build instead of shipping.
 * `\htmlClass{tex-red}{…}` is the one HTML extension we allow: KaTeX's `\color`
 * only takes literal colours, and diagram colours must follow the site theme,
 * so accents are classes whose colour comes from CSS variables (see Diagram.astro).
 */
export function tex(source: string, display = false): string {
  return katex.renderToString(source, {
    displayMode: display,
    throwOnError: true,
    trust: (context) => context.command === '\\htmlClass',
    strict: (code: string) => (code === 'htmlExtension' ? 'ignore' : 'warn'),
  });
}
