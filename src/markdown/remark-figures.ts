/**
 * remark plugin for MDX articles: numbers `<Figure>`s in document order and
 * resolves cross-references, so a typo fails the build instead of shipping
 * a broken link.
 *
 * - `<Figure id>` (not `hero`) gets `number="N"` (1, 2, … in document order)
 *   and `anchor="fig-<id>"`; a hero figure is unnumbered.
 * - `<FigRef id>` gets the number and anchor of that figure, wherever it is
 *   (forward references included).
 * - `<Cite id>` gets `index="n"`: the 1-based position of the reference in
 *   the frontmatter's `references` list (which is also the order shown).
 * - Fails for: a generated figure whose id is not in the manifest (listing
 *   the closest known ids), a FigRef to a figure not in the document, an
 *   unknown cite id, a diagram (a Figure with children) without `alt` or
 *   `caption`, the same id numbered twice.
 *
 * Injected values are plain string attributes; the components parse them.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { closestIds } from '../pipeline/closest';
import { readManifest } from './readManifest';

export interface RemarkFiguresOptions {
  /** Ids of generated figures; defaults to the ids in the pipeline's manifest. */
  knownIds?: () => Iterable<string>;
  /** Desktop slot each generated figure was drawn for; defaults to the manifest's. */
  slotOf?: (id: string) => string | undefined;
}

/**
 * The slots a figure may be drawn for when it is one of `n` in a <FigureRow>:
 * a row of three needs thirds; a row of two halves, or a third beside a
 * wider diagram or inside a narrower box (a proof).
 */
const ROW_SLOTS: Record<number, string[]> = { 2: ['half', 'third'], 3: ['third'] };

/** The parts of an mdxJsx{Flow,Text}Element this plugin touches. */
interface JsxAttribute {
  type: 'mdxJsxAttribute';
  name: string;
  value?: string | null | { type: string; value: string };
}
interface JsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: Array<JsxAttribute | { type: 'mdxJsxExpressionAttribute'; value: string }>;
  children: AnyNode[];
  position?: unknown;
}
interface AnyNode {
  type: string;
  children?: AnyNode[];
}

interface Reference {
  id: string;
}

function jsxElements(tree: AnyNode, names: ReadonlySet<string>): JsxElement[] {
  const found: JsxElement[] = [];
  const walk = (node: AnyNode): void => {
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && names.has((node as JsxElement).name ?? '')) {
      found.push(node as JsxElement);
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return found;
}

function attr(el: JsxElement, name: string): JsxAttribute | undefined {
  return el.attributes.find((a): a is JsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name);
}

/** A literal string attribute; `undefined` when absent, error text when not literal. */
function stringAttr(el: JsxElement, name: string, file: VFile): string | undefined {
  const a = attr(el, name);
  if (!a) return undefined;
  if (typeof a.value === 'string') return a.value;
  file.fail(`<${el.name}> needs ${name}="…" as a plain string`, el as never);
}

/** Boolean attribute: `hero`, `hero={true}`; `hero={false}` is false. */
function flagAttr(el: JsxElement, name: string): boolean {
  const a = attr(el, name);
  if (!a) return false;
  if (a.value === null || a.value === undefined) return true;
  if (typeof a.value === 'string') return a.value !== 'false';
  return a.value.value.trim() !== 'false';
}

function setAttr(el: JsxElement, name: string, value: string): void {
  el.attributes = el.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === name));
  el.attributes.push({ type: 'mdxJsxAttribute', name, value });
}

function hasContent(el: JsxElement): boolean {
  return el.children.some((c) => !(c.type === 'text' && !(c as unknown as { value: string }).value.trim()));
}

function requireId(el: JsxElement, file: VFile): string {
  const id = stringAttr(el, 'id', file);
  if (!id) file.fail(`<${el.name}> needs an id="…"`, el as never);
  return id;
}

function suggest(id: string, known: Iterable<string>): string {
  const near = closestIds(id, known);
  return near.length ? ` Closest known ids: ${near.join(', ')}.` : ' No ids are known.';
}

