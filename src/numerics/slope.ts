/** Least-squares straight lines, for the log-log slopes of the asymptotics figures. */

export interface LineFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination. */
  r2: number;
}

/** Ordinary least squares y ≈ slope·x + intercept. */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>): LineFit {
  const n = x.length;
  if (n < 2 || y.length !== n) throw new RangeError(`fitLine: need ≥ 2 points of equal length, got ${n} and ${y.length}`);
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
  mx /= n; my /= n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) { const dx = x[i] - mx, dy = y[i] - my; sxx += dx * dx; sxy += dx * dy; syy += dy * dy; }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

/** Fit log10(y) ≈ slope·log10(x) + intercept (so y ≈ 10^intercept · x^slope). */
export function loglogSlope(x: ArrayLike<number>, y: ArrayLike<number>): LineFit {
  const lx = Array.from(x, (v) => Math.log10(v)), ly = Array.from(y, (v) => Math.log10(v));
  return fitLine(lx, ly);
}
