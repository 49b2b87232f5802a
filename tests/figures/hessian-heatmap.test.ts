/** The block-row swap against an explicit permutation matrix, and the heatmap figure's schema and outputs. */
import { describe, expect, it } from 'vitest';
import { swapBlockRows } from '../../figures/ntk/blockMatrix';
import hessianHeatmap, { hessianHeatmapParams } from '../../figures/ntk/hessian-heatmap.figure';
import { createRng } from '../../src/numerics';
import { coloursUsed, renditionWriter, themeColours } from './renditionWriter';

describe('swapBlockRows', () => {
  it('equals P·M with P the explicit row permutation, and swapping twice (k = n/2) is the identity', () => {
    const rng = createRng(3);
    for (const [n, k] of [[6, 3], [5, 2], [4, 0]]) {
      const M = Float64Array.from({ length: n * n }, () => rng.normal());
      const P = new Float64Array(n * n);
      for (let i = 0; i < n; i++) P[i * n + ((i + k) % n)] = 1; // row i of P·M is row (i + k) mod n of M
      const PM = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) PM[i * n + j] += P[i * n + l] * M[l * n + j];
      expect(Array.from(swapBlockRows(M, n, k))).toEqual(Array.from(PM));
      if (2 * k === n) expect(Array.from(swapBlockRows(swapBlockRows(M, n, k), n, k))).toEqual(Array.from(M));
    }
    expect(() => swapBlockRows(new Float64Array(8), 3, 1)).toThrow();
  });
});

describe('hessian-heatmap figure', () => {
  it('rejects invalid params', () => {
    expect(hessianHeatmapParams.safeParse({ units: -4 }).success).toBe(false);
    expect(hessianHeatmapParams.safeParse({ units: 2.5 }).success).toBe(false);
    expect(hessianHeatmapParams.safeParse({ x: 0 }).success).toBe(false);
    expect(hessianHeatmapParams.parse({}).units).toBe(12);
  });
  it('publishes a third-slot still per rendition, in theme colours, with a 2m×2m Hessian in the data', async () => {
    const { out, stills, data } = renditionWriter();
    const params = hessianHeatmapParams.parse({ units: 5, x: -0.5 });
    await hessianHeatmap.render({ params, seed: 1, rng: createRng(1), progress: () => {}, out });
    const s = stills['hessian-heatmap'];
    expect(s.slot).toBe('third');
    expect(s.meta.caption).toContain('$m = 5$');
    expect(s.meta.caption).toContain('$x = -0.5$');
    expect(s.meta.caption.length).toBeLessThan(330);
    expect(s.meta.notes).toMatch(/Hessian-vector products/);
    for (const v of [s.phone, s.desktop, s.dark]) {
      expect(v.layouts).toHaveLength(2);
      expect(v.fig.height / v.fig.width).toBeCloseTo(v.r.layout === 'phone' ? params.phoneAspect : params.aspect, 2);
      // The two matrices are square, stacked, and do not overlap.
      const [top, bottom] = v.layouts.map((l) => l.plot);
      expect(top.w).toBeCloseTo(top.h, 0);
      expect(bottom.y).toBeGreaterThan(top.y + top.h);
    }
    expect(s.desktop.fig.width).toBe(277);
    const allowed = themeColours(s.dark.r), used = coloursUsed(s.dark);
    expect(used).toContain(s.dark.r.theme.background.toLowerCase());
    for (const c of used) expect(allowed).toContain(c);
    const hessian = (data.hessian as { hessian: number[][] }).hessian;
    expect(hessian).toHaveLength(10);
    expect(hessian.every((r) => r.length === 10)).toBe(true);
  });
});
