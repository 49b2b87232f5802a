/** kernelStats against a direct two-pass computation, and the ntk-convergence schema and outputs. */
import { describe, expect, it } from 'vitest';
import { kernelStats } from '../../figures/ntk/kernelStats';
import ntkConvergence, { ntkConvergenceParams } from '../../figures/ntk/ntk-convergence.figure';
import { createRng } from '../../src/numerics';
import { renditionWriter } from './renditionWriter';

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
  it('publishes one still per rendition: 2×2 panels on desktop, stacked on phones, never touching; Θ/m explained', async () => {
    const { out, stills, data } = renditionWriter();
    const params = ntkConvergenceParams.parse({ widths: [4, 8, 16], shownWidths: [4, 8, 16], seeds: 3, points: 7, x0: 0.5 });
    await ntkConvergence.render({ params, seed: 1, rng: createRng(1), progress: () => {}, out });
    const s = stills['ntk-convergence'];
    expect(s.meta.caption).toMatch(/grows \$\\propto m\$/);
    expect(s.meta.notes).toContain('$x_0 = 0.5$ (dotted line) for 3 random networks of width 4, 8, 16');
    expect(s.meta.notes).toContain('widths 4, 8, 16');
    const d = data['ntk-convergence'] as { widths: { m: number; relErrors: number[]; slices?: number[][] }[] };
    expect(d.widths.map((w) => w.m)).toEqual([4, 8, 16]);
    expect(d.widths.map((w) => w.relErrors.length)).toEqual([3, 3, 3]);
    for (const v of [s.phone, s.desktop, s.dark]) {
      const boxes = v.layouts.map((l) => l.plot);
      expect(boxes).toHaveLength(4);
      // Each axes lays out its own margins inside its rectangle: with touching rectangles a panel's x label
      // (baseline just below its tick labels) sat one padding above the title of the panel below it.
      // Text positions are baselines; require at least a title's height of clear space between them.
      const texts = v.rec.texts.filter((t) => t.rotation === 0);
      let pairs = 0;
      for (const upper of boxes) {
        const sameColumn = boxes.filter((b) => b.y > upper.y + upper.h && Math.abs(b.x - upper.x) < 0.25 * v.fig.width);
        if (!sameColumn.length) continue;
        const lower = sameColumn.reduce((a, b) => (b.y < a.y ? b : a));
        const inColumn = (t: { x: number }) => t.x >= upper.x - 40 && t.x <= upper.x + upper.w;
        const between = texts.filter((t) => inColumn(t) && t.y > upper.y + upper.h && t.y < lower.y);
        const xLabel = Math.max(...between.filter((t) => t.text === '$x$' || t.text === 'Width $m$').map((t) => t.y));
        const title = between.find((t) => t.size === v.r.theme.fontSize.title)!;
        expect(title.y - title.size - xLabel).toBeGreaterThan(0.5 * title.size);
        pairs++;
      }
      expect(pairs).toBe(v.r.layout === 'phone' ? 3 : 2);
    }
    // Phones: one column.
    const px = s.phone.layouts.map((l) => l.plot.x);
    expect(Math.max(...px) - Math.min(...px)).toBeLessThan(20);
    const dx = s.desktop.layouts.map((l) => l.plot.x);
    expect(Math.max(...dx) - Math.min(...dx)).toBeGreaterThan(s.desktop.fig.width / 3);
  });
});
