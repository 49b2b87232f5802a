/**
 * `ensembles`: many networks of one width, trained from independent
 * initialisations on the same eight points, against what an infinitely wide
 * network predicts: the NTK-GP mean and variance of Lee et al. (2019), from
 * the exact NNGP and NTK kernels (src/numerics/shallowKernels.ts, ntkGp.ts).
 * One panel per width, plus a convergence plot: the RMS disagreement between
 * ensemble and theory in units of the ensemble's standard error (≈ 1 means
 * "as close as the finite ensemble can tell"), for the trained networks and
 * for their linearisations (whose trained outputs are the kernel solution
 * with each network's own initial kernel, exactly; cheap, so they also run
 * at widths where training the real ensemble would not fit the budget).
 */
import { z } from 'zod';
import { defineFigure, type OutputWriter, type Progress, type Rendition, type Rng } from '../../src/pipeline/contract';
import {
  gradientDescentSteps, initShallow, kernelPrediction, linspace, ntkGpMoments, shallowForward, shallowKernels, shallowNtk,
  symEig, trainShallow, type GpMoments,
} from '../../src/numerics';
import { PLOT_RANGE, clock, clockParams, coarsen, network, sig, trainingSet, type Clock, type TrainingSet } from './setup';

export const ensemblesParams = z.object({
  /** Widths with a panel each (the rows of three in the article). */
  panelWidths: z.array(z.number().int().min(2)).default([16, 128, 1024]),
  /** Extra widths for the convergence plot only. */
  extraWidths: z.array(z.number().int().min(2)).default([32, 64, 256, 512]),
  /** Widths where only the linearised ensemble is computed. */
  linearOnlyWidths: z.array(z.number().int().min(2)).default([2048, 4096]),
  networks: z.number().int().min(4).max(1000).default(40),
  ...clockParams,
  samples: z.number().int().min(10).max(1000).default(81),
  aspect: z.number().min(0.3).max(2).default(0.9),
  phoneAspect: z.number().min(0.3).max(2).default(0.8),
  convergenceAspect: z.number().min(0.3).max(2).default(0.7),
});

interface Moments {
  mean: Float64Array;
  sd: Float64Array;
  /** RMS over the grid of (ensemble − theory), in typical standard errors, for the mean and for the sd. */
  meanZ: number;
  sdZ: number;
}

interface WidthResult {
  width: number;
  /** Trained networks (null where only the linearisations ran). */
  real: Moments | null;
  /** Null where gradient descent on some linearisation diverges (its kernel's λ_max ≥ 2/η: narrow widths). */
  linear: Moments | null;
}

/** Ensemble mean and sd from running sums, and their distance to the theory in standard errors. */
function moments(s1: Float64Array, s2: Float64Array, E: number, gp: GpMoments): Moments {
  const mean = s1.map((v) => v / E);
  const sd = s2.map((v, g) => Math.sqrt(Math.max(0, (v - E * mean[g] ** 2) / (E - 1))));
  // In units of a typical standard error, from the theory's σ averaged over the grid
  // (dividing point by point would let the few x where σ ≈ 0, at the data, dominate):
  // σ/√E for a mean, σ/√(2(E − 1)) for the sd of Gaussian samples. Sampling noise
  // alone gives ≈ 1.
  const G = mean.length;
  let dm = 0, ds = 0, v = 0;
  for (let g = 0; g < G; g++) {
    const sigma = Math.sqrt(gp.variance[g]);
    dm += (mean[g] - gp.mean[g]) ** 2;
    ds += (sd[g] - sigma) ** 2;
    v += gp.variance[g];
  }
  const typical = Math.sqrt(v / G);
  const zm = Math.sqrt(dm / G) / (typical / Math.sqrt(E)), zs = Math.sqrt(ds / G) / (typical / Math.sqrt(2 * (E - 1)));
  return { mean, sd, meanZ: zm, sdZ: zs };
}

type EnsemblesParams = z.output<typeof ensemblesParams>;

/** The experiment's fixed parts: data, training clock, plot grid, and the infinite-width prediction on it. */
interface Theory {
  set: TrainingSet;
  c: Clock;
  grid: Float64Array;
  gp: GpMoments;
  gpSd: Float64Array;
}

