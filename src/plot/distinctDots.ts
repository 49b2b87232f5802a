/**
 * The dots of a one-colour scatter worth tracing.
 *
 * Such a scatter is filled as one path, so its dots form a union: a dot that
 * lies on top of one already traced adds nothing, and one off the (clipped)
 * plot box adds nothing either. Training trajectories are full of both: once
 * a network has converged, every later snapshot lands on the same spot, and
 * in the ellipses animation most of the 1,400 dots of the last frame sit
 * within a twentieth of a pixel of another. Each traced dot still costs the
 * rasteriser a circle, so those are left out. A dot is dropped when its
 * centre is within `tolerance` of a kept dot's centre: the union's edge then
 * moves by at most `tolerance`, the same bound the polylines use
 * (SIMPLIFY_DEVICE_PX in ./polyline.ts).
 */
import type { Box } from './axes';

/**
 * Indices of the dots to trace, in their original order (so the path, and
 * with it the picture, does not depend on how the dots were bucketed).
 * `px`/`py` are centres in the same units as `box`, `radius` and `tolerance`.
 */
export function distinctDots(
  px: ArrayLike<number>,
  py: ArrayLike<number>,
  radius: number,
  box: Box,
  tolerance: number,
): number[] {
  const keep: number[] = [];
  // Kept centres bucketed in cells of side `tolerance`: a kept dot within
  // `tolerance` of a new one lies in the new one's cell or a neighbour.
  const cells = new Map<number, number[]>();
  const columns = Math.ceil((box.w + 2 * radius) / tolerance) + 3;
  const x0 = box.x - radius, y0 = box.y - radius;
  const tol2 = tolerance * tolerance;
  for (let i = 0; i < px.length; i++) {
    const a = px[i], b = py[i];
    if (!Number.isFinite(a + b)) continue;
    if (a < x0 || a > box.x + box.w + radius || b < y0 || b > box.y + box.h + radius) continue;
    const cx = Math.floor((a - x0) / tolerance) + 1, cy = Math.floor((b - y0) / tolerance) + 1;
    if (covered(cells, columns, cx, cy, px, py, a, b, tol2)) continue;
    const key = cy * columns + cx;
    const list = cells.get(key);
    if (list) list.push(i); else cells.set(key, [i]);
    keep.push(i);
  }
  return keep;
}

/** Whether a kept dot in cell (cx, cy) or its eight neighbours is within √tol2 of (a, b). */
function covered(
  cells: Map<number, number[]>, columns: number, cx: number, cy: number,
  px: ArrayLike<number>, py: ArrayLike<number>, a: number, b: number, tol2: number,
): boolean {
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const list = cells.get((cy + dy) * columns + cx + dx);
      if (!list) continue;
      for (const j of list) {
        const ex = px[j] - a, ey = py[j] - b;
        if (ex * ex + ey * ey <= tol2) return true;
      }
    }
  }
  return false;
}
