import { describe, expect, it } from 'vitest';
import { createMlp, createModel, createRng, symEig2, trainGD } from '../../src/numerics';
import { capLearningRate, stableLearningRate } from '../../figures/ntk/stable-learning-rate';

/** Plain GD on ½‖Φv − ȳ‖² (a linear model: its NTK is ΦΦᵀ exactly); returns the final loss. */
function linearGd(phi: Float64Array[], ybar: number[], lr: number, steps: number): number {
  const p = phi[0].length, v = new Float64Array(p);
  let loss = 0;
  for (let s = 0; s <= steps; s++) {
    const r = phi.map((row, i) => row.reduce((a, f, j) => a + f * v[j], 0) - ybar[i]);
    loss = 0.5 * r.reduce((a, b) => a + b * b, 0);
    if (s === steps) break;
    for (let j = 0; j < p; j++) v[j] -= lr * phi.reduce((a, row, i) => a + r[i] * row[j], 0);
  }
  return loss;
}

describe('capLearningRate', () => {
  it('keeps a stable rate, caps an unstable one at fraction · 2/λ', () => {
    expect(capLearningRate(1e-3, 100, 0.9)).toEqual({ lr: 1e-3, capped: false, bound: 0.02 });
    const c = capLearningRate(1e-3, 4000, 0.9);
    expect(c.capped).toBe(true);
    expect(c.lr).toBeCloseTo(0.9 * 2 / 4000, 15);
    expect(() => capLearningRate(-1, 1, 0.9)).toThrow();
    expect(() => capLearningRate(1, 1, 1)).toThrow();
  });
  it('2/λ_max is the true stability edge of GD on a linear model (oracle: run GD on both sides)', () => {
    const rng = createRng(4);
    const phi = [0, 1].map(() => Float64Array.from({ length: 6 }, () => rng.normal()));
    const ybar = [2, -1];
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, j) => s + v * b[j], 0);
    const { values } = symEig2(dot(phi[0], phi[0]), dot(phi[0], phi[1]), dot(phi[1], phi[1]));
    const below = capLearningRate(1, values[0], 0.95), above = 1.05 * below.bound;
    const start = linearGd(phi, ybar, below.lr, 0);
    expect(linearGd(phi, ybar, below.lr, 2000)).toBeLessThan(1e-12 * start + 1e-20);
    expect(linearGd(phi, ybar, above, 400)).toBeGreaterThan(1e6 * start);
  });
  it('on a wide ReLU network: the published 1e-3 is capped and the capped rate trains while 1.5× the bound does not', () => {
    const net = createMlp({ depth: 2, width: 400 });
    const data = { xs: Float64Array.of(-3, 0.5), ys: Float64Array.of(2, -1) };
    const model = createModel(net, createRng(8));
    const rate = stableLearningRate(model, data.xs, 1e-3, 0.9);
    expect(rate.capped).toBe(true);
    expect(rate.eigenvalues[0]).toBeGreaterThan(rate.eigenvalues[1]);
    const w0 = model.params.slice();
    const good = trainGD(model, data, { lr: rate.lr, steps: 60 });
    model.params.set(w0);
    const bad = trainGD(model, data, { lr: 1.5 * rate.bound, steps: 60 });
    expect(good.losses[60]).toBeLessThan(1e-3 * good.losses[0]);
    expect(Math.max(...bad.losses.subarray(1, 10))).toBeGreaterThan(bad.losses[0]);
  });
});
