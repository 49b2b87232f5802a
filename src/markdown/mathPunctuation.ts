/**
 * Keep inline math together with the punctuation around it. KaTeX typesets
 * inline math as inline-blocks, and browsers may break a line right after an
 * inline-block, so "… $x$." could end a line at the math and start the next
 * one with a lone "." (and "($x$" could leave "(" behind). The math and the
 * punctuation touching it go into one span.math-punct that does not wrap.
 * The math itself may still break between its own boxes (KaTeX's .base,
 * after relations and operators), so long formulas do not overflow on
 * phones: global.css lets its .katex-html wrap again. Chromium decides a break
 * next to an inline-block by the style of the block's parent, so the .base
 * touching the punctuation is wrapped in a span.math-punct-edge that does not
 * wrap either.
 *
 * Used by the article (rehype plugin, after rehype-katex) and by captions
 * (inlineTex), so both behave the same.
 */
import type { Element, ElementContent, Root, Text } from 'hast';

export const MATH_PUNCT_CLASS = 'math-punct';
export const EDGE_CLASS = 'math-punct-edge';

/** Punctuation that must not start a line after math (closing marks, stops, commas…). */
export const TRAILING_PUNCTUATION = /^[.,;:!?)\]}’”»…%]+/;
/** Punctuation that must not end a line before math (opening brackets and quotes). */
export const LEADING_PUNCTUATION = /[([{‘“«]+$/;

/** `html` of the math, glued to the punctuation that ends `before` and starts `after`. */
export function glueHtml(before: string, mathHtml: string, after: string): { before: string; html: string; after: string } {
  const lead = LEADING_PUNCTUATION.exec(before)?.[0] ?? '';
  const trail = TRAILING_PUNCTUATION.exec(after)?.[0] ?? '';
  if (!lead && !trail) return { before, html: mathHtml, after };
  return {
    before: before.slice(0, before.length - lead.length),
    html: `<span class="${MATH_PUNCT_CLASS}">${lead}${wrapEdgeBasesHtml(mathHtml, !!lead, !!trail)}${trail}</span>`,
    after: after.slice(trail.length),
  };
}

/**
 * KaTeX's HTML string ends `…<span class="base">…</span></span></span>`
 * (last .base, then .katex-html and .katex close); its .base spans are never
 * nested, so the first and last are found by their opening tags.
 */
function wrapEdgeBasesHtml(html: string, first: boolean, last: boolean): string {
  const open = '<span class="base">';
  const close = '</span></span>';
  const a = html.indexOf(open);
  const z = html.lastIndexOf(open);
  if (a < 0 || !html.endsWith(close)) return html;
  const edge = (inner: string): string => `<span class="${EDGE_CLASS}">${inner}</span>`;
  const body = html.slice(0, html.length - close.length);
  if (a === z) return first || last ? body.slice(0, a) + edge(body.slice(a)) + close : html;
  // The first .base ends where the next one (or whatever follows it) begins: find its matching </span>.
  const firstEnd = first ? matchingClose(body, a) : a;
  const head = first ? body.slice(0, a) + edge(body.slice(a, firstEnd)) : body.slice(0, firstEnd);
  const middle = body.slice(firstEnd, z);
  const tail = last ? edge(body.slice(z)) : body.slice(z);
  return head + middle + tail + close;
}

/** Index just past the </span> that closes the <span> opening at `start`. */
function matchingClose(html: string, start: number): number {
  const re = /<span\b[^>]*>|<\/span>/g;
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[0] === '</span>' ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return html.length;
}

const isInlineMath = (n: ElementContent): n is Element =>
  n.type === 'element' && n.tagName === 'span' && classes(n).includes('katex');

function classes(e: Element): string[] {
  const c: unknown = e.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
}

/** The same as wrapEdgeBasesHtml, on KaTeX's HAST. */
function wrapEdgeBases(katexEl: Element, first: boolean, last: boolean): void {
  const html = katexEl.children.find((c): c is Element => c.type === 'element' && classes(c).includes('katex-html'));
  if (!html) return;
  const bases = html.children.flatMap((c, i) => (c.type === 'element' && classes(c).includes('base') ? [i] : []));
  const wrap = (i: number): void => {
    html.children[i] = { type: 'element', tagName: 'span', properties: { className: [EDGE_CLASS] }, children: [html.children[i]] };
  };
  if (bases.length === 0) return;
  if (last) wrap(bases[bases.length - 1]);
  if (first && !(last && bases.length === 1)) wrap(bases[0]);
}

const hasChildren = (n: object): n is { children: ElementContent[] } => Array.isArray((n as { children?: unknown }).children);

/** rehype plugin: run after rehype-katex. Display math (.katex-display) is left alone. */
export function rehypeMathPunctuation() {
  return (tree: Root): void => {
    const walk = (parent: { children: ElementContent[] } | Root): void => {
      const kids = parent.children as ElementContent[];
      for (let i = 0; i < kids.length; i++) {
        const node = kids[i];
        if (node.type !== 'element') {
          // MDX keeps JSX (<details>, <FigureRow>) as its own node types, whose children are HAST too:
          // the proof in a <details> was left unglued when only elements were entered.
          if (hasChildren(node)) walk(node);
          continue;
        }
        if (classes(node).includes('katex-display')) continue;
        if (!isInlineMath(node)) {
          walk(node);
          continue;
        }
        const prev = kids[i - 1]?.type === 'text' ? (kids[i - 1] as Text) : undefined;
        const next = kids[i + 1]?.type === 'text' ? (kids[i + 1] as Text) : undefined;
        const lead = prev ? (LEADING_PUNCTUATION.exec(prev.value)?.[0] ?? '') : '';
        const trail = next ? (TRAILING_PUNCTUATION.exec(next.value)?.[0] ?? '') : '';
        if (!lead && !trail) continue;
        if (prev) prev.value = prev.value.slice(0, prev.value.length - lead.length);
        if (next) next.value = next.value.slice(trail.length);
        wrapEdgeBases(node, !!lead, !!trail);
        const glued: ElementContent[] = [];
        if (lead) glued.push({ type: 'text', value: lead });
        glued.push(node);
        if (trail) glued.push({ type: 'text', value: trail });
        kids[i] = { type: 'element', tagName: 'span', properties: { className: [MATH_PUNCT_CLASS] }, children: glued };
      }
    };
    walk(tree);
  };
}
