/**
 * Drawing for the width sweep (./weight-matrices.figure.ts), per rendition:
 * one frame of a weight-matrix heatmap, and the two line charts (loss and
 * relative weight change against step, one line per width).
 */
import type { Rendition } from '../../src/pipeline/contract';
import type { Figure } from '../../src/plot';

export interface MatrixFrame { m: number; step: number; values: Float64Array; colorDomain: [number, number] }

export function matrixFrame(f: MatrixFrame, aspect: number, r: Rendition): Figure {
  const fig = r.figure({ aspect });
  const xLabel = r.narrow ? 'Unit $j$, layer 2' : 'Unit $j$ of hidden layer 2';
  const ax = fig.axes({
    x: { domain: [0, f.m], label: xLabel },
    y: { domain: [f.m, 0], label: r.narrow ? 'Unit $k$, layer 1' : 'Unit $k$ of hidden layer 1' },
    title: `Width $m = ${f.m}$, step $${f.step}$`,
    aspect: 'equal',
    grid: false,
    colorbar: { label: '$W_{kj}$' },
  });
  // 'nearest': each pixel shows one actual weight (for m = 1000 a subsample of
  // the 10⁶ weights, as matplotlib's imshow does). Area averaging would show
  // local means, whose spread is several times smaller, and the picture of a
  // frozen matrix would be a flat colour.
  ax.heatmap({ values: f.values, rows: f.m, cols: f.m, domain: f.colorDomain, colormap: 'viridis', resample: 'nearest' });
  return fig;
}

export interface ChartLine { width: number; steps: Float64Array; values: Float64Array }

export interface ChartSpec {
  title: string;
  yLabel: string;
  /** Short y label for narrow drawings. */
  yLabelShort: string;
  yDomain: [number, number];
  maxSteps: number;
  lines: ChartLine[];
  legend: 'upper right' | 'lower left' | 'lower right' | 'upper left';
}

export function lineChart(c: ChartSpec, aspect: { desktop: number; phone: number }, r: Rendition): Figure {
  const fig = r.figure({ aspect: r.layout === 'phone' ? aspect.phone : aspect.desktop });
  const ax = fig.axes({
    x: { domain: [0, c.maxSteps], label: 'Step $n$' },
    y: { domain: c.yDomain, type: 'log', label: r.narrow ? c.yLabelShort : c.yLabel },
    title: c.title,
    legend: c.legend,
  });
  const pal = r.theme.palette;
  c.lines.forEach((l, i) => ax.line(l.steps, l.values, { color: pal[i % pal.length], label: r.narrow ? `$m = ${l.width}$` : `Width $m = ${l.width}$` }));
  return fig;
}
