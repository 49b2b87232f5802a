/**
 * Curve simplification before tracing: nothing visible may move. Oracle: the
 * distance from every original point to the kept polyline, computed
 * independently, is within the tolerance; straight runs collapse to their
 * ends; kinks, run ends and gaps survive.
 */
import { describe, expect, it } from 'vitest';
import { simplifyRun, visibleIndices } from '../../src/plot/polyline';
import { createRng } from '../../src/numerics/rng';

/** Distance from (px, py) to the polyline through the kept points (brute force). */
function distanceToPolyline(px: number, py: number, x: ArrayLike<number>, y: ArrayLike<number>, kept: number[]): number {
  let best = Infinity;
  for (let k = 0; k + 1 < kept.length; k++) {
    const ax = x[kept[k]], ay = y[kept[k]], bx = x[kept[k + 1]], by = y[kept[k + 1]];
    const dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    const t = l2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2)) : 0;
    best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
  }
  return kept.length === 1 ? Math.hypot(px - x[kept[0]], py - y[kept[0]]) : best;
}

describe('simplifyRun', () => {
  it('keeps every dropped point within the tolerance of the kept polyline (random walks and a dense sine)', () => {
    const rng = createRng(3);
    const cases: [Float64Array, Float64Array][] = [];
    for (let c = 0; c < 20; c++) {
      const n = 50 + Math.floor(rng.uniform() * 500);
      const x = new Float64Array(n), y = new Float64Array(n);
      for (let i = 1; i < n; i++) { x[i] = x[i - 1] + rng.uniform() * 2; y[i] = y[i - 1] + rng.normal() * (c % 2 ? 0.05 : 3); }
      cases.push([x, y]);
    }
    const n = 2000, sx = new Float64Array(n), sy = new Float64Array(n);
    for (let i = 0; i < n; i++) { sx[i] = i * 0.35; sy[i] = 150 * Math.sin(i / 90); }
    cases.push([sx, sy]);
    for (const tol of [0.05, 0.1, 1]) {
      for (const [x, y] of cases) {
        const kept = simplifyRun(x, y, 0, x.length, tol);
        expect(kept[0]).toBe(0);
        expect(kept[kept.length - 1]).toBe(x.length - 1);
        let worst = 0;
        for (let i = 0; i < x.length; i++) worst = Math.max(worst, distanceToPolyline(x[i], y[i], x, y, kept));
        expect(worst).toBeLessThanOrEqual(tol + 1e-9);
      }
    }
    // The dense sine needs far fewer vertices than it was sampled with.
    expect(simplifyRun(sx, sy, 0, n, 0.1).length).toBeLessThan(n / 4);
  });

  it('reduces a straight run to its two ends and keeps a ReLU kink', () => {
    const n = 1001, x = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) { x[i] = i; y[i] = 0.3 * i + 2; }
    expect(simplifyRun(x, y, 0, n, 0.1)).toEqual([0, n - 1]);
    for (let i = 0; i < n; i++) y[i] = Math.max(0, i - 400);
    expect(simplifyRun(x, y, 0, n, 0.1)).toEqual([0, 400, n - 1]);
  });

  it('keeps a point where the curve turns back on itself (distance to the segment, not the line)', () => {
    const x = [0, 10, 5], y = [0, 0, 0];
    expect(simplifyRun(x, y, 0, 3, 0.1)).toEqual([0, 1, 2]);
  });
});

describe('visibleIndices', () => {
  it('breaks at non-finite points, keeping them in place, and keeps one-point runs', () => {
    const x = [0, 1, 2, 3, NaN, 5, 6, Infinity, 8, 9, 10], y = [0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4];
    expect(visibleIndices(x, y, x.length, 0.1)).toEqual([0, 3, 4, 5, 6, 7, 8, 10]);
    expect(visibleIndices([1, NaN, 3], [1, 1, NaN], 3, 0.1)).toEqual([0, 1, 2]);
  });
});
