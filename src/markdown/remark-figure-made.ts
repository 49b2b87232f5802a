/**
 * remark plugin, after remark-figures: one full "How this figure was made"
 * per script and page. A script with several outputs (weight-matrices has
 * five) would otherwise repeat the same parameters, modules and links under
 * every one of them. The first <Figure> of each script in document order
 * keeps the full disclosure; each later one gets `madeRef` (the anchor of
 * that first figure) and `madeRefNumber` (its number, absent for the hero),
 * and <FigureMade> links there instead.
 *
 * It also lists every disclosure of the page in the frontmatter
 * (`figuresMade`, read through `remarkPluginFrontmatter`): each one's body
 * is its own small page (src/pages/[post]/made/[anchor].astro), fetched when
 * the reader opens it, so the article's HTML does not carry them all.
 */
import type { VFile } from 'vfile';
import type { FigureMadeRef } from './figuresMade';
import { readManifest } from './readManifest';

export interface RemarkFigureMadeOptions {
  /** Script id of an output id (tests inject one; default: the manifest). */
  scriptOf?: (outputId: string) => string | undefined;
}

interface Attribute {
  type: string;
  name?: string;
  value?: unknown;
}
interface Node {
  type: string;
  name?: string | null;
  attributes?: Attribute[];
  children?: Node[];
}

const isFigure = (n: Node): boolean => (n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') && n.name === 'Figure';
const literal = (n: Node, name: string): string | undefined => {
  const v = n.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === name)?.value;
  return typeof v === 'string' ? v : undefined;
};
/** Diagrams (figures with children) have no script. */
const isDiagram = (n: Node): boolean => (n.children ?? []).some((c) => c.type !== 'text');

export default function remarkFigureMade(options: RemarkFigureMadeOptions = {}) {
  const scriptOf = options.scriptOf ?? ((id: string) => readManifest().figures[id]?.script.id);
  return (tree: Node, file?: VFile): void => {
    const inOrder: Node[] = [];
    const walk = (n: Node): void => {
      if (isFigure(n)) inOrder.push(n);
      n.children?.forEach(walk);
    };
    walk(tree);
    const first = new Map<string, Node>();
    for (const fig of inOrder) {
      const id = literal(fig, 'id');
      const script = id && !isDiagram(fig) ? scriptOf(id) : undefined;
      if (!script) continue;
      const target = first.get(script);
      if (!target) {
        first.set(script, fig);
        continue;
      }
      const refs: [string, string | undefined][] = [
        ['madeRef', literal(target, 'anchor') ?? `fig-${literal(target, 'id')}`],
        ['madeRefNumber', literal(target, 'number')],
      ];
      for (const [name, value] of refs) if (value) fig.attributes!.push({ type: 'mdxJsxAttribute', name, value });
    }
    const made: FigureMadeRef[] = [];
    for (const fig of inOrder) {
      const id = literal(fig, 'id');
      if (!id || isDiagram(fig) || !scriptOf(id)) continue;
      const entry: FigureMadeRef = { id, anchor: literal(fig, 'anchor') ?? `fig-${id}` };
      for (const key of ['number', 'madeRef', 'madeRefNumber'] as const) {
        const v = literal(fig, key);
        if (v) entry[key] = v;
      }
      made.push(entry);
    }
    if (file) {
      const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
      data.astro ??= {};
      data.astro.frontmatter ??= {};
      data.astro.frontmatter.figuresMade = made;
    }
  };
}