/** Compute, first: the NTK-GP mean and variance after the same gradient-descent schedule the networks train with. */
function theory(p: EnsemblesParams): Theory {
  const set = trainingSet(), c = clock(set.xs, p.lrFraction, p.decays);
  const grid = linspace(PLOT_RANGE[0], PLOT_RANGE[1], p.samples);
  const kern = network(1);
  const xx = shallowKernels(kern, set.xs, set.xs), tx = shallowKernels(kern, grid, set.xs);
  const kTT = grid.map((x) => shallowKernels(kern, [x], [x]).nngp[0]);
  const gp = ntkGpMoments({ thetaXX: xx.ntk, thetaTX: tx.ntk, kXX: xx.nngp, kTX: tx.nngp, kTT, ys: set.ys }, gradientDescentSteps(c.lr, c.steps));
  return { set, c, grid, gp, gpSd: gp.variance.map(Math.sqrt) };
}

/** Every width, ascending, once. */
const allWidths = (p: EnsemblesParams) =>
  [...new Set([...p.panelWidths, ...p.extraWidths, ...p.linearOnlyWidths])].sort((a, b) => a - b);

/**
 * Compute, second: per width, `networks` initialisations; each one's linearisation
 * (its kernel solution) always, and the trained network itself unless the width is
 * linear-only. Only running sums are kept.
 */
function trainEnsembles(p: EnsemblesParams, t: Theory, rng: Rng, progress: Progress): WidthResult[] {
  const { set, c, grid, gp } = t, G = grid.length, E = p.networks;
  const widths = allWidths(p);
  const sched = gradientDescentSteps(c.lr, c.steps);
  return widths.map((m, wi) => {
    const net = network(m), w = new Float64Array(net.size), trainReal = !p.linearOnlyWidths.includes(m);
    const r1 = new Float64Array(G), r2 = new Float64Array(G), l1 = new Float64Array(G), l2 = new Float64Array(G);
    let linearStable = true;
    for (let e = 0; e < E; e++) {
      initShallow(net, rng, w);
      const f0X = shallowForward(net, w, set.xs), f0T = shallowForward(net, w, grid), thetaXX = shallowNtk(net, w, set.xs, set.xs);
      // GD on a linear model diverges when η λ_max ≥ 2; narrow networks' kernels scatter past that.
      if (c.lr * symEig(thetaXX, set.xs.length).values[0] >= 2) linearStable = false;
      const lin = kernelPrediction({ thetaXX, thetaTX: shallowNtk(net, w, grid, set.xs), ys: set.ys, f0X, f0T }, sched);
      for (let g = 0; g < G; g++) { l1[g] += lin[g]; l2[g] += lin[g] * lin[g]; }
      if (!trainReal) continue;
      trainShallow(net, w, set.xs, set.ys, { lr: c.lr, steps: c.steps });
      const f = shallowForward(net, w, grid);
      for (let g = 0; g < G; g++) { r1[g] += f[g]; r2[g] += f[g] * f[g]; }
    }
    progress(((wi + 1) / widths.length) * 0.7, `width ${m}`);
    const linear = linearStable ? moments(l1, l2, E, gp) : null;
    return { width: m, real: trainReal ? moments(r1, r2, E, gp) : null, linear };
  });
}

const trainedOnly = (results: WidthResult[]) => results.filter((r): r is WidthResult & { real: Moments } => r.real !== null);
const linearisedOnly = (results: WidthResult[]) => results.filter((r): r is WidthResult & { linear: Moments } => r.linear !== null);

