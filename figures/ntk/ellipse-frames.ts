/**
 * Drawing the frames of `ellipses` (NTK ellipses and output trajectories) and
 * `ellipse-functions` (the same runs as functions of x) for one rendition.
 * Everything is precomputed by ./ellipse-runs.ts; these only place marks.
 */
import type { Rendition } from '../../src/pipeline/contract';
import type { Figure } from '../../src/plot';
import type { EllipseRun } from './ellipse-runs';
import type { EllipsesParams } from './ellipses.figure';
import { levelSetEllipse } from './ntk-ellipse';

/**
 * Small drawings (phones, half a row): the 8-row legend would cover a third of
 * the plot, so they get short labels and a taller aspect.
 */
const compact = (r: Rendition) => r.narrow || r.width < 500;
/** Legend label of run i: compact legends name α once, on the first row. */
const alphaTex = (a: number, i: number, r: Rendition) => (compact(r) && i > 0 ? `$${a}$` : `$\\alpha = ${a}$`);
const frameFigure = (p: EllipsesParams, r: Rendition) => r.figure({ aspect: compact(r) ? p.phoneAspect : p.aspect });

/** Frame k of `ellipses`: every network's NTK ellipse and its trajectory so far. */
export function ellipsesFrame(p: EllipsesParams, runs: readonly EllipseRun[], level: number, k: number, r: Rendition): Figure {
  const fig = frameFigure(p, r);
  const xLabel = compact(r) ? `$y_1 = f(${p.xBar[0]})$` : `$y_1 = f(${p.xBar[0]}, \\boldsymbol w(n))$`;
  const ax = fig.axes({
    x: { domain: p.y1Range, label: xLabel },
    y: { domain: p.y2Range, label: compact(r) ? `$y_2 = f(${p.xBar[1]})$` : `$y_2 = f(${p.xBar[1]}, \\boldsymbol w(n))$` },
    // The ellipses are centred on the target at the right and the trajectories
    // run from (0, 0) along y2 ≈ 0: the lower left of the plane stays empty.
    legend: 'lower left',
  });
  const pal = r.theme.palette, w = compact(r) ? 1.8 : 2.25;
  let doubled = false;
  runs.forEach((run, i) => {
    const range = run.ntkRange[k];
    // A unit on its ReLU kink: Θ is not unique, so both one-sided kernels are drawn (./kinks.ts).
    const kernels = range ?? [run.ntk[k]];
    kernels.forEach(([k11, k12, k22], j) => {
      const e = levelSetEllipse(k11, k12, k22, level);
      ax.ellipse({
        cx: p.yBar[0], cy: p.yBar[1], rx: e.rx, ry: e.ry, angle: e.angle, stroke: pal[i],
        width: range ? w * 0.6 : w, label: j === 0 ? alphaTex(run.alpha, i, r) : undefined,
      });
    });
    doubled ||= !!range;
  });
  runs.forEach((run, i) => {
    const ty = run.y.slice(0, k + 1);
    ax.scatter(ty.map((v) => v[0]), ty.map((v) => v[1]), { color: pal[i], radius: compact(r) ? 2 : 2.6, alpha: 0.8 });
  });
  ax.scatter([p.yBar[0]], [p.yBar[1]], { color: r.theme.foreground, radius: 4.5, label: compact(r) ? '$\\bar{\\boldsymbol y}$' : 'Target $\\bar{\\boldsymbol y}$' });
  if (doubled) {
    ax.text(0.98, 0.97, compact(r) ? 'Double line: a ReLU kink' : 'Double line: units on a ReLU kink, $\\boldsymbol\\Theta$ on / off', {
      coords: 'axes', anchor: 'end', baseline: 'top', color: r.theme.muted, size: r.theme.fontSize.annotation, halo: true,
    });
  }
  return fig;
}

/** Frame k of `ellipse-functions`: every network's function y(x) and the data. */
export function functionsFrame(p: EllipsesParams, runs: readonly EllipseRun[], grid: Float64Array, yRange: [number, number], k: number, r: Rendition): Figure {
  const fig = frameFigure(p, r);
  const ax = fig.axes({
    x: { domain: p.xRange, label: '$x$' },
    y: { domain: yRange, label: compact(r) ? '$f(x)$' : '$f(x, \\boldsymbol w(n))$' },
    // The curves fall from the upper left to the lower right.
    legend: 'lower left',
  });
  const pal = r.theme.palette, G = grid.length;
  runs.forEach((run, i) => {
    ax.line(grid, run.curves.subarray(k * G, (k + 1) * G), { color: pal[i], width: compact(r) ? 1.8 : 2.25, label: alphaTex(run.alpha, i, r) });
  });
  ax.scatter(Float64Array.from(p.xBar), Float64Array.from(p.yBar), { color: r.theme.foreground, radius: 5, label: compact(r) ? 'Data' : 'Data $(\\bar x_i, \\bar y_i)$' });
  return fig;
}
