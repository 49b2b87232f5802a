/**
 * One-colour scatters trace only the dots that change the picture. Oracles:
 * every dropped dot has a kept dot within the tolerance (brute force), kept
 * dots are pairwise farther apart than the tolerance, dots off the clipped
 * plot box go, and the rasterised union of the kept dots matches that of all
 * dots to within anti-aliasing noise.
 */
import { describe, expect, it } from 'vitest';
import { distinctDots } from '../../src/plot/distinctDots';
import { createRng } from '../../src/numerics/rng';
import { CanvasContext } from '../../src/plot/canvasContext';

const box = { x: 10, y: 20, w: 300, h: 200 };

/** A converging trajectory: big steps first, then hundreds of snapshots on almost the same spot. */
function trajectory(seed: number, n: number): [Float64Array, Float64Array] {
  const rng = createRng(seed);
  const x = new Float64Array(n), y = new Float64Array(n);
  let a = 30, b = 40;
  for (let i = 0; i < n; i++) {
    const step = 40 * Math.exp(-i / 8);
    a += step * rng.uniform() + 1e-3 * rng.normal();
    b += step * rng.uniform() + 1e-3 * rng.normal();
    x[i] = a; y[i] = b;
  }
  return [x, y];
}

describe('distinctDots', () => {
  it('drops only dots within the tolerance of a kept one, and keeps kept dots apart', () => {
    for (const tol of [0.05, 0.1, 0.5]) {
      for (let seed = 1; seed <= 5; seed++) {
        const [x, y] = trajectory(seed, 400);
        const kept = distinctDots(x, y, 3, box, tol);
        expect(kept).toEqual([...kept].sort((p, q) => p - q));
        const keptSet = new Set(kept);
        const inside = (i: number) => x[i] >= box.x - 3 && x[i] <= box.x + box.w + 3 && y[i] >= box.y - 3 && y[i] <= box.y + box.h + 3;
        for (let i = 0; i < x.length; i++) {
          if (keptSet.has(i) || !inside(i)) continue;
          const nearest = Math.min(...kept.map((j) => Math.hypot(x[i] - x[j], y[i] - y[j])));
          expect(nearest).toBeLessThanOrEqual(tol);
        }
        for (const i of kept) for (const j of kept) if (i < j) expect(Math.hypot(x[i] - x[j], y[i] - y[j])).toBeGreaterThan(tol);
        // A converged trajectory is mostly repeats.
        expect(kept.length).toBeLessThan(x.length / 4);
      }
    }
  });

  it('keeps distinct dots, skips non-finite ones and those wholly outside the plot box', () => {
    const x = [50, 60, NaN, box.x - 2, box.x - 4, box.x + box.w + 5, 100];
    const y = [50, 50, 50, 100, 100, 100, box.y + box.h + 2.5];
    // Radius 3: a dot 2 px left of the box still shows its right edge; 4 or 5 px out it does not.
    expect(distinctDots(x, y, 3, box, 0.1)).toEqual([0, 1, 3, 6]);
  });

  it('draws the same union as all the dots, to within anti-aliasing noise', () => {
    const [x, y] = trajectory(7, 600);
    const draw = (indices: number[]) => {
      const c = new CanvasContext(340, 240, 2);
      c.fillStyle = '#1f77b4';
      c.beginPath();
      for (const i of indices) { c.moveTo(x[i] + 2.6, y[i]); c.arc(x[i], y[i], 2.6, 0, 2 * Math.PI); }
      c.fill();
      return c.rgba().data;
    };
    const kept = distinctDots(x, y, 2.6, box, 0.1 / 2);
    expect(kept.length).toBeLessThan(x.length / 4);
    const all = draw(Array.from(x, (_, i) => i)), some = draw(kept);
    let worst = 0, differing = 0;
    for (let i = 0; i < all.length; i++) {
      const d = Math.abs(all[i] - some[i]);
      worst = Math.max(worst, d);
      if (d) differing++;
    }
    // Only a few edge pixels change, none by much. (Not zero: Skia's anti-aliasing
    // adds up the partial coverage of edges that lie on top of each other, so a
    // pile of coincident dots has a slightly heavier rim than one dot.)
    expect(differing / all.length).toBeLessThan(5e-4);
    expect(worst).toBeLessThanOrEqual(64);
  });
});