/** Draw: one panel per shown width, on a y range shared by all panels (±2 sd of ensembles and theory). */
function panels(p: EnsemblesParams, t: Theory, results: WidthResult[]) {
  const { set, grid, gp, gpSd } = t, G = grid.length, E = p.networks;
  let lo = Infinity, hi = -Infinity;
  for (const { real: r } of trainedOnly(results).filter((r) => p.panelWidths.includes(r.width))) {
    for (let g = 0; g < G; g++) { lo = Math.min(lo, r.mean[g] - 2 * r.sd[g], gp.mean[g] - 2 * gpSd[g]); hi = Math.max(hi, r.mean[g] + 2 * r.sd[g], gp.mean[g] + 2 * gpSd[g]); }
  }
  const yDomain: [number, number] = [Math.floor(lo * 2) / 2, Math.ceil(hi * 2) / 2];
  const gpLo = gp.mean.map((v, g) => v - 2 * gpSd[g]), gpHi = gp.mean.map((v, g) => v + 2 * gpSd[g]);

  return (width: number, res: Moments) => (r: Rendition) => {
    const fig = r.figure({ aspect: r.layout === 'phone' ? p.phoneAspect : p.aspect });
    const ax = fig.axes({
      x: { domain: PLOT_RANGE, label: '$x$' },
      y: { domain: yDomain, label: r.layout === 'phone' ? '$f(x)$' : undefined },
      title: `$m = ${width}$`,
      legend: r.layout === 'phone' ? 'lower right' : false,
    });
    const pal = r.theme.palette;
    // Phones: short labels, so the lower-right legend stays clear of the data point at the dip (x ≈ −1.3).
    const bandLabel = r.layout === 'phone' ? 'Networks $\\pm 2$ sd' : `${E} networks: mean $\\pm 2$ sd`;
    ax.band(grid, res.mean.map((v, g) => v - 2 * res.sd[g]), res.mean.map((v, g) => v + 2 * res.sd[g]), { color: pal[0], alpha: 0.3, label: bandLabel });
    ax.line(grid, res.mean, { color: pal[0], width: 2 });
    ax.line(grid, gp.mean, { color: pal[1], width: 2, dash: [7, 4], label: r.layout === 'phone' ? 'NTK-GP' : 'NTK-GP ($m = \\infty$)' });
    ax.line(grid, gpLo, { color: pal[1], width: 1.4, dash: [3, 3] });
    ax.line(grid, gpHi, { color: pal[1], width: 1.4, dash: [3, 3] });
    ax.scatter(set.xs, set.ys, { color: r.theme.foreground, radius: r.narrow ? 3.5 : 4.5 });
    return fig;
  };
}

/** Draw: the distance to theory in standard errors against width, for networks and linearisations. */
function convergence(p: EnsemblesParams, results: WidthResult[]) {
  const widths = allWidths(p), trained = trainedOnly(results), linearised = linearisedOnly(results);
  return (r: Rendition) => {
    const fig = r.figure({ aspect: r.layout === 'phone' ? 0.95 : p.convergenceAspect });
    const all = results.flatMap((x) => [x.linear, x.real].flatMap((q) => (q ? [q.meanZ, q.sdZ] : [])));
    const ax = fig.axes({
      x: { domain: [widths[0] / 1.4, widths[widths.length - 1] * 1.4], type: 'log', label: 'Width $m$' },
      // Narrow: one more decade on top holds the legend clear of the curves.
      y: { domain: [0.3, 10 ** (Math.ceil(Math.log10(Math.max(...all) * 1.2)) + (r.narrow ? 1 : 0))], type: 'log', label: r.narrow ? 'Gap / std. error' : 'RMS gap to theory / standard error' },
      legend: 'upper right',
    });
    const pal = r.theme.palette;
    ax.hline(1, { color: r.theme.reference, dash: [4, 4], width: 1.5, label: r.narrow ? 'Sampling noise' : 'Sampling noise alone' });
    const series = (xs: number[], ys: number[], color: string, label: string, dash?: number[]) => {
      ax.line(xs, ys, { color, dash, label });
      ax.scatter(xs, ys, { color, radius: 3.5 });
    };
    series(trained.map((x) => x.width), trained.map((x) => x.real.meanZ), pal[0], r.narrow ? 'Networks: mean' : 'Trained networks: mean');
    series(trained.map((x) => x.width), trained.map((x) => x.real.sdZ), pal[0], r.narrow ? 'Networks: sd' : 'Trained networks: sd', [7, 4]);
    series(linearised.map((x) => x.width), linearised.map((x) => x.linear.meanZ), pal[1], r.narrow ? 'Linearised: mean' : 'Linearisations: mean');
    series(linearised.map((x) => x.width), linearised.map((x) => x.linear.sdZ), pal[1], r.narrow ? 'Linearised: sd' : 'Linearisations: sd', [7, 4]);
    return fig;
  };
}

