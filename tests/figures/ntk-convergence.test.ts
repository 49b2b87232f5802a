/** kernelStats against a direct two-pass computation, and the ntk-convergence schema and outputs. */
import { describe, expect, it } from 'vitest';
import { kernelStats } from '../../figures/ntk/kernelStats';
import ntkConvergence, { ntkConvergenceParams } from '../../figures/ntk/ntk-convergence.figure';
import { createRng } from '../../src/numerics';
import type { OutputWriter } from '../../src/pipeline/contract';

const fro = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));

describe('kernelStats', () => {
  it('matches a direct two-pass computation of distances, spread and mean error', () => {
    const rng = createRng(4), n = 3, size = n * n, S = 5;
    const R = Float64Array.from({ length: size }, () => 1 + rng.uniform());
    const Ks = Array.from({ length: S }, () => Float64Array.from(R, (r) => r + 0.3 * rng.normal()));
    const st = kernelStats(R, n);
    Ks.forEach((K) => st.add(K));
    const res = st.result();
    Ks.forEach((K, s) => expect(res.relErrors[s]).toBeCloseTo(fro(K.map((v, i) => v - R[i])) / fro(R), 12));
    const mean = R.map((_, i) => Ks.reduce((t, K) => t + K[i], 0) / S);
    expect(res.relMeanError).toBeCloseTo(fro(mean.map((v, i) => v - R[i])) / fro(R), 12);
    let v = 0;
    for (let i = 0; i < size; i++) v += Ks.reduce((t, K) => t + (K[i] - mean[i]) ** 2, 0) / (S - 1);
    expect(res.relSpread).toBeCloseTo(Math.sqrt(v / size) / (fro(R) / Math.sqrt(size)), 12);
  });
  it('refuses mismatched sizes and a single kernel', () => {
    const st = kernelStats(new Float64Array(4).fill(1), 2);
    expect(() => st.add(new Float64Array(9))).toThrow();
    st.add(new Float64Array(4));
    expect(() => st.result()).toThrow();
  });
});

describe('ntk-convergence figure', () => {
  it('rejects invalid params', () => {
    expect(ntkConvergenceParams.safeParse({ widths: [-10, 100, 1000] }).success).toBe(false);
    expect(ntkConvergenceParams.safeParse({ widths: [100, 10, 1000], shownWidths: [100] }).success).toBe(false);
    expect(ntkConvergenceParams.safeParse({ shownWidths: [50] }).success).toBe(false);
    expect(ntkConvergenceParams.safeParse({ xMin: 2, xMax: -2 }).success).toBe(false);
    expect(ntkConvergenceParams.safeParse({ seeds: 1 }).success).toBe(false);
    expect(ntkConvergenceParams.parse({}).widths).toEqual([10, 30, 100, 300, 1000]);
  });
  it('renders one image with a caption from the params, and per-width data', async () => {
    let caption = '';
    let data: { widths: { m: number; relErrors: number[]; slices?: number[][] }[] } | undefined;
    const out: OutputWriter = {
      image: (id, png, meta) => { expect(id).toBe('ntk-convergence'); expect(png.length).toBeGreaterThan(1000); caption = meta.caption; },
      animation: () => { throw new Error('no animations here'); },
      data: (_n, v) => { data = v as typeof data; },
    };
    const params = ntkConvergenceParams.parse({ widths: [4, 8, 16], shownWidths: [4, 16], seeds: 3, points: 7, x0: 0.5 });
    await ntkConvergence.render({ params, seed: 1, rng: createRng(1), progress: () => {}, out });
    expect(caption).toContain('$x_0 = 0.5$ (dotted line) for 3 random networks of width 4, 16');
    expect(caption).toContain('widths 4, 8, 16');
    expect(data!.widths.map((w) => w.m)).toEqual([4, 8, 16]);
    expect(data!.widths.map((w) => w.relErrors.length)).toEqual([3, 3, 3]);
    expect(data!.widths.map((w) => w.slices?.length ?? 0)).toEqual([3, 0, 3]);
  });
});
