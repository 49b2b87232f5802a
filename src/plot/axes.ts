/**
 * One set of axes: scales, ticks, grid, title, legend, optional colourbar and
 * the marks drawn in its plot box. Retained: marks are collected first and the
 * whole axes is laid out and drawn by `draw`, so margins can fit the labels.
 */
import { createAxisScale, type AxisScale, type AxisType } from './axisScale';
import type { DrawContext } from './context';
import { drawColorbar } from './colorbar';
import { drawLabel, measure } from './drawLabel';
import { drawLegend, pointsUnderLegend } from './legend';
import type { BandMark, ContourMark, EllipseMark, StemMark, HeatmapMark, LineMark, LinesMark, Mark, RuleMark, ScatterMark, TextMark } from './marks';
import { drawMark } from './drawMark';
import type { Theme } from './theme';

export interface AxisOptions {
  domain: [number, number];
  type?: AxisType;
  /** Axis label (TeX-in-text). */
  label?: string;
  /** Explicit major tick values. */
  ticks?: number[];
  /** Approximate major tick count (default from the axis length). */
  tickCount?: number;
  /** Label for a tick value (TeX-in-text); default d3's format in math mode. */
  tickFormat?: (v: number) => string;
}

export type LegendPosition = 'upper right' | 'upper left' | 'lower right' | 'lower left';

export interface AxesOptions {
  x: AxisOptions;
  y: AxisOptions;
  title?: string;
  /** Grid lines at major ticks (default true). */
  grid?: boolean;
  /** Legend placement, or false for none (default 'upper right' when any mark has a label). */
  legend?: LegendPosition | false;
  /** Colourbar for the (last) heatmap in these axes. */
  colorbar?: { label?: string; ticks?: number[]; tickFormat?: (v: number) => string };
  /** 'equal': one data unit is the same length on both axes (heatmaps of matrices). */
  aspect?: 'auto' | 'equal';
  /** Hide ticks, tick labels and grid (e.g. a bare matrix picture). */
  bare?: boolean;
}

export interface Box { x: number; y: number; w: number; h: number }

/** Where the axes ended up, for tests and for overlaying extra drawing. */
export interface AxesLayout {
  plot: Box;
  /** Space between the box and the plot on the left and right (what tick labels take). */
  insets: Insets;
  x: AxisScale;
  y: AxisScale;
}

/**
 * Space between the axes' box and its plot box: y tick labels and the y label
 * (left), colourbars or the overhang of the last x tick label (right), the
 * title (top), x tick labels and the x label (bottom). An animation locks
 * these to their largest value over all frames so the plot box never moves,
 * whether tick labels change width or a title's math changes height.
 */
export interface Insets { left: number; right: number; top: number; bottom: number }

/** An axes laid out, its drawing split into layers (Axes.stage). */
export interface StagedAxes {
  layout: AxesLayout;
  under(ctx: DrawContext): void;
  marks(ctx: DrawContext): void;
  over(ctx: DrawContext, o: { legend: boolean }): void;
}

const MAX_PX = 1e5; // keep far-off points finite for the rasteriser

/** A fast data→pixel map (a·v + b, or a·log10 v + b) with clamping. */
function fastMap(s: AxisScale): (v: number) => number {
  const [d0, d1] = s.domain;
  const [r0, r1] = s.range;
  if (s.type === 'log') {
    const l0 = Math.log10(d0), a = (r1 - r0) / (Math.log10(d1) - l0), b = r0 - a * l0;
    return (v) => {
      const p = a * Math.log10(v) + b;
      return p > MAX_PX ? MAX_PX : p < -MAX_PX ? -MAX_PX : p;
    };
  }
  const a = (r1 - r0) / (d1 - d0), b = r0 - a * d0;
  return (v) => {
    const p = a * v + b;
    return p > MAX_PX ? MAX_PX : p < -MAX_PX ? -MAX_PX : p;
  };
}


export class Axes {
  readonly marks: Mark[] = [];
  /** Filled in by draw(). */
  layout: AxesLayout | null = null;
  private autoColor = 0;