/** Data: theory and every ensemble's moments on about 40 grid points, and the distances in standard errors. */
function publishData(out: OutputWriter, p: EnsemblesParams, t: Theory, results: WidthResult[]) {
  const { set, c, grid, gp, gpSd } = t;
  const coarse = coarsen(grid.length);
  out.data('ensembles', {
    networks: p.networks,
    lr: c.lr,
    steps: c.steps,
    trainX: Array.from(set.xs),
    trainY: Array.from(set.ys, (v) => sig(v)),
    x: coarse(grid),
    theory: { mean: coarse(gp.mean), sd: coarse(gpSd) },
    widths: results.map((r) => ({
      width: r.width,
      real: r.real && { mean: coarse(r.real.mean), sd: coarse(r.real.sd), meanZ: sig(r.real.meanZ), sdZ: sig(r.real.sdZ) },
      linear: r.linear && { mean: coarse(r.linear.mean), sd: coarse(r.linear.sd), meanZ: sig(r.linear.meanZ), sdZ: sig(r.linear.sdZ) },
    })),
  });
}

/** Publish: the panels of the shown widths, then the convergence plot, with their text. */
async function publishFigures(out: OutputWriter, p: EnsemblesParams, t: Theory, results: WidthResult[]) {
  const E = p.networks, trained = trainedOnly(results), linearised = linearisedOnly(results);
  const panel = panels(p, t, results);
  for (const { width, real } of trained.filter((r) => p.panelWidths.includes(r.width))) {
    await out.still(`ensemble-m${width}`, { slot: 'third', draw: panel(width, real) }, {
      alt:
        `${E} networks of width ${width} trained on eight points: their mean and a shaded band of ±2 standard deviations, ` +
        `with the infinite-width prediction's mean and ±2 sd drawn dashed over it.`,
      caption: `Width $m = ${width}$: ${E} trained networks (band: mean $\\pm 2$ sd) against the NTK-GP mean $\\pm 2$ sd (dashed).`,
    });
  }
  const widest = trained[trained.length - 1], widestLin = linearised[linearised.length - 1];
  await out.still('ensemble-convergence', { slot: 'full', draw: convergence(p, results) }, {
    alt:
      `Log–log plot against width of the disagreement between ensembles and the infinite-width theory, in units of the ensemble's ` +
      `standard error, for the mean and the standard deviation, of trained networks and of their linearisations. The linearisations' ` +
      `curves fall steeply towards the sampling-noise level 1; the trained networks' fall much more slowly.`,
    caption:
      `How far each ensemble of ${E} networks is from the NTK-GP prediction: the root mean square over $x \\in [${PLOT_RANGE[0]}, ${PLOT_RANGE[1]}]$ ` +
      `of (ensemble − theory) divided by a typical standard error of the ensemble statistic ($\\bar\\sigma/\\sqrt{${E}}$ for the mean, ` +
      `$\\bar\\sigma/\\sqrt{2(${E}-1)}$ for the standard deviation, $\\bar\\sigma$ the theory's RMS sd over the grid); near 1 is as close as ${E} samples can resolve. Trained networks up to ` +
      `$m = ${widest.width}$ (mean ${widest.real.meanZ.toFixed(1)}, sd ${widest.real.sdZ.toFixed(1)}); their linearisations up to ` +
      `$m = ${widestLin.width}$ (mean ${widestLin.linear.meanZ.toFixed(1)}, sd ${widestLin.linear.sdZ.toFixed(1)}).`,
  });
}

export default defineFigure({
  id: 'kernel-regime/ensembles',
  title: 'Ensembles of trained networks against the infinite-width NTK-GP prediction',
  params: ensemblesParams,
  seed: 2021,
  async render({ params: p, rng, progress, out }) {
    const t = theory(p);
    const results = trainEnsembles(p, t, rng, progress);
    publishData(out, p, t, results);
    await publishFigures(out, p, t, results);
    progress(1, 'done');
  },
});
