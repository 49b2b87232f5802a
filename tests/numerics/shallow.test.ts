/**
 * The one-hidden-layer NTK-parametrised network (src/numerics/shallowNet.ts)
 * and its trainer: closed-form derivatives against central finite
 * differences, the kernel against the Jacobian, and linearised training
 * against the closed-form kernel solution it must equal exactly.
 */
import { describe, expect, it } from 'vitest';
import {
  createRng, createShallow, gradientDescentSteps, initShallow, kernelPrediction, preActivations,
  shallowForward, shallowJacobian, shallowJvp, shallowNtk, shallowVjp, trainShallow,
} from '../../src/numerics';
import { maxAbs, maxAbsDiff } from './helpers';

const cases = [
  { width: 7, inputDim: 1, weightStd: 1, biasStd: 1 },
  { width: 5, inputDim: 2, weightStd: 1.3, biasStd: 0.4 },
  { width: 4, inputDim: 3, weightStd: 0.8, biasStd: 2 },
];

describe('shallow network derivatives', () => {
  it.each(cases)('VJP and JVP agree with finite differences (m=$width, d=$inputDim)', (spec) => {
    const rng = createRng(11), net = createShallow(spec);
    const w = initShallow(net, rng), N = 5;
    const xs = Float64Array.from({ length: N * net.inputDim }, () => 2 * rng.normal());
    const cot = Float64Array.from({ length: N }, () => rng.normal());
    const F = (p: Float64Array) => shallowForward(net, p, xs);
    const g = shallowVjp(net, w, xs, preActivations(net, w, xs), cot);
    const h = 1e-6;
    const fd = Float64Array.from({ length: net.size }, (_, i) => {
      const a = Float64Array.from(w), b = Float64Array.from(w);
      a[i] += h; b[i] -= h;
      const fa = F(a), fb = F(b);
      let s = 0;
      for (let n = 0; n < N; n++) s += cot[n] * (fa[n] - fb[n]) / (2 * h);
      return s;
    });
    expect(maxAbsDiff(g, fd) / maxAbs(fd)).toBeLessThan(1e-6);

    const delta = Float64Array.from({ length: net.size }, () => rng.normal());
    const jvp = shallowJvp(net, w, xs, preActivations(net, w, xs), delta);
    const fa = F(w.map((v, i) => v + h * delta[i])), fb = F(w.map((v, i) => v - h * delta[i]));
    const fdJvp = fa.map((v, n) => (v - fb[n]) / (2 * h));
    expect(maxAbsDiff(jvp, fdJvp) / maxAbs(fdJvp)).toBeLessThan(1e-6);
  });

  it.each(cases)('the closed-form tangent kernel is J Jᵀ (m=$width, d=$inputDim)', (spec) => {
    const rng = createRng(5), net = createShallow(spec);
    const w = initShallow(net, rng);
    const xa = Float64Array.from({ length: 4 * net.inputDim }, () => rng.normal());
    const xb = Float64Array.from({ length: 3 * net.inputDim }, () => rng.normal());
    const Ja = shallowJacobian(net, w, xa), Jb = shallowJacobian(net, w, xb), P = net.size;
    const ref = new Float64Array(12);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < P; k++) ref[i * 3 + j] += Ja[i * P + k] * Jb[j * P + k];
    expect(maxAbsDiff(shallowNtk(net, w, xa, xb), ref)).toBeLessThan(1e-12 * maxAbs(ref) + 1e-14);
  });
});

