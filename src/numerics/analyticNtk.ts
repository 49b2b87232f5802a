/**
 * The infinite-width NTK of our deep ReLU network, in the normalisation under
 * which OUR (standard/LeCun-parametrised) empirical NTK converges:
 *
 *     Θ_emp(x, x'; m) / m  →  Θ∞(x, x')   as m → ∞.
 *
 * Why divide by m: writing each weight of fan-in n as w = ω/√n (the NTK
 * parametrisation of Jacot et al. 2018, arXiv:1806.07572), ∂f/∂ω = ∂f/∂w / √n.
 * So the kernel of our parametrisation is Σ_layers fanIn_l · Θ_l^{NTK-param}:
 * the layers of fan-in m contribute m·O(1), while the first layer (fan-in 1)
 * and every bias contribute O(1), which vanishes after dividing by m.
 *
 * Recursion (Jacot et al. Thm 1; Arora et al. 2019, arXiv:1904.11955, eq. 4–5),
 * with z_l the pre-activations of hidden layer l (l = 1 … L):
 *   Σ_{l+1}(x, x') = E[relu(z_l(x)) relu(z_l(x'))]        (weights N(0, 1/m), m units)
 *   Σ̇_{l+1}(x, x') = E[relu'(z_l(x)) relu'(z_l(x'))]
 *   Θ_1 = 0,  Θ_{l+1} = Θ_l · Σ̇_{l+1} + Σ_{l+1},   Θ∞ = Θ_{L+1}.
 * For l ≥ 2, z_l is a centred Gaussian process with covariance Σ_l and the
 * expectations are the arc-cosine kernels (Cho & Saul 2009): with
 * cos θ = Σ(x,x')/√(Σ(x,x)Σ(x',x')),
 *   E[relu relu] = √(Σ(x,x)Σ(x',x')) (sin θ + (π − θ) cos θ) / (2π),
 *   E[relu' relu'] = (π − θ) / (2π).
 * Hidden-layer biases have variance 1/(3m) → 0 and drop out.
 * The first layer is different: z_1(x) = a·x + b with a ~ N(0, 1) and our
 * bias b ~ U(−1, 1) (not Gaussian), so Σ_2 and Σ̇_2 are computed exactly:
 * conditional on b the integrals over a are closed-form Gaussian integrals
 * over an interval, and b is integrated by Gauss–Legendre quadrature (split
 * at b = 0 where the interval can jump). Without biases b = 0.
 */
import type { Mlp } from './mlp';

export interface AnalyticNtkOptions {
  /** Number of hidden layers L. */
  depth: number;
  /** Whether the network has biases (first-layer bias U(−1, 1)); default true. */
  bias?: boolean;
}

/** N×N row-major Θ∞(xs[i], xs[j]) for a ReLU network (see the file comment for the normalisation). */
export function reluNtkInfinite(xs: ArrayLike<number>, options: AnalyticNtkOptions): Float64Array {
  const N = xs.length, L = options.depth, bias = options.bias ?? true;
  if (!Number.isInteger(L) || L < 1) throw new RangeError(`reluNtkInfinite: depth must be an integer ≥ 1, got ${L}`);
  let sigma = new Float64Array(N * N), dot = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j <= i; j++) {
    const r = firstLayerMoments(xs[i], xs[j], bias);
    sigma[i * N + j] = sigma[j * N + i] = r.e;
    dot[i * N + j] = dot[j * N + i] = r.d;
  }
  // Θ_2 = Θ_1 Σ̇_2 + Σ_2 = Σ_2.
  const theta = Float64Array.from(sigma);
  for (let l = 2; l <= L; l++) {
    const next = new Float64Array(N * N), nextDot = new Float64Array(N * N);
    for (let i = 0; i < N; i++) for (let j = 0; j <= i; j++) {
      const kii = sigma[i * N + i], kjj = sigma[j * N + j], kij = sigma[i * N + j];
      const s = Math.sqrt(kii * kjj);
      let e = 0, d = 0;
      if (s > 0) {
        const c = Math.max(-1, Math.min(1, kij / s));
        const t = Math.acos(c);
        e = (s * (Math.sin(t) + (Math.PI - t) * c)) / (2 * Math.PI);
        d = (Math.PI - t) / (2 * Math.PI);
      }
      next[i * N + j] = next[j * N + i] = e;
      nextDot[i * N + j] = nextDot[j * N + i] = d;
    }
    for (let i = 0; i < N * N; i++) theta[i] = theta[i] * nextDot[i] + next[i];
    sigma = next; dot = nextDot;
  }
  return theta;
}

