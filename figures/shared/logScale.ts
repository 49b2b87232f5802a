/**
 * Small log-scale helpers for the width sweeps of both posts (ntk/asymptotics,
 * ntk/ntk-convergence, kernel-regime/*): log-spaced integer widths, the geometric mean and
 * spread of a sample, and a fixed log-axis domain that covers the data.
 */

/**
 * `count` integer widths log-spaced from `min` to `max` (both included),
 * w_k = round(min · (max/min)^(k/(count−1))). Rounding can merge
 * neighbours at small widths; duplicates are dropped, so the result can be
 * shorter than `count` but is always strictly increasing.
 */
export function logSpacedWidths(min: number, max: number, count: number): number[] {
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max > min)) {
    throw new RangeError(`logSpacedWidths: need integers 1 ≤ min < max, got ${min}, ${max}`);
  }
  if (!(Number.isInteger(count) && count >= 2)) throw new RangeError(`logSpacedWidths: count must be an integer ≥ 2, got ${count}`);
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const w = k === count - 1 ? max : Math.round(min * (max / min) ** (k / (count - 1)));
    if (out.length === 0 || w > out[out.length - 1]) out.push(w);
  }
  return out;
}

/** Geometric mean and the band 10^(mean ± sd) of log10 of positive values (sd with n − 1). */
export interface LogSummary {
  geoMean: number;
  lo: number;
  hi: number;
  /** Standard deviation of log10(values). */
  sdLog10: number;
}

export function logSummary(values: ArrayLike<number>): LogSummary {
  const n = values.length;
  if (n === 0) throw new RangeError('logSummary: no values');
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (!(values[i] > 0)) throw new RangeError(`logSummary: values must be positive, got ${values[i]}`);
    mean += Math.log10(values[i]);
  }
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (Math.log10(values[i]) - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return { geoMean: 10 ** mean, lo: 10 ** (mean - sd), hi: 10 ** (mean + sd), sdLog10: sd };
}

/**
 * A log-axis domain [10^a, 10^b] with integer a < b covering all values,
 * widened symmetrically (extra decade on top first) to span at least
 * `minDecades`. Derived from the data but only in whole decades, so it is
 * stable under small changes of the numbers.
 */
export function logDomain(values: ArrayLike<number>, minDecades = 1): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`logDomain: values must be positive and finite, got ${v}`);
    lo = Math.min(lo, v); hi = Math.max(hi, v);
  }
  if (lo === Infinity) throw new RangeError('logDomain: no values');
  let a = Math.floor(Math.log10(lo)), b = Math.ceil(Math.log10(hi));
  if (b <= a) b = a + 1;
  for (let top = true; b - a < minDecades; top = !top) { if (top) b++; else a--; }
  return [10 ** a, 10 ** b];
}