describe('shallow training', () => {
  const rng = createRng(3);
  const net = createShallow({ width: 40 });
  const xs = Float64Array.from([-1.5, -0.7, 0.1, 0.9, 1.6]);
  const ys = Float64Array.from([0.3, -0.5, 0.8, 0.1, -0.4]);
  const grid = Float64Array.from({ length: 9 }, (_, i) => -2 + 0.5 * i);

  it('linearised gradient descent equals the closed-form kernel solution with (I − ηΘ)^n, to rounding', () => {
    const w0 = initShallow(net, rng), w = Float64Array.from(w0);
    const lr = 0.05, steps = 300;
    trainShallow(net, w, xs, ys, { lr, steps, linearised: true });
    // The trained linear model, evaluated anywhere, is f0 + J0 (w − w0).
    const lin = shallowJvp(net, w0, grid, preActivations(net, w0, grid), w.map((v, i) => v - w0[i]));
    const f0T = shallowForward(net, w0, grid);
    lin.forEach((v, i) => { lin[i] = v + f0T[i]; });
    const closed = kernelPrediction({
      thetaXX: shallowNtk(net, w0, xs, xs), thetaTX: shallowNtk(net, w0, grid, xs), ys, f0X: shallowForward(net, w0, xs), f0T,
    }, gradientDescentSteps(lr, steps));
    expect(maxAbsDiff(lin, closed)).toBeLessThan(1e-9);
  });

  it('one step of the α-scaled model is w − η ∇L with L = ½‖α(f − f0) − ȳ‖²/α² (finite differences)', () => {
    const w0 = initShallow(net, rng), alpha = 3.7, lr = 0.01;
    const L = (p: Float64Array) => {
      const f = shallowForward(net, p, xs), f0 = shallowForward(net, w0, xs);
      let s = 0;
      for (let n = 0; n < xs.length; n++) s += (alpha * (f[n] - f0[n]) - ys[n]) ** 2;
      return (0.5 * s) / alpha ** 2;
    };
    // At w0 the centred model outputs 0; the first update is −η ∇L(w0).
    let outputsAtStart: Float64Array | null = null;
    const p = Float64Array.from(w0);
    trainShallow(net, p, xs, ys, { lr, steps: 1, alpha, onStep: (s, y) => { if (s === 0) outputsAtStart = y.slice(); } });
    expect(maxAbs(outputsAtStart!)).toBe(0);
    const h = 1e-6;
    for (const i of [0, 7, net.width + 3, 2 * net.width + 5]) {
      const a = Float64Array.from(w0), b = Float64Array.from(w0);
      a[i] += h; b[i] -= h;
      const g = (L(a) - L(b)) / (2 * h);
      expect(Math.abs((w0[i] - p[i]) / lr - g)).toBeLessThan(1e-6 * Math.max(1, Math.abs(g)));
    }
  });

  it('the one-dimensional fast path takes the same steps as explicit VJP updates', () => {
    for (const alpha of [undefined, 2.5]) {
      const w0 = initShallow(net, rng), fast = Float64Array.from(w0), slow = Float64Array.from(w0);
      const lr = 0.03, steps = 50;
      trainShallow(net, fast, xs, ys, { lr, steps, alpha });
      const f0 = shallowForward(net, w0, xs), a = alpha ?? 1;
      for (let n = 0; n < steps; n++) {
        const f = shallowForward(net, slow, xs);
        const r = f.map((v, i) => ((alpha === undefined ? v : a * (v - f0[i])) - ys[i]) / a);
        const g = shallowVjp(net, slow, xs, preActivations(net, slow, xs), r);
        for (let k = 0; k < net.size; k++) slow[k] -= lr * g[k];
      }
      expect(maxAbsDiff(fast, slow)).toBeLessThan(1e-12);
    }
  });

  it('a very wide network trains almost like its linearisation', () => {
    const wide = createShallow({ width: 20000 });
    const w0 = initShallow(wide, createRng(9));
    const real = Float64Array.from(w0), lin = Float64Array.from(w0);
    let fr = new Float64Array(0), fl = new Float64Array(0);
    trainShallow(wide, real, xs, ys, { lr: 0.1, steps: 200, onStep: (s, y) => { if (s === 200) fr = y.slice(); } });
    trainShallow(wide, lin, xs, ys, { lr: 0.1, steps: 200, linearised: true, onStep: (s, y) => { if (s === 200) fl = y.slice(); } });
    // Lee et al. 2019: the gap is O(1/√m) ≈ 0.007 here times an O(1) constant.
    expect(maxAbsDiff(fr, fl)).toBeLessThan(0.02);
  });
});