  constructor(readonly options: AxesOptions, private readonly theme: Theme) {}

  private nextColor(): string {
    return this.theme.palette[this.autoColor++ % this.theme.palette.length];
  }

  line(x: ArrayLike<number>, y: ArrayLike<number>, style: Omit<LineMark, 'kind' | 'x' | 'y'> = {}): this {
    if (x.length !== y.length) throw new Error(`line: x has ${x.length} points, y has ${y.length}`);
    this.marks.push({ kind: 'line', x, y, ...style, color: style.color ?? this.nextColor() });
    return this;
  }
  lines(x: ArrayLike<number>, ys: ArrayLike<number>, count: number, style: Omit<LinesMark, 'kind' | 'x' | 'ys' | 'count'> = {}): this {
    if (ys.length !== count * x.length) throw new Error(`lines: ys has ${ys.length} values, expected ${count}×${x.length}`);
    this.marks.push({ kind: 'lines', x, ys, count, ...style });
    return this;
  }
  scatter(x: ArrayLike<number>, y: ArrayLike<number>, style: Omit<ScatterMark, 'kind' | 'x' | 'y'> = {}): this {
    if (x.length !== y.length) throw new Error(`scatter: x has ${x.length} points, y has ${y.length}`);
    this.marks.push({ kind: 'scatter', x, y, ...style, color: style.color ?? this.nextColor() });
    return this;
  }
  ellipse(e: Omit<EllipseMark, 'kind'>): this {
    this.marks.push({ kind: 'ellipse', ...e });
    return this;
  }
  band(x: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>, style: Omit<BandMark, 'kind' | 'x' | 'lo' | 'hi'> = {}): this {
    this.marks.push({ kind: 'band', x, lo, hi, ...style, color: style.color ?? this.theme.palette[this.autoColor % this.theme.palette.length] });
    return this;
  }
  text(x: number, y: number, text: string, style: Omit<TextMark, 'kind' | 'x' | 'y' | 'text'> = {}): this {
    this.marks.push({ kind: 'text', x, y, text, ...style });
    return this;
  }
  heatmap(h: Omit<HeatmapMark, 'kind'>): this {
    this.marks.push({ kind: 'heatmap', ...h });
    return this;
  }
  contour(c: Omit<ContourMark, 'kind'>): this {
    this.marks.push({ kind: 'contour', ...c });
    return this;
  }

  stem(x: ArrayLike<number>, y: ArrayLike<number>, style: Omit<StemMark, 'kind' | 'x' | 'y'> = {}): this {
    this.marks.push({ kind: 'stem', x, y, ...style, color: style.color ?? this.nextColor() });
    return this;
  }

  hline(value: number, style: Omit<RuleMark, 'kind' | 'value'> = {}): this {
    this.marks.push({ kind: 'hline', value, ...style });
    return this;
  }
  vline(value: number, style: Omit<RuleMark, 'kind' | 'value'> = {}): this {
    this.marks.push({ kind: 'vline', value, ...style });
    return this;
  }

  /**
   * Lay out inside `box` (CSS px) and draw everything. `pixelRatio` (device
   * px per CSS px) lets grid lines and tick marks snap to device pixels.
   */
  /**
   * Lay out and draw. `marks: false` lays out and draws the frame only: the
   * layout (and so the insets) never depends on the marks, and an animation
   * lays out every frame before drawing it (Figure.measureInsets).
   */
  draw(ctx: DrawContext, box: Box, pixelRatio = 1, locked?: Insets, { marks = true }: { marks?: boolean } = {}): AxesLayout {
    const staged = this.stage(box, pixelRatio, locked);
    staged.under(ctx);
    if (marks) staged.marks(ctx);
    staged.over(ctx, { legend: marks });
    return staged.layout;
  }

