/**
 * `init-functions`: 100 randomly initialised ReLU networks drawn as functions
 * of x. At this width the ensemble already looks like samples of a Gaussian
 * process: centred on 0, with a spread whose exact variance is
 * `reluInitVariance` (see ./network-ensemble.ts). The networks are the ones
 * `training-100-nets` trains (same seed, same draws).
 */
import { z } from 'zod';
import { defineFigure, type Rendition } from '../../src/pipeline/contract';
import { linspace } from '../../src/numerics';
import { symmetricRange } from '../shared/symmetricRange';
import { ENSEMBLE_SEED, columnMeanStd, createEnsemble, evaluateAll, reluInitVariance, roundSig } from './network-ensemble';

const range = z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, 'range must be increasing');

export const initFunctionsParams = z.object({
  networks: z.number().int().min(2).max(1000).default(100),
  depth: z.number().int().min(1).max(4).default(2),
  width: z.number().int().positive().max(2000).default(100),
  xRange: range.default([-4, 4]),
  /**
   * y range; by default symmetric and just wide enough that no curve leaves
   * the frame (with LeCun weights N(0, 1/fan_in) the spread at x = ±4 is about
   * ±2 sd, so a few of 100 curves reach ±6 and beyond).
   */
  yRange: range.optional(),
  /** Grid points per curve. */
  samples: z.number().int().min(10).max(5000).default(321),
  /** Spacing of the x values whose per-network outputs go into the data file. */
  dataStep: z.number().positive().default(0.5),
  /** Height ÷ width of the desktop drawing; phones get a taller one (`phoneAspect`) so the fan keeps its shape. */
  aspect: z.number().min(0.3).max(2).default(0.76),
  phoneAspect: z.number().min(0.3).max(2).default(0.95),
});

export type InitFunctionsParams = z.output<typeof initFunctionsParams>;

export default defineFigure({
  id: 'ntk/init-functions',
  title: '100 randomly initialised networks as functions of x',
  params: initFunctionsParams,
  seed: ENSEMBLE_SEED,
  async render({ params: p, rng, progress, out }) {
    const { net, params } = createEnsemble(rng, p.networks, p.depth, p.width);
    const xs = linspace(p.xRange[0], p.xRange[1], p.samples);
    const curves = evaluateAll(net, params, xs);
    progress(0.4, 'networks evaluated');

    const yRange = p.yRange ?? symmetricRange(curves);
    const draw = (r: Rendition) => {
      const fig = r.figure({ aspect: r.layout === 'phone' ? p.phoneAspect : p.aspect });
      const ax = fig.axes({
        x: { domain: p.xRange, label: '$x$' },
        y: { domain: yRange, label: '$f(x, \\boldsymbol w_0)$' },
      });
      const pal = r.theme.palette;
      ax.lines(xs, curves, p.networks, { color: (i: number) => pal[i % pal.length], width: r.narrow ? 1.1 : 1.3 });
      return fig;
    };

    // Data: every network at a coarse set of x (the claim's evidence), and the
    // ensemble mean and sd there next to the exact variance.
    const nData = Math.floor((p.xRange[1] - p.xRange[0]) / p.dataStep + 1e-9) + 1;
    const xd = Float64Array.from({ length: nData }, (_, i) => p.xRange[0] + i * p.dataStep);
    const vd = evaluateAll(net, params, xd);
    const { mean, std } = columnMeanStd(vd, p.networks, nData);
    const rows = Array.from({ length: p.networks }, (_, k) => Array.from(vd.subarray(k * nData, (k + 1) * nData), (v) => roundSig(v)));
    out.data('init-functions', {
      networks: p.networks,
      depth: p.depth,
      width: p.width,
      init: 'weights N(0, 1/fan_in), biases U(±1/sqrt(fan_in))',
      x: Array.from(xd),
      mean: Array.from(mean, (v) => roundSig(v)),
      std: Array.from(std, (v) => roundSig(v)),
      exactVariance: Array.from(xd, (x) => roundSig(reluInitVariance(x, p.depth, p.width))),
      values: rows,
    });

    const sd0 = Math.sqrt(reluInitVariance(0, p.depth, p.width));
    const sdEnd = Math.sqrt(reluInitVariance(p.xRange[1], p.depth, p.width));
    await out.still('init-functions', { draw }, {
      alt:
        `${p.networks} thin coloured curves, the functions f(x) of ${p.networks} randomly initialised ReLU networks ` +
        `for x from ${p.xRange[0]} to ${p.xRange[1]}. They are nearly straight, bend a little near the middle, ` +
        `cross around zero and fan out towards both ends.`,
      caption:
        `${p.networks} networks with ${p.depth} hidden layers of width $m = ${p.width}$ at initialisation ` +
        `(weights $\\sim \\mathcal N(0, 1/\\text{fan-in})$, biases uniform in $\\pm 1/\\sqrt{\\text{fan-in}}$), ` +
        `plotted for $x \\in [${p.xRange[0]}, ${p.xRange[1]}]$. Each is a different random function; together they ` +
        `look like draws from a Gaussian process with mean 0 and standard deviation ${sd0.toFixed(2)} at $x = 0$, ` +
        `growing to ${sdEnd.toFixed(2)} at $x = ${p.xRange[1]}$.`,
    });
    progress(1, 'done');
  },
});
