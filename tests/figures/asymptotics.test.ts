/**
 * What the asymptotics figure relies on: numerics' closed-form one-layer HVP against
 * numerics' generic R-op (the exact norm is tested in tests/numerics/oneLayerNorm.test.ts),
 * the log-scale helpers, the param schema, and the stills it publishes.
 */
import { describe, expect, it } from 'vitest';
import asymptotics, { asymptoticsParams } from '../../figures/ntk/asymptotics.figure';
import { logDomain, logSpacedWidths, logSummary } from '../../figures/shared/logScale';
import { createRng, initParams, oneLayerHessianOperator, oneLayerNet, outputHvp } from '../../src/numerics';
import { coloursUsed, renditionWriter, themeColours } from './renditionWriter';

describe('one-layer Hessian-vector product', () => {
  it('the O(m) HVP equals the generic Pearlmutter R-op', () => {
    const rng = createRng(7);
    for (const m of [1, 6, 300]) {
      const net = oneLayerNet(m), w = initParams(net, rng), x = rng.normal();
      const v = Float64Array.from({ length: 2 * m }, () => rng.normal());
      const generic = outputHvp(net, w, Float64Array.of(x), [1], v, new Float64Array(2 * m));
      const fast = new Float64Array(2 * m);
      oneLayerHessianOperator(w, x)(v, fast);
      for (let i = 0; i < 2 * m; i++) expect(fast[i]).toBeCloseTo(generic[i], 13);
    }
  });
});

describe('log-scale helpers', () => {
  it('logSpacedWidths: endpoints, strictly increasing, near-constant ratio', () => {
    const w = logSpacedWidths(5, 2000, 10);
    expect(w[0]).toBe(5);
    expect(w[w.length - 1]).toBe(2000);
    expect(w).toHaveLength(10);
    for (let i = 1; i < w.length; i++) expect(w[i] / w[i - 1]).toBeCloseTo(400 ** (1 / 9), 0);
    expect(logSpacedWidths(1, 3, 10)).toEqual([1, 2, 3]); // rounding duplicates dropped
    expect(() => logSpacedWidths(5, 5, 3)).toThrow();
  });
  it('logSummary: geometric mean and ±1 sd of log10', () => {
    const s = logSummary([1, 100]);
    expect(s.geoMean).toBeCloseTo(10, 12);
    expect(s.sdLog10).toBeCloseTo(Math.SQRT2, 12);
    expect(s.lo * s.hi).toBeCloseTo(100, 10);
    expect(() => logSummary([1, -1])).toThrow();
  });
  it('logDomain: whole decades covering the data, at least minDecades', () => {
    expect(logDomain([1.5, 29])).toEqual([1, 100]);
    expect(logDomain([1.05, 1.1], 2)).toEqual([1, 100]); // the extra decade goes on top first
    expect(logDomain([1.05, 1.1], 3)).toEqual([0.1, 100]);
    expect(logDomain([0.0013, 0.97])).toEqual([0.001, 1]);
  });
});

describe('asymptotics figure', () => {
  it('rejects invalid params', () => {
    expect(asymptoticsParams.safeParse({ minWidth: -5 }).success).toBe(false);
    expect(asymptoticsParams.safeParse({ minWidth: 50, maxWidth: 20 }).success).toBe(false);
    expect(asymptoticsParams.safeParse({ seeds: 0 }).success).toBe(false);
    expect(asymptoticsParams.safeParse({ x: 0 }).success).toBe(false);
    expect(asymptoticsParams.parse({}).maxWidth).toBe(2000);
  });
  it('publishes three stills drawn per rendition in theme colours, captions short, the method in the notes', async () => {
    const { out, stills, data } = renditionWriter();
    const params = asymptoticsParams.parse({ maxWidth: 40, widthCount: 3, seeds: 2, x: 0.75 });
    await asymptotics.render({ params, seed: 1, rng: createRng(1), progress: () => {}, out });
    expect(Object.keys(stills).sort()).toEqual(['gradient-asymptotics', 'hessian-asymptotics', 'kappa-asymptotics']);
    for (const s of Object.values(stills)) {
      expect(s.slot).toBe('full');
      expect(s.meta.caption.length).toBeLessThan(330);
      expect(s.meta.notes).toMatch(/x = 0\.750\$; 2 random networks per width, 3 widths from 5 to 40/);
      // Phones get a taller drawing; the dark one uses only the dark theme's colours.
      expect(s.phone.fig.height / s.phone.fig.width).toBeGreaterThan(s.desktop.fig.height / s.desktop.fig.width);
      const allowed = themeColours(s.dark.r), used = coloursUsed(s.dark);
      expect(used).toContain(s.dark.r.theme.palette[0].toLowerCase());
      for (const c of used) expect(allowed).toContain(c);
    }
    expect(stills['hessian-asymptotics'].meta.notes).toMatch(/block diagonal/);
    const d = data.asymptotics as { widths: number[]; gradNorm: number[][]; hessianNorm: number[][] };
    expect(d.widths).toEqual([5, 14, 40]);
    expect(d.gradNorm.map((r) => r.length)).toEqual([2, 2, 2]);
  });
});