function referencesOf(file: VFile): Reference[] {
  const fm = (file.data as { astro?: { frontmatter?: { references?: unknown } } }).astro?.frontmatter;
  const refs = fm?.references;
  if (!Array.isArray(refs)) return [];
  return refs.filter((r): r is Reference => typeof r === 'object' && r !== null && typeof (r as Reference).id === 'string');
}

export default function remarkFigures(options: RemarkFiguresOptions = {}) {
  const knownIds = options.knownIds ?? (() => Object.keys(readManifest().figures));
  const slotOf = options.slotOf ?? ((id: string) => readManifest().figures[id]?.slot);

  return (tree: Root, file: VFile): void => {
    const root = tree as unknown as AnyNode;
    const figures = jsxElements(root, new Set(['Figure']));
    if (figures.length === 0 && jsxElements(root, new Set(['FigRef', 'Cite'])).length === 0) return;
    const known = new Set(knownIds());

    // A figure drawn for one width and shown at another has text of the wrong size.
    for (const row of jsxElements(root, new Set(['FigureRow']))) {
      const members = jsxElements(row, new Set(['Figure']));
      const allowed = ROW_SLOTS[members.length];
      if (!allowed) file.fail(`<FigureRow> holds ${members.length} figures; it lays out 2 or 3.`, row as never);
      for (const fig of members) {
        const id = requireId(fig, file);
        const slot = hasContent(fig) ? undefined : slotOf(id);
        if (slot && !allowed.includes(slot)) {
          file.fail(`Figure "${id}" is one of ${members.length} in a <FigureRow>, so it must be drawn for slot '${allowed[0]}', but its script draws it for '${slot}': pass slot: '${allowed[0]}' to out.still/out.animated.`, fig as never);
        }
      }
    }

    const numbers = new Map<string, number>();
    const heroes = new Set<string>();
    let next = 1;
    for (const fig of figures) {
      const id = requireId(fig, file);
      if (hasContent(fig)) {
        for (const required of ['alt', 'caption']) {
          if (!stringAttr(fig, required, file)?.trim()) {
            file.fail(`Diagram <Figure id="${id}"> needs a non-empty ${required}="…" (a figure with children is a diagram: the manifest has no ${required} for it).`, fig as never);
          }
        }
      } else if (!known.has(id)) {
        file.fail(`Unknown figure id "${id}": no figure script publishes it.${suggest(id, known)}`, fig as never);
      }
      if (flagAttr(fig, 'hero')) {
        heroes.add(id);
        continue;
      }
      if (numbers.has(id)) file.fail(`Figure "${id}" appears twice; a figure can be numbered only once.`, fig as never);
      numbers.set(id, next);
      setAttr(fig, 'number', String(next));
      setAttr(fig, 'anchor', `fig-${id}`);
      next++;
    }
    // A hero keeps the plain anchor unless the same figure is also numbered
    // below; FigRefs always point at the numbered one when there is one.
    for (const fig of figures) {
      if (!flagAttr(fig, 'hero')) continue;
      const id = requireId(fig, file);
      setAttr(fig, 'anchor', numbers.has(id) ? `fig-${id}-hero` : `fig-${id}`);
    }

    const inDocument = [...numbers.keys(), ...heroes];
    for (const ref of jsxElements(root, new Set(['FigRef']))) {
      const id = requireId(ref, file);
      if (!numbers.has(id) && !heroes.has(id)) {
        file.fail(`<FigRef id="${id}"> points to no <Figure> in this article.${suggest(id, inDocument)}`, ref as never);
      }
      const n = numbers.get(id);
      if (n !== undefined) setAttr(ref, 'number', String(n));
      setAttr(ref, 'anchor', `fig-${id}`);
    }

    const refs = referencesOf(file);
    const refIndex = new Map(refs.map((r, i) => [r.id, i + 1]));
    for (const cite of jsxElements(root, new Set(['Cite']))) {
      const id = requireId(cite, file);
      const n = refIndex.get(id);
      if (n === undefined) {
        file.fail(`<Cite id="${id}"> matches no entry in the frontmatter's references.${suggest(id, refIndex.keys())}`, cite as never);
      }
      setAttr(cite, 'index', String(n));
    }
  };
}
