/**
 * Mark specifications: what an Axes can draw. Marks keep references to the
 * caller's arrays (no copies), and are drawn when the figure is rendered.
 * All x/y values are data coordinates.
 */
import type { ColormapName } from './colormap';

type Num = ArrayLike<number>;

export interface LineStyle {
  color?: string;
  /** CSS px. */
  width?: number;
  dash?: number[];
  alpha?: number;
  /** Legend entry (TeX-in-text). */
  label?: string;
}

export interface LineMark extends LineStyle { kind: 'line'; x: Num; y: Num }

/**
 * Many polylines sharing one x array: `ys` is row-major (count × x.length).
 * The fast path for hundreds of lines of hundreds of points.
 */
export interface LinesMark {
  kind: 'lines';
  x: Num;
  ys: Num;
  count: number;
  /** One colour, one per line, or a function of the line index. */
  color?: string | readonly string[] | ((i: number) => string);
  width?: number;
  alpha?: number;
  label?: string;
}

export interface ScatterMark {
  kind: 'scatter';
  x: Num;
  y: Num;
  color?: string | readonly string[] | ((i: number) => string);
  /** CSS px. */
  radius?: number;
  alpha?: number;
  /** Outline colour (none if omitted). */
  stroke?: string;
  label?: string;
}

export interface EllipseMark {
  kind: 'ellipse';
  cx: number;
  cy: number;
  /** Semi-axes in data units. */
  rx: number;
  ry: number;
  /** Rotation of the rx axis from the +x data axis, radians (counter-clockwise in data space). */
  angle?: number;
  stroke?: string;
  fill?: string;
  width?: number;
  alpha?: number;
  dash?: number[];
  label?: string;
}

export interface BandMark {
  kind: 'band';
  x: Num;
  lo: Num;
  hi: Num;
  color?: string;
  /** Fill opacity (default 0.25). */
  alpha?: number;
  label?: string;
}

export interface TextMark {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  /** 'data' (default) or 'axes' (0..1 fractions of the plot box, y up). */
  coords?: 'data' | 'axes';
  color?: string;
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  baseline?: 'top' | 'middle' | 'baseline' | 'bottom';
  /** Offset in CSS px after placement. */
  dx?: number;
  dy?: number;
  /** White halo behind the text for legibility over lines. */
  halo?: boolean;
}

export interface HeatmapMark {
  kind: 'heatmap';
  /** Row-major rows × cols; row 0 at the top of the extent. */
  values: Float64Array;
  rows: number;
  cols: number;
  colormap?: ColormapName;
  /** Fixed colour domain [low, high] (required: animations need a stable scale). */
  domain: [number, number];
  /** Data extent [x0, x1, yTop, yBottom]; default [0, cols, 0, rows] (matrix indices, y down). */
  extent?: [number, number, number, number];
  resample?: 'area' | 'nearest';
}

/**
 * Contour lines of a gridded field (marching squares, src/plot/contour.ts).
 * Node (r, c) of the row-major rows × cols `values` sits at (x[c], y[r]), so
 * a grid evenly spaced in log units on log axes draws as even cells.
 */
export interface ContourMark {
  kind: 'contour';
  /** Column coordinates (length cols). */
  x: Num;
  /** Row coordinates (length rows). */
  y: Num;
  values: ArrayLike<number>;
  levels: readonly number[];
  color?: string;
  width?: number;
  dash?: number[];
  alpha?: number;
  /** Legend entry for all the lines. */
  label?: string;
  /** Inline label of each level (TeX-in-text), drawn with a halo on the line's middle segment; none if omitted. */
  levelLabel?: (level: number) => string;
  /** Halo behind the inline labels (default the theme's): pick one that contrasts with `color`. */
  labelHalo?: string;
}

/**
 * Stems (a spectrum, or any values at discrete positions): a vertical line
 * from `base` (default: the bottom of the plot, which suits log y axes) to
 * each y, with a dot on top.
 */
export interface StemMark {
  kind: 'stem';
  x: Num;
  y: Num;
  base?: number;
  color?: string | readonly string[] | ((i: number) => string);
  /** Stem width in CSS px. */
  width?: number;
  /** Dot radius in CSS px (0: none). */
  radius?: number;
  label?: string;
}

export interface RuleMark extends LineStyle {
  kind: 'hline' | 'vline';
  value: number;
}

export type Mark = LineMark | LinesMark | ScatterMark | EllipseMark | BandMark | TextMark | HeatmapMark | ContourMark | StemMark | RuleMark;
