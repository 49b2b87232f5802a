/**
 * The gradient step w ← w − lr·Σ_n c_n ∇_w f(x_n, w) for a batch of one or
 * two inputs (the article's two-point datasets), on a recorded forward pass:
 * the hot loop of `trainGD`.
 *
 * Same arithmetic as `backward(net, w, tape, cot, null, lr)` (the reference
 * path, kept for larger batches and for the tests), reorganised for N ≤ 2:
 *
 * - Back-propagation and update of each m×m hidden layer in ONE pass over its
 *   weights. Row k of W (input unit k) is read once; the deltas of the layer
 *   below, g[n, k] = Σ_j W[k, j]·dz[n, j], are accumulated from the old
 *   values while the new values W[k, j] − lr·Σ_n h[n, k]·dz[n, j] are written
 *   back. The reference does this in two passes (a matrix product for g, then
 *   a rank-N update), reading the m² weights twice and writing them once.
 * - Rows whose delta is not needed and whose update is zero are skipped: with
 *   ReLU a unit inactive on both inputs (σ' = 0 and h = 0) costs nothing, and
 *   a unit active on one input costs one dot product and a rank-1 update.
 *   Skipping only drops terms that are exact zeros (0·w), so for finite
 *   weights the result is bit-for-bit that of the reference: each delta is
 *   summed over j in the same order with one accumulator, as the reference's
 *   matmulTransB does, and each update is the same expression as matmulTransAAdd's.
 */
import { activationDerivative } from './activation';
import type { Mlp } from './mlp';
import type { Tape } from './tape';

/** True when `descendSmallBatch` handles this batch size. */
export function smallBatchApplies(batch: number): boolean {
  return batch === 1 || batch === 2;
}

/**
 * params ← params − lr · Σ_n cot[n] ∇_w f(tape.xs[n], params), in place, for a
 * tape recorded at `params` on 1 or 2 inputs. Overwrites tape.dz and tape.tmp.
 */
export function descendSmallBatch(net: Mlp, params: Float64Array, tape: Tape, cot: ArrayLike<number>, lr: number): void {
  const N = tape.n, m = net.width, L = net.depth;
  if (!smallBatchApplies(N)) throw new RangeError(`descendSmallBatch: batch must be 1 or 2, got ${N}`);
  const scale = -lr, two = N === 2;
  const c0 = cot[0], c1 = two ? cot[1] : 0;
  const tmp = tape.tmp;
  // Output layer: dz_{L−1}[n, k] = c_n·Wout[k]·σ'(z_{L−1}[n, k]) from the old Wout, then Wout's update.
  const last = net.layers[L], wo = last.weightOffset;
  const hL = tape.h[L - 1], dzL = tape.dz[L - 1];
  activationDerivative(net.activation, tape.z[L - 1], tmp, 0, N * m);
  for (let k = 0; k < m; k++) dzL[k] = c0 * params[wo + k] * tmp[k];
  if (two) for (let k = 0; k < m; k++) dzL[m + k] = c1 * params[wo + k] * tmp[m + k];
  {
    const s0 = scale * c0;
    for (let k = 0; k < m; k++) params[wo + k] += s0 * hL[k];
    if (last.biasOffset >= 0) params[last.biasOffset] += s0;
    if (two) {
      const s1 = scale * c1;
      for (let k = 0; k < m; k++) params[wo + k] += s1 * hL[m + k];
      if (last.biasOffset >= 0) params[last.biasOffset] += s1;
    }
  }
  // Hidden-to-hidden layers, top down: one fused pass each.
  for (let l = L - 1; l >= 1; l--) {
    const lay = net.layers[l], dz = tape.dz[l], below = tape.dz[l - 1], h = tape.h[l - 1];
    activationDerivative(net.activation, tape.z[l - 1], tmp, 0, N * m);
    if (two) backpropUpdate2(params, lay.weightOffset, dz, h, tmp, below, m, scale);
    else backpropUpdate1(params, lay.weightOffset, dz, h, tmp, below, m, scale);
    if (lay.biasOffset >= 0) {
      const b = lay.biasOffset;
      for (let j = 0; j < m; j++) params[b + j] += scale * dz[j];
      if (two) for (let j = 0; j < m; j++) params[b + j] += scale * dz[m + j];
    }
  }
  // Input layer (fan-in 1).
  const L0 = net.layers[0], dz0 = tape.dz[0], xs = tape.xs;
  for (let n = 0; n < N; n++) {
    const x = scale * xs[n], row = n * m;
    for (let j = 0; j < m; j++) params[L0.weightOffset + j] += x * dz0[row + j];
  }
  if (L0.biasOffset >= 0) {
    const b = L0.biasOffset;
    for (let n = 0; n < N; n++) {
      const row = n * m;
      for (let j = 0; j < m; j++) params[b + j] += scale * dz0[row + j];
    }
  }
}

