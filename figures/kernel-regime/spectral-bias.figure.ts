/**
 * `spectral-bias`: a network fitting a sum of sinusoids on the circle learns
 * the low frequencies first. The residual on the training points, split
 * into the eigenspaces of the infinite-width NTK Gram matrix (frequency
 * pairs, ./circle.ts), should shrink by (1 − ηλ_k) per step — e^{−ηλ_k t}
 * for small steps (Rahaman et al. 2019; Cao et al. 2019; Basri et al. 2019).
 * Outputs: the fit as an animation with the per-frequency residuals beside
 * it, the residual curves against the prediction, and the spectrum.
 */
import { z } from 'zod';
import { defineFigure, type OutputWriter, type Rendition, type Rng } from '../../src/pipeline/contract';
import {
  circulantEigenvalues, fourierComponentNorms, initShallow, shallowForward, shallowKernels, symEig, trainShallow,
} from '../../src/numerics';
import { circleNetwork, circlePoints, sinusoids } from './circle';
import { logSteps, sig } from './setup';

const term = z.object({ k: z.number().int().min(0), amplitude: z.number(), phase: z.number() });

export const spectralBiasParams = z.object({
  points: z.number().int().min(8).max(512).default(64),
  width: z.number().int().min(2).max(100000).default(2048),
  biasStd: z.number().min(0).default(0.5),
  target: z.array(term).min(1).default([
    { k: 1, amplitude: 1, phase: 0 },
    { k: 2, amplitude: 0.7, phase: 1 },
    { k: 4, amplitude: 0.5, phase: -0.5 },
  ]),
  /** η as a fraction of 1/λ_max of the Gram matrix. */
  lrFraction: z.number().positive().max(1.9).default(0.9),
  /** Train until the highest target frequency has decayed by e^{−decays}. */
  decays: z.number().positive().default(3),
  /** Frequencies shown as stems beside the fit. */
  stemFrequencies: z.number().int().min(2).default(9),
  frames: z.number().int().min(2).max(200).default(30),
  samples: z.number().int().min(16).max(2000).default(241),
  delayMs: z.number().int().positive().default(110),
});

export type SpectralBiasParams = z.output<typeof spectralBiasParams>;

/** What training measured: everything the drawings and the data file read. */
interface SpectralRun {
  N: number;
  theta: Float64Array;
  ys: Float64Array;
  /** The target function on the circle. */
  f: (t: number) => number;
  /** Eigenvalues of the Gram matrix from the general solver (descending) and as a circulant (per frequency). */
  eig: Float64Array;
  lambda: Float64Array;
  lr: number;
  steps: number;
  /** The steps drawn as frames, log-spaced, and the network's output on the fine grid at each. */
  frameSteps: number[];
  fineTheta: Float64Array;
  curves: Float64Array[];
  /** Per step: |r_k| of the residual on the training points for k = 0 … N/2. */
  components: Float64Array[];
}

/**
 * Compute: the Gram matrix of Θ∞ on the training points, eigen-decomposed twice
 * (by a general symmetric solver and as a circulant: the two must agree), then
 * gradient descent long enough for the highest target frequency to decay.
 */
function train(p: SpectralBiasParams, rng: Rng): SpectralRun {
  const N = p.points, { theta, xs } = circlePoints(N), f = sinusoids(p.target);
  const ys = theta.map(f);
  const net = circleNetwork(p.width, p.biasStd);
  const gram = shallowKernels(net, xs, xs).ntk;
  const eig = symEig(gram, N).values;
  const lambda = circulantEigenvalues(gram.subarray(0, N));
  const lr = p.lrFraction / eig[0];
  const kMax = Math.max(...p.target.map((t) => t.k));
  const steps = Math.ceil(p.decays / (lr * lambda[kMax]));

  const frameSteps = logSteps(steps, p.frames), want = new Set(frameSteps);
  const fine = circlePoints(p.samples - 1);
  const fineTheta = Float64Array.from([...fine.theta, 2 * Math.PI]);
  const fineXs = Float64Array.from([...fine.xs, 1, 0]);
  const curves: Float64Array[] = [];
  const components: Float64Array[] = [];
  const r = new Float64Array(N);
  const w = initShallow(net, rng);
  trainShallow(net, w, xs, ys, {
    lr, steps,
    onStep: (n, y, params) => {
      for (let i = 0; i < N; i++) r[i] = y[i] - ys[i];
      components.push(fourierComponentNorms(r));
      if (want.has(n)) curves.push(shallowForward(net, params, fineXs));
    },
  });
  return { N, theta, ys, f, eig, lambda, lr, steps, frameSteps, fineTheta, curves, components };
}

/** Floor of the log axes: residual ratios below it are drawn at it. */
const FLOOR = 1e-3;

/** The target's frequencies (coloured everywhere), and the frequencies drawn as stems beside the fit. */
const targetKs = (p: SpectralBiasParams) => p.target.map((t) => t.k);
const stemKsOf = (p: SpectralBiasParams) => Array.from({ length: p.stemFrequencies }, (_, k) => k);

