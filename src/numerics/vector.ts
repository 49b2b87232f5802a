/** Small vector helpers on Float64Array (no allocation). */

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s0 = 0, s1 = 0, i = 0;
  const n = a.length;
  for (; i + 1 < n; i += 2) { s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]; }
  if (i < n) s0 += a[i] * b[i];
  return s0 + s1;
}

export function norm2(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** y += s·x */
export function axpy(s: number, x: ArrayLike<number>, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += s * x[i];
}

/** ‖w − w0‖₂ / ‖w0‖₂, the relative weight change of the article. */
export function relativeChange(w: ArrayLike<number>, w0: ArrayLike<number>): number {
  let d = 0, r = 0;
  for (let i = 0; i < w0.length; i++) { const e = w[i] - w0[i]; d += e * e; r += w0[i] * w0[i]; }
  return Math.sqrt(d / r);
}

/** n evenly spaced points from a to b inclusive (a plot grid). */
export function linspace(a: number, b: number, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`linspace: n must be a positive integer, got ${n}`);
  const out = new Float64Array(n);
  if (n === 1) { out[0] = a; return out; }
  const h = (b - a) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = a + i * h;
  out[n - 1] = b;
  return out;
}