  /**
   * Lay out, and return the drawing in three layers: `under` (grid, tick and
   * axis labels, colorbar: nothing the marks can touch, since marks are
   * clipped to the plot box and all of these lie outside it or beneath),
   * `marks`, and `over` (the frame and tick marks, which straddle the plot
   * box's edge, the legend inside it, and the title, which lies outside but
   * is what an animation most often changes from frame to frame, e.g. a step
   * count). Drawn in that order they give the same picture as drawing each
   * part where matplotlib would; split, an animation can reuse the under
   * layer between frames (Figure.renderTo).
   */
  stage(box: Box, pixelRatio = 1, locked?: Insets): StagedAxes {
    const L = this.place(box, locked);
    const { plot, xScale, yScale } = L;
    // Grid lines and tick marks are snapped to device pixels (as matplotlib does): a
    // straight line between pixel rows is smeared into two faint ones, and with zooming
    // axes every frame would smear it differently (GIF differencing then redraws it).
    const snap = (v: number, width: number) => {
      const d = v * pixelRatio, w = Math.max(1, Math.round(width * pixelRatio));
      return (w % 2 ? Math.floor(d) + 0.5 : Math.round(d)) / pixelRatio;
    };
    const insets = { left: plot.x - box.x, right: box.x + box.w - (plot.x + plot.w), top: plot.y - box.y, bottom: box.y + box.h - (plot.y + plot.h) };
    this.layout = { plot, insets, x: xScale, y: yScale };
    return {
      layout: this.layout,
      under: (ctx) => {
        this.drawGrid(ctx, L, snap);
        this.drawLabels(ctx, L);
        if (L.cbScale && L.heat) {
          const cbBox = { ...box, w: plot.x + plot.w + L.right - box.x };
          drawColorbar(ctx, this.theme, L.heat, L.cbScale, plot.x + plot.w + CB_GAP, CB_WIDTH, L.cbLabM ? this.options.colorbar!.label! : null, cbBox);
        }
      },
      marks: (ctx) => this.drawMarks(ctx, L),
      over: (ctx, { legend }) => {
        this.drawFrame(ctx, L, snap);
        this.drawTitle(ctx, L);
        if (legend && this.options.legend !== false) drawLegend(ctx, this.theme, this.marks, plot, this.options.legend || 'upper right');
      },
    };
  }

  /** The scatter dots and stem heads the legend hides in the last draw (./legend.ts pointsUnderLegend). */
  pointsUnderLegend(): { x: number; y: number }[] {
    if (!this.layout || this.options.legend === false) return [];
    return pointsUnderLegend(this.theme, this.marks, this.layout, this.options.legend || 'upper right');
  }

