/** Small SVG path builders shared by the diagrams (all coordinates in viewBox units). */

export interface Point {
  x: number;
  y: number;
}

/** Filled triangular arrow head at `to`, pointing away from `from`. */
export function arrowHead(from: Point, to: Point, size = 7): string {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const bx = to.x - ux * size;
  const by = to.y - uy * size;
  const half = size * 0.45;
  return `M${f(to.x)},${f(to.y)}L${f(bx - uy * half)},${f(by + ux * half)}L${f(bx + uy * half)},${f(by - ux * half)}Z`;
}

/** A segment from `from` to `to`, shortened by `startGap`/`endGap` (e.g. node radii). */
export function trimmed(from: Point, to: Point, startGap: number, endGap: number): [Point, Point] {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  return [
    { x: from.x + (dx / len) * startGap, y: from.y + (dy / len) * startGap },
    { x: to.x - (dx / len) * endGap, y: to.y - (dy / len) * endGap },
  ];
}

/** Square matrix brackets `[ ]` around the box (x, y, w, h), with serifs of length `serif`. */
export function bracketPath(x: number, y: number, w: number, h: number, serif = 8): string {
  const r = x + w;
  const b = y + h;
  return (
    `M${f(x + serif)},${f(y)}H${f(x)}V${f(b)}H${f(x + serif)}` +
    `M${f(r - serif)},${f(y)}H${f(r)}V${f(b)}H${f(r - serif)}`
  );
}

/** Round parentheses `( )` around the box (x, y, w, h), bulging by `bulge`. */
export function parenPath(x: number, y: number, w: number, h: number, bulge = 10): string {
  const r = x + w;
  const b = y + h;
  const mid = y + h / 2;
  return (
    `M${f(x + bulge)},${f(y)}Q${f(x - bulge)},${f(mid)} ${f(x + bulge)},${f(b)}` +
    `M${f(r - bulge)},${f(y)}Q${f(r + bulge)},${f(mid)} ${f(r - bulge)},${f(b)}`
  );
}

/** The line of a dimension marker (drawn dashed); pair with `dimensionHeads`. */
export function dimensionLine(from: Point, to: Point): string {
  return `M${f(from.x)},${f(from.y)}L${f(to.x)},${f(to.y)}`;
}

/** Arrow heads at both ends of a dimension marker (drawn solid). */
export function dimensionHeads(from: Point, to: Point, head = 6): string {
  return arrowHead(to, from, head) + arrowHead(from, to, head);
}

/** Fixed-precision formatting keeps the SVG small and the output deterministic. */
export function round(v: number): number {
  return Number(v.toFixed(2));
}

function f(v: number): string {
  return round(v).toString();
}

/** A labelled dimension marker: dashed line, two heads, label offset from its midpoint. */
export interface Dimension {
  line: string;
  heads: string;
  label: Point;
  tex: string;
}

export function dimension(from: Point, to: Point, tex: string, offset: Point): Dimension {
  return {
    line: dimensionLine(from, to),
    heads: dimensionHeads(from, to, 6),
    label: { x: (from.x + to.x) / 2 + offset.x, y: (from.y + to.y) / 2 + offset.y },
    tex,
  };
}
