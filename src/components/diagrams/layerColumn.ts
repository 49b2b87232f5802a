/**
 * Vertical placement of one network layer in a diagram: `drawn` nodes with an
 * ellipsis ("⋮") standing in for the hidden ones, just before the last node,
 * so the picture says "m nodes" while drawing only a few.
 */
export interface LayerColumn {
  x: number;
  /** y of every drawn node, top to bottom. */
  nodes: number[];
  /** y of the three ellipsis dots (empty when nothing is elided). */
  dots: number[];
}

export function layerColumn(x: number, drawn: number, top: number, bottom: number, elide = true): LayerColumn {
  if (!Number.isInteger(drawn) || drawn < 1) throw new Error(`layerColumn: drawn must be a positive integer, got ${drawn}`);
  if (drawn === 1) return { x, nodes: [(top + bottom) / 2], dots: [] };
  const slots = elide ? drawn + 1 : drawn;
  const step = (bottom - top) / (slots - 1);
  const at = (i: number) => top + i * step;
  if (!elide) return { x, nodes: Array.from({ length: drawn }, (_, i) => at(i)), dots: [] };
  const gap = drawn - 1; // the ellipsis sits in the slot before the last node
  const nodes = Array.from({ length: slots }, (_, i) => i).filter((i) => i !== gap).map(at);
  const c = at(gap);
  const d = Math.min(step * 0.28, 12);
  return { x, nodes, dots: [c - d, c, c + d] };
}