  /**
   * Margins, scales and the plot box. Vertical margins do not depend on tick
   * values, so they come first; the y ticks then fix the left margin, a
   * colorbar the right one, and the x ticks may trim the right edge.
   */
  private place(box: Box, locked?: Insets): Placement {
    const T = this.theme, o = this.options, fs = T.fontSize;
    const bare = !!o.bare;
    const heat = [...this.marks].reverse().find((m): m is HeatmapMark => m.kind === 'heatmap');
    const titleM = o.title ? measure(o.title, fs.title) : null;
    const top = locked?.top ?? (titleM ? titleM.ascent + titleM.descent + 2 * T.pad : 2 * T.pad);
    const xTickM = measure(o.x.type === 'log' ? '$10^{0}$' : '$0$', fs.tick);
    const xTickH = bare ? 0 : T.tickLength + T.pad + xTickM.ascent + xTickM.descent;
    const xLabM = o.x.label ? measure(o.x.label, fs.label) : null;
    const bottom = locked?.bottom ?? xTickH + (xLabM ? xLabM.ascent + xLabM.descent + T.pad : 0) + T.pad;
    let ph = box.h - top - bottom;
    const y0 = box.y + top;
    let yScale = createAxisScale({ ...o.y, range: [y0 + ph, y0], tickCount: o.y.tickCount ?? Math.max(2, Math.round(ph / 60)) });

    const yTickW = bare ? 0 : Math.max(0, ...yScale.ticks.filter((t) => t.label).map((t) => measure(t.label, fs.tick).width));
    const yLabM = o.y.label ? measure(o.y.label, fs.label) : null;
    const left = locked?.left ?? T.pad + (yLabM ? yLabM.ascent + yLabM.descent + T.pad : 0) + (bare ? 0 : yTickW + T.pad + T.tickLength);

    let cbScale: AxisScale | null = null;
    let right = T.pad;
    let cbLabM: { width: number; ascent: number; descent: number } | null = null;
    if (o.colorbar && heat) {
      cbScale = createAxisScale({ domain: heat.domain, range: [y0 + ph, y0], ticks: o.colorbar.ticks, tickFormat: o.colorbar.tickFormat, tickCount: Math.max(2, Math.round(ph / 60)) });
      const cbTickW = Math.max(0, ...cbScale.ticks.map((t) => measure(t.label, fs.tick).width));
      cbLabM = o.colorbar.label ? measure(o.colorbar.label, fs.label) : null;
      right = CB_GAP + CB_WIDTH + T.tickLength + T.pad + cbTickW + (cbLabM ? T.pad + cbLabM.ascent + cbLabM.descent : 0) + T.pad;
    }
    if (locked) right = Math.max(right, locked.right);
    let pw = box.w - left - right;
    let x0 = box.x + left;
    let py0 = y0;
    if (o.aspect === 'equal') {
      const dx = Math.abs(o.x.domain[1] - o.x.domain[0]), dy = Math.abs(o.y.domain[1] - o.y.domain[0]);
      const k = Math.min(pw / dx, ph / dy);
      const nw = k * dx, nh = k * dy;
      x0 += (pw - nw) / 2;
      py0 += (ph - nh) / 2;
      pw = nw;
      ph = nh;
      yScale = createAxisScale({ ...o.y, range: [py0 + ph, py0], tickCount: o.y.tickCount ?? Math.max(2, Math.round(ph / 60)) });
      if (cbScale) cbScale = createAxisScale({ domain: cbScale.domain, range: [py0 + ph, py0], ticks: o.colorbar?.ticks, tickFormat: o.colorbar?.tickFormat, tickCount: Math.max(2, Math.round(ph / 60)) });
    }
    if (pw < 10 || ph < 10) throw new Error(`axes: no room for the plot (${pw.toFixed(0)}×${ph.toFixed(0)} px)`);
    let xScale = createAxisScale({ ...o.x, range: [x0, x0 + pw], tickCount: o.x.tickCount ?? Math.max(2, Math.round(pw / 90)) });
    if (!bare && !cbScale && o.aspect !== 'equal' && !locked) {
      // Let the last tick label hang over the frame by at most the right margin.
      const last = [...xScale.ticks].reverse().find((t) => t.label);
      const overhang = last ? last.pos + measure(last.label, fs.tick).width / 2 + T.pad - (box.x + box.w) : 0;
      if (overhang > 0) {
        pw -= overhang;
        xScale = createAxisScale({ ...o.x, range: [x0, x0 + pw], tickCount: o.x.tickCount ?? Math.max(2, Math.round(pw / 90)) });
      }
    }
    const plot: Box = { x: x0, y: py0, w: pw, h: ph };
    return { plot, xScale, yScale, cbScale, cbLabM, heat, top, bottom, left, right };
  }

  /** Grid lines at the major ticks, under the marks. */
  private drawGrid(ctx: DrawContext, { plot, xScale, yScale }: Placement, snap: Snap): void {
    const T = this.theme;
    if (this.options.grid === false || this.options.bare) return;
    ctx.save();
    ctx.strokeStyle = T.grid;
    ctx.lineWidth = T.gridWidth;
    ctx.beginPath();
    for (const t of xScale.ticks) if (t.major) { const x = snap(t.pos, T.gridWidth); ctx.moveTo(x, plot.y); ctx.lineTo(x, plot.y + plot.h); }
    for (const t of yScale.ticks) if (t.major) { const y = snap(t.pos, T.gridWidth); ctx.moveTo(plot.x, y); ctx.lineTo(plot.x + plot.w, y); }
    ctx.stroke();
    ctx.restore();
  }