/**
 * Two inputs. W (m×m at wOff) ← W + scale·hᵀ·dz, and below[n, k] =
 * d[n, k]·Σ_j W_old[k, j]·dz[n, j] (d = σ' of the layer below), in one pass.
 */
function backpropUpdate2(W: Float64Array, wOff: number, dz: Float64Array, h: Float64Array, d: Float64Array, below: Float64Array, m: number, scale: number): void {
  let pending = -1; // a row active on both inputs, waiting for a partner
  for (let k = 0; k < m; k++) {
    const d0 = d[k], d1 = d[m + k];
    const p = scale * h[k], q = scale * h[m + k];
    const row = wOff + k * m;
    let s0 = 0, s1 = 0;
    if (p !== 0 && q !== 0 && d0 !== 0 && d1 !== 0) {
      // Both inputs: two deltas and the rank-2 update. Two such rows share each load of dz.
      if (pending < 0) { pending = k; continue; }
      const k2 = pending; pending = -1;
      const p2 = scale * h[k2], q2 = scale * h[m + k2], row2 = wOff + k2 * m;
      let t0 = 0, t1 = 0;
      for (let j = 0; j < m; j++) {
        const a = dz[j], b = dz[m + j], w = W[row + j], v = W[row2 + j];
        s0 += a * w; s1 += b * w; t0 += a * v; t1 += b * v;
        W[row + j] = w + (p * a + q * b);
        W[row2 + j] = v + (p2 * a + q2 * b);
      }
      below[k2] = t0 * d[k2];
      below[m + k2] = t1 * d[m + k2];
    } else if (p !== 0 && q !== 0) {
      for (let j = 0; j < m; j++) {
        const w = W[row + j], a = dz[j], b = dz[m + j];
        s0 += a * w; s1 += b * w;
        W[row + j] = w + (p * a + q * b);
      }
    } else if (p !== 0 || q !== 0) {
      // One input contributes to the update; deltas as needed.
      const pq = p !== 0 ? p : q, upd = p !== 0 ? 0 : m;
      if (d0 !== 0 && d1 !== 0) {
        for (let j = 0; j < m; j++) {
          const w = W[row + j], a = dz[j], b = dz[m + j];
          s0 += a * w; s1 += b * w;
          W[row + j] = w + pq * dz[upd + j];
        }
      } else if (d0 !== 0 || d1 !== 0) {
        const dot = d0 !== 0 ? 0 : m;
        let s = 0;
        for (let j = 0; j < m; j++) {
          const w = W[row + j];
          s += dz[dot + j] * w;
          W[row + j] = w + pq * dz[upd + j];
        }
        if (d0 !== 0) s0 = s; else s1 = s;
      } else {
        for (let j = 0; j < m; j++) W[row + j] += pq * dz[upd + j];
      }
    } else if (d0 !== 0 || d1 !== 0) {
      // No update for this row (h = 0 on both inputs), only deltas (σ' ≠ 0 with h = 0: tanh at 0).
      for (let j = 0; j < m; j++) { const w = W[row + j]; s0 += dz[j] * w; s1 += dz[m + j] * w; }
    }
    below[k] = s0 * d0;
    below[m + k] = s1 * d1;
  }
  if (pending >= 0) {
    const k = pending, p = scale * h[k], q = scale * h[m + k], row = wOff + k * m;
    let s0 = 0, s1 = 0;
    for (let j = 0; j < m; j++) {
      const w = W[row + j], a = dz[j], b = dz[m + j];
      s0 += a * w; s1 += b * w;
      W[row + j] = w + (p * a + q * b);
    }
    below[k] = s0 * d[k];
    below[m + k] = s1 * d[m + k];
  }
}

/** One input: the same as backpropUpdate2 with a single row of h, dz, d, below. */
function backpropUpdate1(W: Float64Array, wOff: number, dz: Float64Array, h: Float64Array, d: Float64Array, below: Float64Array, m: number, scale: number): void {
  for (let k = 0; k < m; k++) {
    const d0 = d[k], p = scale * h[k], row = wOff + k * m;
    let s = 0;
    if (p !== 0 && d0 !== 0) {
      for (let j = 0; j < m; j++) { const w = W[row + j], a = dz[j]; s += a * w; W[row + j] = w + p * a; }
    } else if (p !== 0) {
      for (let j = 0; j < m; j++) W[row + j] += p * dz[j];
    } else if (d0 !== 0) {
      for (let j = 0; j < m; j++) s += dz[j] * W[row + j];
    }
    below[k] = s * d0;
  }
}
