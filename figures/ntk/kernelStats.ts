/**
 * Streaming statistics of empirical kernels against a reference kernel (the
 * analytic infinite-width NTK), for the ntk-convergence figure: per network
 * the relative Frobenius distance, and over all networks the relative
 * across-seed spread and the distance of their mean. Welford's update keeps
 * only one running mean and M2 per entry, so no kernel is stored.
 */
export interface KernelStatsResult {
  /** ‖K_s − R‖_F / ‖R‖_F for each added K_s, in order. */
  relErrors: number[];
  /** sqrt(mean over entries of the sample variance (n − 1) across the K_s) / RMS(R). */
  relSpread: number;
  /** ‖mean_s K_s − R‖_F / ‖R‖_F. */
  relMeanError: number;
}

export function kernelStats(reference: Float64Array, n: number) {
  const size = n * n;
  if (reference.length !== size) throw new RangeError(`kernelStats: reference must be ${n}×${n}, got ${reference.length} entries`);
  let refSq = 0;
  for (let i = 0; i < size; i++) refSq += reference[i] * reference[i];
  if (!(refSq > 0)) throw new RangeError('kernelStats: reference kernel is zero');
  const refNorm = Math.sqrt(refSq);
  const mean = new Float64Array(size), m2 = new Float64Array(size);
  const relErrors: number[] = [];
  let count = 0;
  return {
    add(K: Float64Array): void {
      if (K.length !== size) throw new RangeError(`kernelStats: kernel must be ${n}×${n}, got ${K.length} entries`);
      count++;
      let e = 0;
      for (let i = 0; i < size; i++) {
        const v = K[i], d = v - reference[i];
        e += d * d;
        const delta = v - mean[i];
        mean[i] += delta / count;
        m2[i] += delta * (v - mean[i]);
      }
      relErrors.push(Math.sqrt(e) / refNorm);
    },
    result(): KernelStatsResult {
      if (count < 2) throw new RangeError('kernelStats: need at least two kernels for a spread');
      let varSum = 0, meanErr = 0;
      for (let i = 0; i < size; i++) {
        varSum += m2[i] / (count - 1);
        const d = mean[i] - reference[i];
        meanErr += d * d;
      }
      return {
        relErrors: relErrors.slice(),
        relSpread: Math.sqrt(varSum / size) / (refNorm / Math.sqrt(size)),
        relMeanError: Math.sqrt(meanErr) / refNorm,
      };
    },
  };
}