  /** Marks, clipped to the plot box. */
  private drawMarks(ctx: DrawContext, { plot, xScale, yScale }: Placement): void {
    const X = fastMap(xScale), Y = fastMap(yScale);
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.x, plot.y, plot.w, plot.h);
    ctx.clip();
    for (const m of this.marks) drawMark(ctx, this.theme, m, X, Y, plot);
    ctx.restore();
  }

  /** The frame around the plot box and the tick marks on it. */
  private drawFrame(ctx: DrawContext, { plot, xScale, yScale }: Placement, snap: Snap): void {
    const T = this.theme;
    ctx.save();
    ctx.strokeStyle = T.foreground;
    ctx.lineWidth = T.frameWidth;
    ctx.beginPath();
    ctx.rect(plot.x, plot.y, plot.w, plot.h);
    ctx.stroke();
    if (!this.options.bare) {
      ctx.beginPath();
      for (const t of xScale.ticks) {
        const len = t.major ? T.tickLength : T.minorTickLength;
        const x = snap(t.pos, T.frameWidth);
        ctx.moveTo(x, plot.y + plot.h);
        ctx.lineTo(x, plot.y + plot.h + len);
      }
      for (const t of yScale.ticks) {
        const len = t.major ? T.tickLength : T.minorTickLength;
        const y = snap(t.pos, T.frameWidth);
        ctx.moveTo(plot.x, y);
        ctx.lineTo(plot.x - len, y);
      }
      ctx.stroke();
    }
    ctx.restore();
  }

  /** Tick labels and axis labels, all outside the plot box. */
  private drawLabels(ctx: DrawContext, { plot, xScale, yScale, bottom, left }: Placement): void {
    const T = this.theme, o = this.options, fs = T.fontSize;
    if (!o.bare) {
      for (const t of xScale.ticks) {
        if (t.label) drawLabel(ctx, t.label, t.pos, plot.y + plot.h + T.tickLength + T.pad, { size: fs.tick, color: T.muted, anchor: 'middle', baseline: 'top' });
      }
      for (const t of yScale.ticks) {
        if (t.label) drawLabel(ctx, t.label, plot.x - T.tickLength - T.pad, t.pos, { size: fs.tick, color: T.muted, anchor: 'end', baseline: 'middle' });
      }
    }
    // Labels and title keep their distance from the plot, not from the box: with
    // aspect 'equal' the plot is centred in a smaller area and would leave gaps.
    if (o.x.label) {
      drawLabel(ctx, o.x.label, plot.x + plot.w / 2, plot.y + plot.h + bottom - T.pad, { size: fs.label, color: T.foreground, anchor: 'middle', baseline: 'bottom' });
    }
    if (o.y.label) {
      drawLabel(ctx, o.y.label, plot.x - left + T.pad, plot.y + plot.h / 2, { size: fs.label, color: T.foreground, anchor: 'middle', baseline: 'top', rotation: -Math.PI / 2 });
    }
  }

  /** The title above the plot box. */
  private drawTitle(ctx: DrawContext, { plot, top }: Placement): void {
    const T = this.theme;
    if (this.options.title) {
      drawLabel(ctx, this.options.title, plot.x + plot.w / 2, plot.y - top + T.pad, { size: T.fontSize.title, color: T.foreground, anchor: 'middle', baseline: 'top' });
    }
  }
}

/** Colorbar width and its gap to the plot (CSS px). */
const CB_WIDTH = 16, CB_GAP = 14;

type Snap = (v: number, width: number) => number;

/** Where an axes' parts go in its box (Axes.place). */
interface Placement {
  plot: Box;
  xScale: AxisScale;
  yScale: AxisScale;
  cbScale: AxisScale | null;
  cbLabM: { width: number; ascent: number; descent: number } | null;
  heat: HeatmapMark | undefined;
  /** Margins (CSS px) around the plot box within the axes' box. */
  top: number;
  bottom: number;
  left: number;
  right: number;
}
