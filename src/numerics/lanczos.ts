/**
 * Extreme eigenvalues of a symmetric linear operator given only as
 * v ↦ A·v (e.g. a Hessian-vector product): the Lanczos iteration, and plain
 * power iteration as a simpler cross-check.
 *
 * Lanczos: Golub & Van Loan, "Matrix Computations", 4th ed., §10.1. We
 * re-orthogonalise fully against all previous Lanczos vectors while that fits
 * in memory (dim·maxIter ≤ 2e7 doubles), which prevents the spurious "ghost"
 * copies of converged eigenvalues. Convergence: the Ritz value θ with Ritz
 * vector s has residual |β_k · s_k| (last component), and we stop when that is
 * ≤ tol·|θ| for both the largest and the smallest Ritz values.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Rng } from './rng';
import { dot } from './vector';

const CHECK_EVERY = 4;

/** out = A·v; must not keep references to v or out. */
export type LinearOperator = (v: Float64Array, out: Float64Array) => void;

export interface LanczosOptions {
  /** Maximum Krylov dimension (default 80). */
  maxIter?: number;
  /** Relative residual tolerance (default 1e-8). */
  tol?: number;
}

export interface LanczosResult {
  /** Largest eigenvalue estimate. */
  max: number;
  /** Smallest eigenvalue estimate. */
  min: number;
  /** Operator (spectral) norm max(|max|, |min|). */
  norm: number;
  iterations: number;
  converged: boolean;
}

export function lanczosExtremes(apply: LinearOperator, dim: number, rng: Rng, options: LanczosOptions = {}): LanczosResult {
  const maxIter = Math.min(options.maxIter ?? 80, dim);
  const tol = options.tol ?? 1e-8;
  const keep = dim * maxIter <= 2e7;
  const basis: Float64Array[] = [];
  let q = new Float64Array(dim);
  for (let i = 0; i < dim; i++) q[i] = rng.normal();
  scale(q, 1 / Math.sqrt(dot(q, q)));
  let qPrev = new Float64Array(dim);
  const w = new Float64Array(dim);
  const alphas: number[] = [], betas: number[] = [];
  let beta = 0;
  let result: LanczosResult = { max: 0, min: 0, norm: 0, iterations: 0, converged: false };
  const advance = () => {
    const t = qPrev; qPrev = q; q = t;
    for (let i = 0; i < dim; i++) q[i] = w[i] / beta;
  };
  for (let k = 0; k < maxIter; k++) {
    if (keep) basis.push(Float64Array.from(q));
    apply(q, w);
    const alpha = dot(w, q);
    for (let i = 0; i < dim; i++) w[i] -= alpha * q[i] + beta * qPrev[i];
    // One modified Gram–Schmidt pass against the whole basis is enough for
    // extreme eigenvalues (it removes the loss of orthogonality that creates ghosts).
    if (keep) for (const b of basis) { const c = dot(w, b); for (let i = 0; i < dim; i++) w[i] -= c * b[i]; }
    alphas.push(alpha);
    beta = Math.sqrt(dot(w, w));
    // Solving the k×k tridiagonal problem costs O(k³) in ml-matrix, so only every few steps.
    const lastStep = k + 1 === maxIter || beta <= 1e-14 * Math.max(result.norm, Math.abs(alpha), Number.MIN_VALUE);
    if (!lastStep && (k + 1) % CHECK_EVERY !== 0) { betas.push(beta); advance(); continue; }
    const ritz = tridiagonalExtremes(alphas, betas, beta);
    result = { max: ritz.max, min: ritz.min, norm: Math.max(Math.abs(ritz.max), Math.abs(ritz.min)), iterations: k + 1, converged: false };
    const scaleRef = Math.max(result.norm, Number.MIN_VALUE);
    if (beta <= 1e-14 * scaleRef || (k >= 2 && ritz.resMax <= tol * scaleRef && ritz.resMin <= tol * scaleRef)) {
      result.converged = true;
      break;
    }
    betas.push(beta);
    advance();
  }
  return result;
}

/** Extreme Ritz values of the tridiagonal T_k and their residual bounds |β_k s_k|. */
function tridiagonalExtremes(alphas: number[], betas: number[], betaNext: number): { max: number; min: number; resMax: number; resMin: number } {
  const k = alphas.length;
  if (k === 1) return { max: alphas[0], min: alphas[0], resMax: Math.abs(betaNext), resMin: Math.abs(betaNext) };
  const T = new Matrix(k, k);
  for (let i = 0; i < k; i++) {
    T.set(i, i, alphas[i]);
    if (i + 1 < k) { T.set(i, i + 1, betas[i]); T.set(i + 1, i, betas[i]); }
  }
  const e = new EigenvalueDecomposition(T, { assumeSymmetric: true });
  const vals = e.realEigenvalues, V = e.eigenvectorMatrix;
  let iMax = 0, iMin = 0;
  for (let i = 1; i < k; i++) { if (vals[i] > vals[iMax]) iMax = i; if (vals[i] < vals[iMin]) iMin = i; }
  return {
    max: vals[iMax], min: vals[iMin],
    resMax: Math.abs(betaNext * V.get(k - 1, iMax)), resMin: Math.abs(betaNext * V.get(k - 1, iMin)),
  };
}

export interface PowerOptions { maxIter?: number; tol?: number; }

/**
 * Spectral norm by power iteration on A (converges to the eigenvalue of
 * largest modulus; slow when the top two |λ| are close — prefer Lanczos).
 */
export function powerIterationNorm(apply: LinearOperator, dim: number, rng: Rng, options: PowerOptions = {}): { norm: number; iterations: number; converged: boolean } {
  const maxIter = options.maxIter ?? 1000, tol = options.tol ?? 1e-10;
  let v = new Float64Array(dim), w = new Float64Array(dim);
  for (let i = 0; i < dim; i++) v[i] = rng.normal();
  scale(v, 1 / Math.sqrt(dot(v, v)));
  let est = 0;
  for (let k = 1; k <= maxIter; k++) {
    apply(v, w);
    const nw = Math.sqrt(dot(w, w));
    if (nw === 0) return { norm: 0, iterations: k, converged: true };
    // Track ‖A v‖ with ‖v‖ = 1; applying A twice per check would square the ratio.
    const done = Math.abs(nw - est) <= tol * nw;
    est = nw;
    const t = v; v = w; w = t;
    scale(v, 1 / nw);
    if (done) return { norm: est, iterations: k, converged: true };
  }
  return { norm: est, iterations: maxIter, converged: false };
}

function scale(v: Float64Array, s: number): void {
  for (let i = 0; i < v.length; i++) v[i] *= s;
}
