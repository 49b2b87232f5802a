/**
 * ReLU units that gradient descent parks on their kink.
 *
 * With a finite step, GD can drive a hidden unit's pre-activation at a data
 * point to 0 and keep it there: every few steps it crosses the kink and is
 * pushed back (pre-activations of 1e-5 down to 1e-14 that keep changing sign).
 * At such a point the tangent kernel is not unique: with relu'(z) = [z > 0]
 * the unit's share of Θ is on or off depending on how the last step rounded,
 * so a kernel sampled once per frame jumps between up to 2^k values (up to
 * 5 % of Θ for α = 0.5). Rather than pick one at random, the figure shows
 * the two one-sided kernels: every parked unit on (its pre-activation set to
 * +δ) and every one off (−δ). The kernels GD alternates between lie between.
 */
import type { Mlp } from '../../src/numerics';
import { recordForward, Tape } from '../../src/numerics/tape';

/** A hidden unit: `layer` indexes tape.z (pre-activations of hidden layer layer + 1). */
export interface Unit { layer: number; unit: number }

export interface KinkOptions {
  /** |z| below this at a data point counts as "at the kink" (pre-activations are O(1)). */
  tol: number;
  /** …if the unit also changed sign at that point within this many steps; it then stays parked while |z| < tol. */
  window: number;
}

export const DEFAULT_KINKS: KinkOptions = { tol: 1e-4, window: 200 };

/**
 * Watches every GD step (call `observe` at each step, in order) and tells
 * which units sit on their kink: a unit is parked once it is small and has
 * changed sign recently, and stays parked until it leaves the band |z| < tol.
 * (Late in training a parked unit changes sign only every few hundred steps;
 * without the hysteresis it would drop out and come back, and the drawn pair
 * of kernels would flicker instead of the sampled one.) A unit that merely
 * crosses the kink on its way is caught for a few steps at most.
 */
export function createKinkTracker(net: Mlp, xs: Float64Array, o: KinkOptions = DEFAULT_KINKS) {
  const tape = new Tape(net);
  const L = net.depth, size = xs.length * net.width;
  const sign = Array.from({ length: L }, () => new Int8Array(size));
  const lastFlip = Array.from({ length: L }, () => new Float64Array(size).fill(-Infinity));
  const parked = Array.from({ length: L }, () => new Uint8Array(size));
  let started = false;
  return {
    observe(step: number, params: Float64Array): void {
      recordForward(net, params, xs, tape);
      for (let l = 0; l < L; l++) {
        const z = tape.z[l], s = sign[l], f = lastFlip[l], p = parked[l];
        for (let i = 0; i < size; i++) {
          const v = z[i] > 0 ? 1 : -1;
          if (started && v !== s[i]) f[i] = step;
          s[i] = v;
          if (Math.abs(z[i]) >= o.tol) p[i] = 0;
          else if (step - f[i] <= o.window) p[i] = 1;
        }
      }
      started = true;
    },
    /** Units at their kink at the last observed step, with the data point where they are. */
    parked(): (Unit & { point: number })[] {
      const out: (Unit & { point: number })[] = [];
      for (let l = 0; l < L; l++) {
        for (let i = 0; i < size; i++) if (parked[l][i]) out.push({ layer: l, unit: i % net.width, point: Math.floor(i / net.width) });
      }
      return out;
    },
  };
}

/**
 * Parameters with every listed unit's pre-activation at its data point moved
 * to `side`·δ by its bias (layer by layer, since a lower unit's bias shifts
 * the pre-activations above it). Moves are ≤ tol, so everything but the
 * units' relu' is unchanged to that order.
 */
export function oneSided(net: Mlp, params: Float64Array, xs: Float64Array, units: readonly (Unit & { point: number })[], side: 1 | -1, delta = 1e-12): Float64Array {
  const w = Float64Array.from(params);
  const tape = new Tape(net);
  for (let l = 0; l < net.depth; l++) {
    // One move per unit (a unit parked at both points keeps the first).
    const here = units.filter((u, i) => u.layer === l && units.findIndex((v) => v.layer === l && v.unit === u.unit) === i);
    if (!here.length) continue;
    const b = net.layers[l].biasOffset;
    if (b < 0) throw new Error('oneSided: needs a network with biases');
    recordForward(net, w, xs, tape);
    for (const u of here) w[b + u.unit] += side * delta - tape.z[l][u.point * net.width + u.unit];
  }
  return w;
}
