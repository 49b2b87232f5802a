/**
 * Tracing sampled curves into a path, with the points a reader cannot see
 * left out.
 *
 * A curve sampled densely (a network function on a 700-point grid, 100
 * training curves of 200 points) has far more vertices than the picture
 * needs: wherever it is straight to within a fraction of a device pixel, the
 * points in between change nothing visible. They still cost: the rasteriser
 * strokes every segment, and drawing frames is the largest part of a figure
 * build. So runs of points are simplified (Ramer–Douglas–Peucker) to within
 * SIMPLIFY_DEVICE_PX of the full polyline before they are traced: an edge
 * moves by at most a tenth of a pixel, below what anti-aliasing shows.
 * (simplify-js does the same on arrays of point objects; these work on the
 * typed arrays the marks already hold, with no allocation per point per frame.)
 */
/** Largest distance, in device pixels, between a dropped point and the traced polyline. */
export const SIMPLIFY_DEVICE_PX = 0.1;

/**
 * Indices (into x/y, within [from, to)) of the points to keep so that every
 * dropped point lies within `tolerance` of the kept polyline. The first and
 * last points are always kept. All points must be finite.
 */
export function simplifyRun(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number, tolerance: number): number[] {
  const n = to - from;
  if (n <= 2) return Array.from({ length: n }, (_, i) => from + i);
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const tol2 = tolerance * tolerance;
  // Iterative: a deep recursion on a long, wiggly curve could overflow the stack.
  const stack = [0, n - 1];
  while (stack.length) {
    const b = stack.pop()!, a = stack.pop()!;
    let worst = -1, worstD = tol2;
    const ax = x[from + a], ay = y[from + a], dx = x[from + b] - ax, dy = y[from + b] - ay, len2 = dx * dx + dy * dy;
    for (let i = a + 1; i < b; i++) {
      const d = distanceToSegment2(x[from + i] - ax, y[from + i] - ay, dx, dy, len2);
      if (d > worstD) { worstD = d; worst = i; }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push(a, worst, worst, b);
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(from + i);
  return out;
}

/** Squared distance from p to the segment 0 → d (coordinates relative to its start). */
function distanceToSegment2(px: number, py: number, dx: number, dy: number, len2: number): number {
  const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
  const ex = px - t * dx, ey = py - t * dy;
  return ex * ex + ey * ey;
}

/**
 * Indices of the points of (x[i], y[i]), i in [0, n), worth tracing: each run
 * of finite points simplified to within `tolerance`, and the non-finite
 * points kept in place so a line generator with a `defined` test still breaks
 * the curve there (d3-shape's line, which traces the path).
 */
export function visibleIndices(x: ArrayLike<number>, y: ArrayLike<number>, n: number, tolerance: number): number[] {
  const out: number[] = [];
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const ok = i < n && Number.isFinite(x[i]) && Number.isFinite(y[i]);
    if (ok) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) for (const k of simplifyRun(x, y, start, i, tolerance)) out.push(k);
    start = -1;
    if (i < n) out.push(i);
  }
  return out;
}