/** Draw: the three outputs' drawing functions, sharing colours (target frequencies coloured, the rest grey) and ranges. */
function drawings(p: SpectralBiasParams, run: SpectralRun) {
  const { theta, ys, f, lambda, lr, steps, frameSteps, fineTheta, curves, components } = run;
  const ks = targetKs(p), stemKs = stemKsOf(p);
  const ratio = (n: number, k: number) => components[n][k] / components[0][k];
  const predicted = (n: number, k: number) => (1 - lr * lambda[k]) ** n;
  let lo = Infinity, hi = -Infinity;
  for (const c of curves) for (const v of c) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  for (const v of ys) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const yDomain: [number, number] = [Math.floor(lo * 2) / 2, Math.ceil(hi * 2) / 2];
  const targetCurve = fineTheta.map(f);

  const colourOf = (r: Rendition, k: number) => {
    const i = ks.indexOf(k);
    return i >= 0 ? r.theme.palette[i] : r.theme.reference;
  };
  const piTicks = { ticks: [0, Math.PI / 2, Math.PI, 1.5 * Math.PI, 2 * Math.PI], tickFormat: (v: number) => ['$0$', '$\\pi/2$', '$\\pi$', '$3\\pi/2$', '$2\\pi$'][Math.round(v / (Math.PI / 2))] };

  const frame = (r: Rendition, i: number) => {
    const phone = r.layout === 'phone';
    const fig = r.figure({ aspect: phone ? 1.35 : 0.5 });
    const n = frameSteps[i];
    const fit = fig.axes({
      rect: phone ? [0, 0, 1, 0.56] : [0, 0, 0.62, 1],
      x: { domain: [0, 2 * Math.PI], label: 'Angle $\\theta$', ...piTicks },
      y: { domain: yDomain, label: '$f(\\theta)$' },
      title: `Step $n = ${n}$ of $${steps}$`,
      legend: 'lower left',
    });
    fit.line(fineTheta, targetCurve, { color: r.theme.foreground, width: 1.5, dash: [4, 4], label: 'Target' });
    fit.line(fineTheta, curves[i], { color: r.theme.palette[0], label: `Network` });
    fit.scatter(theta, ys, { color: r.theme.foreground, radius: phone ? 2 : 2.2 });
    const spec = fig.axes({
      rect: phone ? [0, 0.58, 1, 1] : [0.64, 0, 1, 1],
      x: { domain: [-0.7, stemKs.length - 0.3], label: 'Frequency $k$', ticks: stemKs.filter((k) => k % 2 === 0 || stemKs.length < 8) },
      y: { domain: [FLOOR, 2], type: 'log', label: '$|r_k(n)| / |r_k(0)|$' },
      grid: true,
      legend: false,
    });
    spec.stem(stemKs, stemKs.map((k) => Math.max(FLOOR, ratio(n, k))), { color: stemKs.map((k) => colourOf(r, k)), width: 2.5, radius: 4 });
    return fig;
  };

  const decay = (r: Rendition) => {
    const fig = r.figure({ aspect: r.layout === 'phone' ? 0.95 : 0.85 });
    // Log time: each frequency drops around n ≈ 1/(ηλ_k), so the drops spread out evenly.
    // The axis starts half a decade before step 1: the legend sits in that margin, lower left,
    // where it would otherwise cover the k = 1 dots leaving their curve for the floor (steps 4–7).
    const ax = fig.axes({
      x: { domain: [0.3, steps], type: 'log', label: 'Step $n$' },
      y: { domain: [FLOOR, 1.5], type: 'log', label: '$|r_k(n)| / |r_k(0)|$' },
      legend: 'lower left',
    });
    ax.line([1, 2], [NaN, NaN], { color: r.theme.reference, dash: [6, 4], width: 2, label: r.narrow ? 'Theory' : '$(1 - \\eta\\lambda_k)^n$' });
    const ns = Array.from({ length: steps }, (_, n) => n + 1);
    const ms = logSteps(steps, 28).filter((n) => n > 0);
    for (const k of ks) {
      ax.line(ns, ns.map((n) => Math.max(FLOOR / 10, predicted(n, k))), { color: colourOf(r, k), dash: [6, 4], width: 2 });
      ax.scatter(ms, ms.map((n) => Math.max(FLOOR / 10, ratio(n, k))), { color: colourOf(r, k), radius: 3.2, label: `$k = ${k}$` });
    }
    return fig;
  };

  const spectrum = (r: Rendition) => {
    const fig = r.figure({ aspect: r.layout === 'phone' ? 0.95 : 0.85 });
    const K = Math.min(16, lambda.length - 1);
    const kk = Array.from({ length: K + 1 }, (_, k) => k);
    const ax = fig.axes({
      x: { domain: [-0.7, K + 0.7], label: 'Frequency $k$' },
      y: { domain: [10 ** Math.floor(Math.log10(lambda[K])), 10 ** Math.ceil(Math.log10(lambda[0]))], type: 'log', label: 'Eigenvalue $\\lambda_k$' },
      legend: false,
    });
    ax.stem(kk, kk.map((k) => lambda[k]), { color: kk.map((k) => colourOf(r, k)), width: 2.5, radius: 4 });
    return fig;
  };

  return { frame, decay, spectrum };
}

