/**
 * Batched forward pass f(x_n, w) for many inputs at once (plot grids): the hot
 * path of the animated figures. Hidden activations live in two ping-pong
 * N×m buffers cached per network and grown on demand, so repeated calls
 * allocate nothing (pass `out` to reuse the output buffer too).
 */
import { applyActivation } from './activation';
import { matmulBiasViaTranspose } from './gemm';
import { checkParams, type Mlp } from './mlp';

interface Scratch { a: Float64Array; b: Float64Array; }
const scratch = new WeakMap<Mlp, Scratch>();

function buffers(net: Mlp, n: number): Scratch {
  const need = n * net.width;
  let s = scratch.get(net);
  if (!s || s.a.length < need) {
    s = { a: new Float64Array(need), b: new Float64Array(need) };
    scratch.set(net, s);
  }
  return s;
}

/**
 * out[n] = f(xs[n], params) for every input. Returns `out` (allocated when
 * omitted). Cost: 2·m·m·N flops per hidden-to-hidden layer plus O(m·N).
 */
export function forwardBatch(net: Mlp, params: Float64Array, xs: Float64Array, out?: Float64Array): Float64Array {
  checkParams(net, params, 'forwardBatch');
  const N = xs.length;
  const y = out ?? new Float64Array(N);
  if (y.length < N) throw new RangeError(`forwardBatch: out has length ${y.length} < ${N} inputs`);
  if (N === 0) return y;
  const m = net.width;
  const s = buffers(net, N);
  let cur = s.a, next = s.b;
  const L0 = net.layers[0];
  // Input layer (fan-in 1): z[n, j] = x_n · W0[j] + b0[j].
  for (let n = 0; n < N; n++) {
    const x = xs[n], row = n * m;
    if (L0.biasOffset >= 0) for (let j = 0; j < m; j++) cur[row + j] = x * params[L0.weightOffset + j] + params[L0.biasOffset + j];
    else for (let j = 0; j < m; j++) cur[row + j] = x * params[L0.weightOffset + j];
  }
  applyActivation(net.activation, cur, cur, 0, N * m);
  for (let l = 1; l < net.depth; l++) {
    const lay = net.layers[l];
    matmulBiasViaTranspose(cur, 0, params, lay.weightOffset, lay.biasOffset >= 0 ? params : null, lay.biasOffset, next, 0, N, m, m);
    applyActivation(net.activation, next, next, 0, N * m);
    const t = cur; cur = next; next = t;
  }
  const last = net.layers[net.depth];
  const b = last.biasOffset >= 0 ? params[last.biasOffset] : 0;
  const wo = last.weightOffset;
  for (let n = 0; n < N; n++) {
    const row = n * m;
    let s0 = 0, s1 = 0, k = 0;
    for (; k + 1 < m; k += 2) { s0 += cur[row + k] * params[wo + k]; s1 += cur[row + k + 1] * params[wo + k + 1]; }
    if (k < m) s0 += cur[row + k] * params[wo + k];
    y[n] = s0 + s1 + b;
  }
  return y;
}

/** Flops of one `forwardBatch` call, counted honestly (multiply and add each count one). */
export function forwardFlops(net: Mlp, batch: number): number {
  const m = net.width;
  return batch * (2 * m /* input layer */ + (net.depth - 1) * 2 * m * m + 2 * m /* output */);
}
