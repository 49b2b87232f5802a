import { describe, expect, it } from 'vitest';
import { DivergenceError } from '../../src/numerics/divergenceError';
import { symEig } from '../../src/numerics/eig';
import { trainGD } from '../../src/numerics/gradientDescent';
import { lossGradient, lossValue } from '../../src/numerics/loss';
import { lossAndGradient } from '../../src/numerics/lossAndGradient';
import { createMlp } from '../../src/numerics/mlp';
import { createEvaluator, createModel, modelForward, modelNtk } from '../../src/numerics/model';
import { createRng } from '../../src/numerics/rng';
import { loglogSlope } from '../../src/numerics/slope';
import { dot, relativeChange } from '../../src/numerics/vector';

const fro = (a: ArrayLike<number>) => Math.sqrt(dot(a, a));
const datasets = [
  { xs: Float64Array.of(-3, 0.5), ys: Float64Array.of(2, -1) },
  { xs: Float64Array.of(-2, 0.5), ys: Float64Array.of(3, -1) },
];

describe('losses', () => {
  it('gradients match finite differences', () => {
    const y = [0.3, -1.2], t = [2, -1], h = 1e-6;
    for (const kind of ['half-sse', 'mse-alpha2'] as const) {
      const g = lossGradient(kind, y, t, 3);
      for (let i = 0; i < 2; i++) {
        const yp = [...y], ym = [...y];
        yp[i] += h; ym[i] -= h;
        expect(g[i]).toBeCloseTo((lossValue(kind, yp, t, 3) - lossValue(kind, ym, t, 3)) / (2 * h), 8);
      }
    }
    expect(lossValue('half-sse', [1, 1], [0, 3])).toBe(2.5);
    expect(lossValue('mse-alpha2', [1, 1], [0, 3], 2)).toBe(5 / 2 / 4);
  });
});

describe('lossAndGradient', () => {
  it.each(['half-sse', 'mse-alpha2'] as const)('∇_w L matches finite differences (%s, α = 3, zero output)', (kind) => {
    const net = createMlp({ depth: 2, width: 6, activation: 'softplus' });
    const model = createModel(net, createRng(21), { alpha: 3, zeroOutput: true });
    for (let i = 0; i < net.size; i++) model.params[i] += 0.05 * Math.sin(i); // move away from w0
    const data = datasets[0], h = 1e-6;
    const { loss, grad } = lossAndGradient(model, data, kind);
    const L = (w: Float64Array) => lossValue(kind, modelForward(model, data.xs, undefined, w), data.ys, 3);
    expect(loss).toBeCloseTo(L(model.params), 12);
    for (let i = 0; i < net.size; i += 3) {
      const wp = Float64Array.from(model.params), wm = Float64Array.from(model.params);
      wp[i] += h; wm[i] -= h;
      expect(Math.abs(grad[i] - (L(wp) - L(wm)) / (2 * h))).toBeLessThan(1e-6 * (1 + Math.abs(grad[i])));
    }
  });
});

describe('model', () => {
  it('zero output starts at 0 and scales with α; the evaluator agrees with modelForward', () => {
    const net = createMlp({ depth: 2, width: 20 });
    const m = createModel(net, createRng(1), { alpha: 7, zeroOutput: true });
    const grid = Float64Array.of(-4, -1, 0, 2, 3.5);
    expect(Array.from(modelForward(m, grid))).toEqual([0, 0, 0, 0, 0]);
    m.params[3] += 0.1;
    const ev = createEvaluator(m, grid).evaluate();
    const plain = createModel(net, createRng(1));
    plain.params[3] += 0.1;
    const f1 = modelForward(plain, grid), f0 = modelForward(plain, grid, undefined, plain.initial);
    grid.forEach((_, i) => {
      expect(ev[i]).toBeCloseTo(7 * (f1[i] - f0[i]), 12);
      expect(modelForward(m, grid)[i]).toBeCloseTo(ev[i], 12);
    });
  });
});