/** The analytic kernel matching an Mlp's depth and bias setting (ReLU only). */
export function reluNtkInfiniteFor(net: Mlp, xs: ArrayLike<number>): Float64Array {
  if (net.activation !== 'relu') throw new Error(`reluNtkInfiniteFor: only ReLU networks have this analytic kernel, got ${net.activation}`);
  return reluNtkInfinite(xs, { depth: net.depth, bias: net.bias });
}

/**
 * E[relu(z)relu(z')] and E[1{z>0}1{z'>0}] for z = a x + b, z' = a x' + b,
 * a ~ N(0, 1), b ~ U(−1, 1) (or b = 0 without bias).
 */
function firstLayerMoments(x: number, xp: number, bias: boolean): { e: number; d: number } {
  if (!bias) return givenB(x, xp, 0);
  let e = 0, d = 0;
  // ½∫_{−1}^{1} g(b) db, split at b = 0 (where g can have a kink) and into
  // SUB panels per half so steep integrands (|x| ≪ 1) are resolved.
  const h = 1 / SUB;
  for (let p = 0; p < 2 * SUB; p++) {
    const mid = -1 + (p + 0.5) * h;
    for (let k = 0; k < GL_NODES.length; k++) {
      const r = givenB(x, xp, mid + 0.5 * h * GL_NODES[k]);
      const wk = 0.5 * 0.5 * h * GL_WEIGHTS[k]; // uniform density ½ × panel half-width
      e += wk * r.e; d += wk * r.d;
    }
  }
  return { e, d };
}

/** Gaussian integrals over a ~ N(0,1) restricted to {a x + b > 0, a x' + b > 0}. */
function givenB(x: number, xp: number, b: number): { e: number; d: number } {
  let lo = -Infinity, hi = Infinity;
  for (const u of [x, xp]) {
    if (u > 0) lo = Math.max(lo, -b / u);
    else if (u < 0) hi = Math.min(hi, -b / u);
    else if (!(b > 0)) return { e: 0, d: 0 };
  }
  if (!(lo < hi)) return { e: 0, d: 0 };
  const P = normCdf(hi) - normCdf(lo);
  const pl = normPdf(lo), ph = normPdf(hi);
  const m1 = pl - ph; // ∫ a φ(a) da over [lo, hi]
  const m2 = P + (Number.isFinite(lo) ? lo * pl : 0) - (Number.isFinite(hi) ? hi * ph : 0); // ∫ a² φ
  return { e: x * xp * m2 + (x + xp) * b * m1 + b * b * P, d: P };
}

function normPdf(t: number): number {
  return Number.isFinite(t) ? Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI) : 0;
}

/**
 * Standard normal CDF to ~1e-15 absolute accuracy (the kernel needs
 * differences Φ(hi) − Φ(lo), so absolute error is what matters).
 * |t| < 5: Marsaglia's series Φ(t) = ½ + φ(t)(t + t³/3 + t⁵/(3·5) + …)
 * (G. Marsaglia, "Evaluating the normal distribution", J. Stat. Softw. 11(4),
 * 2004), whose terms all share the sign of t. |t| ≥ 5: the Laplace continued
 * fraction of the Mills ratio, Φ(−x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))).
 */
export function normCdf(t: number): number {
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const x = Math.abs(t);
  if (x < 5) {
    let term = t, sum = t;
    const t2 = t * t;
    for (let i = 1; i < 200; i++) {
      term *= t2 / (2 * i + 1);
      sum += term;
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
    }
    return 0.5 + normPdf(t) * sum;
  }
  let r = 0;
  for (let k = 120; k >= 1; k--) r = k / (x + r);
  const tail = normPdf(x) / (x + r);
  return t < 0 ? tail : 1 - tail;
}

const SUB = 8;
// 16-point Gauss–Legendre nodes and weights on [−1, 1] (Abramowitz & Stegun, Table 25.4).
const GL_HALF_NODES = [0.0950125098376374, 0.2816035507792589, 0.4580167776572274, 0.6178762444026438, 0.7554044083550030, 0.8656312023878318, 0.9445750230732326, 0.9894009349916499];
const GL_HALF_WEIGHTS = [0.1894506104550685, 0.1826034150449236, 0.1691565193950025, 0.1495959888165767, 0.1246289712555339, 0.0951585116824928, 0.0622535239386479, 0.0271524594117541];
const GL_NODES = [...GL_HALF_NODES.map((v) => -v), ...GL_HALF_NODES];
const GL_WEIGHTS = [...GL_HALF_WEIGHTS, ...GL_HALF_WEIGHTS];
