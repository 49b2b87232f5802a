/**
 * `linearised-training`: one network trained by gradient descent on eight
 * points, next to its linearisation around the same initialisation and the
 * closed-form infinite-width kernel solution from the same f0, as an
 * animation over training steps (log-spaced). Experiment in ./setup.ts,
 * the three predictions in ./curves.ts.
 */
import { z } from 'zod';
import { defineFigure, type Rendition } from '../../src/pipeline/contract';
import { rmsGap, runCurves } from './curves';
import { PLOT_RANGE, clockParams, coarsen, network, planRun, sig } from './setup';

export const linearisedTrainingParams = z.object({
  width: z.number().int().min(2).max(100000).default(128),
  ...clockParams,
  frames: z.number().int().min(2).max(200).default(30),
  samples: z.number().int().min(10).max(2000).default(161),
  delayMs: z.number().int().positive().default(110),
  aspect: z.number().min(0.3).max(2).default(0.62),
  phoneAspect: z.number().min(0.3).max(2).default(0.9),
});

export default defineFigure({
  id: 'kernel-regime/linearised-training',
  title: 'A network, its linearisation and the infinite-width kernel solution during training',
  params: linearisedTrainingParams,
  seed: 2019,
  async render({ params: p, rng, progress, out }) {
    const { set, clock: c, grid, steps } = planRun(p, p.frames);
    const run = runCurves(network(p.width), set, grid, c.lr, steps, rng, true);
    progress(0.3, 'trained');

    let lo = Infinity, hi = -Infinity;
    for (const k of [run.real, run.linear, run.kernel]) for (const f of k) for (const v of f) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const pad = 0.06 * (hi - lo), yDomain: [number, number] = [lo - pad, hi + pad];
    const gapRL = run.real.map((f, k) => rmsGap(f, run.linear[k]));
    const gapLK = run.linear.map((f, k) => rmsGap(f, run.kernel[k]));

    const draw = (r: Rendition, i: number) => {
      const fig = r.figure({ aspect: r.layout === 'phone' ? p.phoneAspect : p.aspect });
      const ax = fig.axes({
        x: { domain: PLOT_RANGE, label: '$x$' },
        y: { domain: yDomain, label: '$f_t(x)$' },
        title: `Step $${steps[i]}$ of $${c.steps}$`,
        legend: 'lower right',
      });
      const pal = r.theme.palette;
      ax.line(grid, run.kernel[i], { color: pal[2], width: 5, alpha: 0.55, label: r.narrow ? 'Kernel, $m = \\infty$' : 'Kernel solution, $m = \\infty$' });
      ax.line(grid, run.real[i], { color: pal[0], label: r.narrow ? `Network` : `Network, $m = ${p.width}$` });
      ax.line(grid, run.linear[i], { color: pal[1], dash: [7, 5], label: 'Linearised' });
      ax.scatter(set.xs, set.ys, { color: r.theme.foreground, radius: r.narrow ? 4 : 5 });
      return fig;
    };

    const coarse = coarsen(p.samples);
    out.data('linearised-training', {
      width: p.width,
      lr: c.lr,
      steps,
      trainX: Array.from(set.xs),
      trainY: Array.from(set.ys, (v) => sig(v)),
      kernelEigenvalues: Array.from(c.eigenvalues, (v) => sig(v)),
      x: coarse(grid),
      real: run.real.map(coarse),
      linear: run.linear.map(coarse),
      kernel: run.kernel.map(coarse),
      finalAtData: {
        real: Array.from(run.finalAtData.real, (v) => sig(v)),
        linear: Array.from(run.finalAtData.linear, (v) => sig(v)),
        kernel: Array.from(run.finalAtData.kernel, (v) => sig(v)),
      },
      // RMS over the whole grid (161 points), per snapshot.
      gapRealLinear: gapRL.map((v) => sig(v)),
      gapLinearKernel: gapLK.map((v) => sig(v)),
    });

    await out.animated('linearised-training', {
      frames: steps.length,
      draw,
      delay: p.delayMs,
      poster: 'last',
    }, {
      alt:
        `Animation over ${c.steps} gradient-descent steps: eight black training points on a wavy target, and three curves ` +
        `that start from the same random function and bend towards the points together — a network of width ${p.width} (solid), ` +
        `its linearisation (dashed) and the infinite-width kernel solution (thick, translucent). They stay close throughout ` +
        `and end passing through all eight points.`,
      caption:
        `Gradient descent on $\\tfrac12\\lVert f(X) - Y\\rVert^2$ for ${set.xs.length} points of $\\sin(1.2x) + 0.3x$, ` +
        `step size $\\eta = ${c.lr.toFixed(3)}$, ${c.steps} steps (frames log-spaced in time). Solid: a one-hidden-layer ReLU network ` +
        `of width $m = ${p.width}$. Dashed: its linearisation $f_0 + \\nabla_w f_0 \\cdot (w - w_0)$ trained on the same data. ` +
        `Thick: $f_0(x) + \\Theta_\\infty(x, X)\\Theta_\\infty^{-1}(I - (I - \\eta\\Theta_\\infty)^n)(Y - f_0(X))$ with the ` +
        `exact infinite-width kernel. Largest RMS gap network–linearised over the run: ${Math.max(...gapRL).toFixed(3)}.`,
    });
    progress(1, 'done');
  },
});
