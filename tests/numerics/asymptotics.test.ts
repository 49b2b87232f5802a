/**
 * The one-hidden-layer asymptotics of the article: f = Σ b_i tanh(a_i x), a_i ~ N(0,1),
 * b_i ~ N(0,1/m), fixed x. ‖∇y‖² is a sum of m i.i.d. terms, so log‖∇y‖ = ½ log m + c + O(m^−½)
 * noise; ‖∇²y‖ is the largest of m per-unit 2×2 block norms with entries b σ″ x² = O(m^−½) and
 * σ′ x ≤ |x|, so O(1);
 * κ = ‖∇²y‖/‖∇y‖² ~ 1/m. At m = 5 one network's log10‖∇y‖ scatters by ≈ 0.1–0.2; averaging
 * log-norms over 5 seeds (each with its own x ~ N(0,1)) and fitting 9 widths gives slopes whose
 * spread over independent seed sets was ±0.015 (0.484…0.498, −0.006…0.003, −1.002…−0.973).
 * Tolerances: 0.05 for ‖∇y‖ and ‖∇²y‖ and 0.08 for κ (its noise adds both), i.e. ≳ 3σ.
 */
import { describe, expect, it } from 'vitest';
import { oneLayerStats } from '../../src/numerics/oneLayer';
import { createRng } from '../../src/numerics/rng';
import { fitLine } from '../../src/numerics/slope';

describe('one-hidden-layer asymptotics at initialisation', () => {
  it('log-log slopes of ‖∇y‖, ‖∇²y‖ and κ over widths 5…2000 are ≈ 0.5, 0, −1', () => {
    const widths = [5, 10, 20, 50, 100, 200, 500, 1000, 2000];
    const seeds = 5, rng = createRng(2019);
    const lg = widths.map(() => 0), lh = widths.map(() => 0), lk = widths.map(() => 0);
    for (let s = 0; s < seeds; s++) {
      const x = rng.normal();
      widths.forEach((m, i) => {
        const st = oneLayerStats(m, x, rng);
        expect(st.kappa).toBeCloseTo(st.hessianNorm / st.gradNorm ** 2, 12);
        lg[i] += Math.log10(st.gradNorm) / seeds;
        lh[i] += Math.log10(st.hessianNorm) / seeds;
        lk[i] += Math.log10(st.kappa) / seeds;
      });
    }
    const lw = widths.map(Math.log10);
    expect(Math.abs(fitLine(lw, lg).slope - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(fitLine(lw, lh).slope)).toBeLessThan(0.05);
    expect(Math.abs(fitLine(lw, lk).slope + 1)).toBeLessThan(0.08);
  });
});
