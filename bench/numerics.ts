/**
 * Numerics benchmark: batched forward GFLOP/s, time per gradient-descent
 * step, time for a Hessian norm. Prints one line per measurement. Run alone
 * with `npx tsx bench/numerics.ts` or via `npm run bench -- numerics`.
 *
 * Flops are counted honestly: a multiply and an add are two flops, so a
 * hidden-to-hidden layer costs 2·m·m per input (see forwardFlops); the
 * activations and the O(m) input/output layers are included at 2·m each.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  createMlp, createModel, createRng, forwardBatch, forwardFlops, initParams, linspace,
  oneLayerNet, outputHessianNorm, trainGD,
} from '../src/numerics';
import { backward } from '../src/numerics/backprop';
import { recordForward, Tape } from '../src/numerics/tape';

/**
 * Seconds per call: the fastest of repeated timed calls after a warm-up (JIT).
 * The minimum, not the mean, because this machine is shared: other processes
 * only ever add time.
 */
function timeIt(fn: () => void, minSeconds = 1): number {
  fn();
  let best = Infinity;
  const start = performance.now();
  do {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  } while (performance.now() - start < minSeconds * 1000);
  return best / 1000;
}

/** The naive reference: a dot-product triple loop with the same flop count (for comparison only). */
function naiveHidden(h: Float64Array, w: Float64Array, out: Float64Array, n: number, m: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += h[i * m + k] * w[k * m + j];
    out[i * m + j] = s;
  }
}

export async function runNumericsBench(): Promise<void> {
  console.log(`load average ${loadavg().map((v) => v.toFixed(1)).join(' ')} (numbers below are from one core; other load slows them)`);
  const rng = createRng(1);
  const xs = linspace(-5, 5, 1000), out = new Float64Array(xs.length);
  for (const m of [100, 1000]) {
    const net = createMlp({ depth: 2, width: m }), w = initParams(net, rng);
    const sec = timeIt(() => forwardBatch(net, w, xs, out), m >= 1000 ? 6 : 1);
    const gflops = forwardFlops(net, xs.length) / sec / 1e9;
    console.log(`forward  depth 2, width ${m}, 1000 inputs: ${(sec * 1e3).toFixed(2)} ms/pass, ${gflops.toFixed(2)} GFLOP/s`);
  }
  {
    const m = 100, n = 1000, h = new Float64Array(n * m).fill(0.5), W = new Float64Array(m * m).fill(0.01), o = new Float64Array(n * m);
    const sec = timeIt(() => naiveHidden(h, W, o, n, m), 0.5);
    console.log(`reference naive triple loop (one ${m}×${m} layer, ${n} inputs): ${(2 * n * m * m / sec / 1e9).toFixed(2)} GFLOP/s`);
  }
  const data = { xs: Float64Array.of(-3, 0.5), ys: Float64Array.of(2, -1) };
  for (const m of [100, 1000]) {
    const model = createModel(createMlp({ depth: 2, width: m }), rng, { zeroOutput: true });
    const steps = m >= 1000 ? 50 : 500;
    // A tiny lr keeps the run far from divergence; the cost per step does not depend on it.
    const sec = timeIt(() => { trainGD(model, data, { lr: 1e-7, steps }); }, 2) / steps;
    // For comparison: the general two-pass backward/update that the small-batch fused pass replaces (same forward pass).
    const tape = new Tape(model.net), cot = [1e-9, -1e-9];
    const ref = timeIt(() => {
      for (let s = 0; s < steps; s++) { recordForward(model.net, model.params, data.xs, tape); backward(model.net, model.params, tape, cot, null, 1e-7); }
    }, 2) / steps;
    console.log(`GD step  depth 2, width ${m}, 2 points (${model.net.size} params): ${(sec * 1e3).toFixed(3)} ms/step (with the two-pass backward ${(ref * 1e3).toFixed(3)} ms/step)`);
  }
  {
    const m = 2000, net = oneLayerNet(m), w = initParams(net, rng);
    let iters = 0, norm = 0;
    const sec = timeIt(() => { const r = outputHessianNorm(net, w, 0.7, rng); iters = r.iterations; norm = r.norm; }, 1);
    console.log(`Hessian norm  one hidden layer, m = ${m} (p = ${net.size}), Lanczos ${iters} steps: ${(sec * 1e3).toFixed(1)} ms (‖∇²y‖ = ${norm.toFixed(4)})`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runNumericsBench();
}