/**
 * Data: per-frequency residual ratios at every step for the target frequencies
 * (the claim), a few non-target ones, and both eigen-decompositions.
 */
function publishData(out: OutputWriter, p: SpectralBiasParams, run: SpectralRun) {
  const dataKs = [...new Set([...targetKs(p), ...stemKsOf(p)])].sort((a, b) => a - b);
  out.data('spectral-bias', {
    points: run.N,
    width: p.width,
    biasStd: p.biasStd,
    target: p.target,
    lr: run.lr,
    steps: run.steps,
    lambdaCirculant: Array.from(run.lambda, (v) => sig(v, 10)),
    lambdaSymEig: Array.from(run.eig, (v) => sig(v, 10)),
    frequencies: dataKs,
    residualNorms: Object.fromEntries(dataKs.map((k) => [k, run.components.map((c) => sig(c[k]))])),
  });
}

/** Publish: the animation (and social preview), then the two stills, with their text. */
async function publishFigures(out: OutputWriter, p: SpectralBiasParams, run: SpectralRun) {
  const { N, lr, steps, frameSteps } = run;
  const ks = targetKs(p);
  const draw = drawings(p, run);
  await out.animated('spectral-fit', { frames: frameSteps.length, social: true, draw: draw.frame, delay: p.delayMs, poster: Math.floor(frameSteps.length * 0.6) }, {
    alt:
      `Animation over ${steps} gradient-descent steps: a network's output on the circle (solid) bending towards a target made of ` +
      `sinusoids of frequencies ${ks.join(', ')} (dashed). Beside it, stems show how much of the residual is left at each frequency: ` +
      `the low frequencies drop first, the higher ones later.`,
    caption:
      `A network of width $m = ${p.width}$ fits $N = ${N}$ equally spaced points of ` +
      `$${targetTex(p.target)}$` +
      ` on the unit circle by gradient descent ($\\eta = ${lr.toFixed(4)}$, ${steps} steps, frames log-spaced). Right: the residual on the ` +
      `training points, split by frequency $k$ (the eigenspaces of the NTK Gram matrix), relative to its start; coloured stems are the target's frequencies.`,
  });
  await out.still('spectral-decay', { slot: 'half', draw: draw.decay }, {
    alt:
      `Semi-log plot of the residual left at frequencies ${ks.join(', ')} against the step: dots (measured) follow dashed straight lines ` +
      `(the prediction from the kernel eigenvalues), steeper for lower frequencies.`,
    caption:
      `Residual at each target frequency, $|r_k(n)|/|r_k(0)|$ (dots, log-spaced steps), against $(1 - \\eta\\lambda_k)^n \\approx e^{-\\eta\\lambda_k n}$ ` +
      `with $\\lambda_k$ the eigenvalues of the infinite-width NTK Gram matrix (dashed).`,
  });
  await out.still('ntk-spectrum', { slot: 'half', draw: draw.spectrum }, {
    alt: `Stem plot of the NTK Gram matrix eigenvalues against frequency on a log scale, falling by about three orders of magnitude from k = 0 to k = 16; the target's frequencies are coloured.`,
    caption:
      `Eigenvalues $\\lambda_k$ of the $${N} \\times ${N}$ infinite-width NTK Gram matrix on the circle ($\\sigma_b = ${p.biasStd}$), one per frequency ` +
      `(each $k \\ge 1$ is a pair: a cosine and a sine). Coloured: the target's frequencies.`,
  });
}

export default defineFigure({
  id: 'kernel-regime/spectral-bias',
  title: 'Spectral bias: residual components of a sum of sinusoids decay at the NTK eigenvalue rates',
  params: spectralBiasParams,
  seed: 2022,
  async render({ params: p, rng, progress, out }) {
    const run = train(p, rng);
    progress(0.4, 'trained');
    publishData(out, p, run);
    await publishFigures(out, p, run);
    progress(1, 'done');
  },
});

/** The target as TeX, written as a reader would: `\cos\theta - 0.5\cos(4\theta)`, not `1\cos(1\theta) + -0.5\cos(4\theta)`. */
function targetTex(target: readonly { amplitude: number; k: number; phase: number }[]): string {
  return target.map((t, i) => (i === 0 ? sinusoidTex(t) : t.amplitude < 0 ? ` - ${sinusoidTex({ ...t, amplitude: -t.amplitude })}` : ` + ${sinusoidTex(t)}`)).join('');
}

/** One term a cos(kθ ± φ) as TeX, with a = ±1 written as a sign, k = 1 and φ = 0 left out. */
function sinusoidTex(t: { amplitude: number; k: number; phase: number }): string {
  const angle = `${t.k === 1 ? '' : t.k}\\theta`;
  const arg = t.phase ? `(${angle} ${t.phase > 0 ? '+' : '-'} ${Math.abs(t.phase)})` : t.k === 1 ? angle : `(${angle})`;
  return `${t.amplitude === 1 ? '' : t.amplitude === -1 ? '-' : t.amplitude}\\cos${arg}`;
}