describe('gradient descent', () => {
  it.each(datasets.map((d, i) => ({ ...d, i })))('reaches loss < 1e-6 on the article dataset $i', (data) => {
    const model = createModel(createMlp({ depth: 2, width: 100 }), createRng(10 + data.i), { zeroOutput: true });
    const r = trainGD(model, data, { lr: 1e-3, steps: 5000, tolerance: 1e-6 });
    expect(r.converged).toBe(true);
    expect(r.losses[r.steps]).toBeLessThan(1e-6);
    expect(r.losses[0]).toBeCloseTo(0.5 * (data.ys[0] ** 2 + data.ys[1] ** 2), 12); // zero output: y(0) = 0
    const y = modelForward(model, data.xs);
    expect(Math.hypot(y[0] - data.ys[0], y[1] - data.ys[1])).toBeLessThan(Math.sqrt(2e-6));
  });

  it('reports snapshots at the requested steps with views of the live state', () => {
    const model = createModel(createMlp({ depth: 2, width: 10 }), createRng(3), { zeroOutput: true });
    const seen: number[] = [];
    let lastLoss = NaN;
    const r = trainGD(model, datasets[0], {
      lr: 1e-3, steps: 50, snapshotAt: 20, snapshotFinal: true,
      onSnapshot: (s) => {
        seen.push(s.step);
        lastLoss = s.loss;
        expect(s.params).toBe(model.params);
        expect(s.loss).toBe(lossValue('half-sse', s.outputs, datasets[0].ys));
      },
    });
    expect(seen).toEqual([0, 20, 40, 50]);
    expect(r.steps).toBe(50);
    expect(r.losses.length).toBe(51);
    expect(lastLoss).toBe(r.losses[50]);
  });

  it('stops with a DivergenceError naming the step and the learning rate', () => {
    const model = createModel(createMlp({ depth: 2, width: 50 }), createRng(2), { zeroOutput: true });
    let err: unknown;
    try { trainGD(model, datasets[0], { lr: 5, steps: 1000 }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(DivergenceError);
    const d = err as DivergenceError;
    expect(d.lr).toBe(5);
    expect(d.step).toBeGreaterThan(0);
    expect(d.message).toContain(`step ${d.step}`);
    expect(d.message).toContain('learning rate 5');
  });

  it('with the normalised loss, the relative NTK change falls like 1/α', () => {
    // mse/α² makes the output dynamics ẏ = −(2/n)Θ(y − ȳ) independent of α, while the weights
    // move by O(1/α); so ‖Θ(end) − Θ(0)‖/‖Θ(0)‖ ∝ 1/α. Log-log slope over α = 10…1000 within ±0.15.
    const alphas = [10, 30, 100, 300, 1000], change: number[] = [];
    for (const alpha of alphas) {
      const model = createModel(createMlp({ depth: 2, width: 50 }), createRng(9), { alpha, zeroOutput: true });
      const H0 = modelNtk(model, datasets[1].xs);
      const r = trainGD(model, datasets[1], { lr: 5e-3, steps: 5000, loss: 'mse-alpha2', tolerance: 1e-6 / alpha ** 2 });
      expect(r.converged).toBe(true);
      const H1 = modelNtk(model, datasets[1].xs);
      change.push(fro(H1.map((v, i) => v - H0[i])) / fro(H0));
    }
    expect(Math.abs(loglogSlope(alphas, change).slope + 1)).toBeLessThan(0.15);
  });

  it('the relative weight change falls with width', () => {
    // lr = 1/λ_max(Θ) keeps the number of steps comparable across widths (Θ grows ∝ m).
    const changes = [10, 100, 1000].map((m) => {
      const model = createModel(createMlp({ depth: 2, width: m }), createRng(4), { zeroOutput: true });
      const lam = symEig(modelNtk(model, datasets[0].xs), 2).values[0];
      const r = trainGD(model, datasets[0], { lr: 1 / lam, steps: 2000, tolerance: 1e-6 });
      expect(r.converged).toBe(true);
      return relativeChange(model.params, model.initial);
    });
    expect(changes[1]).toBeLessThan(changes[0] / 2);
    expect(changes[2]).toBeLessThan(changes[1] / 2);
  });
});

describe('fused descent step', () => {
  it('backward with descendLr equals computing the gradient and then stepping', async () => {
    const { backward } = await import('../../src/numerics/backprop');
    const { recordForward, Tape } = await import('../../src/numerics/tape');
    for (const spec of [{ depth: 1, width: 5 }, { depth: 3, width: 7, activation: 'tanh' as const }, { depth: 2, width: 4, bias: false }]) {
      const net = createMlp(spec), w = createModel(net, createRng(6)).params, xs = Float64Array.of(-1, 0.2, 2), cot = [0.3, -1, 2];
      const tape = new Tape(net), g = new Float64Array(net.size);
      recordForward(net, w, xs, tape);
      backward(net, w, tape, cot, g);
      const expected = w.map((v, i) => v - 0.1 * g[i]);
      recordForward(net, w, xs, tape);
      backward(net, w, tape, cot, null, 0.1);
      for (let i = 0; i < net.size; i++) expect(w[i]).toBeCloseTo(expected[i], 14);
    }
  });
});
