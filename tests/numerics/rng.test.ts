import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/numerics/rng';

describe('createRng', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const sa = Array.from({ length: 100 }, () => a.normal());
    const sb = Array.from({ length: 100 }, () => b.normal());
    const sc = Array.from({ length: 100 }, () => c.normal());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('forks deterministically into streams that differ from the parent', () => {
    const a = createRng(7), b = createRng(7);
    const fa = a.fork(), fb = b.fork();
    const xa = Array.from({ length: 20 }, () => fa.uniform());
    expect(xa).toEqual(Array.from({ length: 20 }, () => fb.uniform()));
    expect(xa).not.toEqual(Array.from({ length: 20 }, () => a.uniform()));
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const r = createRng(3), n = 200_000;
    let s = 0, s2 = 0, lo = 1, hi = 0;
    for (let i = 0; i < n; i++) { const u = r.uniform(); s += u; s2 += u * u; lo = Math.min(lo, u); hi = Math.max(hi, u); }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    // Standard errors: sqrt(1/12/n) ≈ 6.5e-4 for the mean; tolerance ≈ 5σ.
    expect(Math.abs(s / n - 0.5)).toBeLessThan(3.5e-3);
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(2e-3);
  });

  it('draws normals with the moments of N(0, 1)', () => {
    const r = createRng(11), n = 200_000;
    let m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    for (let i = 0; i < n; i++) { const z = r.normal(); m1 += z; m2 += z * z; m3 += z ** 3; m4 += z ** 4; }
    m1 /= n; m2 /= n; m3 /= n; m4 /= n;
    // Standard errors at n = 2e5: mean 2.2e-3, E z² 3.2e-3, E z³ 8.7e-3, E z⁴ 2.2e-2; tolerances ≈ 5σ.
    expect(Math.abs(m1)).toBeLessThan(0.011);
    expect(Math.abs(m2 - 1)).toBeLessThan(0.016);
    expect(Math.abs(m3)).toBeLessThan(0.045);
    expect(Math.abs(m4 - 3)).toBeLessThan(0.11);
  });
});
