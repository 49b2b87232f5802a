/**
 * One set of axes: scales, ticks, grid, title, legend, optional colourbar and
 * the marks drawn in its plot box. Retained: marks are collected first and the
 * whole axes is laid out and drawn by `draw`, so margins can fit the labels.
 */
import { line as d3line, curveLinearClosed } from 'd3-shape';
import { createAxisScale, type AxisScale, type AxisType } from './axisScale';
import type { DrawContext } from './context';
import { drawLabel, measure } from './drawLabel';
import type { BandMark, EllipseMark, HeatmapMark, LineMark, LinesMark, Mark, RuleMark, ScatterMark, TextMark } from './marks';
import { rasteriseHeatmap } from './resample';
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
  x: AxisScale;
  y: AxisScale;
}

const MAX_PX = 1e5; // keep far-off points finite for the rasteriser

const indexCache = new Map<number, Uint32Array>();
function indices(n: number): Uint32Array {
  let a = indexCache.get(n);
  if (!a) {
    a = new Uint32Array(n);
    for (let i = 0; i < n; i++) a[i] = i;
    indexCache.set(n, a);
  }
  return a;
}

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

/** d3-shape types its context as a DOM canvas but only calls path methods, which DrawContext has. */
const asCanvas = (ctx: DrawContext) => ctx as unknown as CanvasRenderingContext2D;

const colorAt = (c: string | readonly string[] | ((i: number) => string) | undefined, i: number, fallback: string) =>
  c === undefined ? fallback : typeof c === 'string' ? c : typeof c === 'function' ? c(i) : c[i % c.length];

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
  draw(ctx: DrawContext, box: Box, pixelRatio = 1): AxesLayout {
    const T = this.theme, o = this.options, fs = T.fontSize;
    const bare = !!o.bare;
    const heat = [...this.marks].reverse().find((m): m is HeatmapMark => m.kind === 'heatmap');

    // Vertical margins do not depend on tick values: do them first.
    const titleM = o.title ? measure(o.title, fs.title) : null;
    const top = titleM ? titleM.ascent + titleM.descent + 2 * T.pad : 2 * T.pad;
    const xTickM = measure(o.x.type === 'log' ? '$10^{0}$' : '$0$', fs.tick);
    const xTickH = bare ? 0 : T.tickLength + T.pad + xTickM.ascent + xTickM.descent;
    const xLabM = o.x.label ? measure(o.x.label, fs.label) : null;
    const bottom = xTickH + (xLabM ? xLabM.ascent + xLabM.descent + T.pad : 0) + T.pad;
    let ph = box.h - top - bottom;
    const y0 = box.y + top;
    let yScale = createAxisScale({ ...o.y, range: [y0 + ph, y0], tickCount: o.y.tickCount ?? Math.max(2, Math.round(ph / 60)) });

    const yTickW = bare ? 0 : Math.max(0, ...yScale.ticks.filter((t) => t.label).map((t) => measure(t.label, fs.tick).width));
    const yLabM = o.y.label ? measure(o.y.label, fs.label) : null;
    const left = T.pad + (yLabM ? yLabM.ascent + yLabM.descent + T.pad : 0) + (bare ? 0 : yTickW + T.pad + T.tickLength);

    let cbScale: AxisScale | null = null;
    let right = T.pad;
    let cbLabM: { width: number; ascent: number; descent: number } | null = null;
    const cbW = 16, cbGap = 14;
    if (o.colorbar && heat) {
      cbScale = createAxisScale({ domain: heat.domain, range: [y0 + ph, y0], ticks: o.colorbar.ticks, tickFormat: o.colorbar.tickFormat, tickCount: Math.max(2, Math.round(ph / 60)) });
      const cbTickW = Math.max(0, ...cbScale.ticks.map((t) => measure(t.label, fs.tick).width));
      cbLabM = o.colorbar.label ? measure(o.colorbar.label, fs.label) : null;
      right = cbGap + cbW + T.tickLength + T.pad + cbTickW + (cbLabM ? T.pad + cbLabM.ascent + cbLabM.descent : 0) + T.pad;
    }
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
    if (!bare && !cbScale && o.aspect !== 'equal') {
      // Let the last tick label hang over the frame by at most the right margin.
      const last = [...xScale.ticks].reverse().find((t) => t.label);
      const overhang = last ? last.pos + measure(last.label, fs.tick).width / 2 + T.pad - (box.x + box.w) : 0;
      if (overhang > 0) {
        pw -= overhang;
        xScale = createAxisScale({ ...o.x, range: [x0, x0 + pw], tickCount: o.x.tickCount ?? Math.max(2, Math.round(pw / 90)) });
      }
    }
    const plot: Box = { x: x0, y: py0, w: pw, h: ph };
    const X = fastMap(xScale), Y = fastMap(yScale);

    // Grid lines and tick marks are snapped to device pixels (as matplotlib does): a
    // straight line between pixel rows is smeared into two faint ones, and with zooming
    // axes every frame would smear it differently (GIF differencing then redraws it).
    const snap = (v: number, width: number) => {
      const d = v * pixelRatio, w = Math.max(1, Math.round(width * pixelRatio));
      return (w % 2 ? Math.floor(d) + 0.5 : Math.round(d)) / pixelRatio;
    };
    // Grid (under the marks).
    if (o.grid !== false && !bare) {
      ctx.save();
      ctx.strokeStyle = T.grid;
      ctx.lineWidth = T.gridWidth;
      ctx.beginPath();
      for (const t of xScale.ticks) if (t.major) { const x = snap(t.pos, T.gridWidth); ctx.moveTo(x, plot.y); ctx.lineTo(x, plot.y + plot.h); }
      for (const t of yScale.ticks) if (t.major) { const y = snap(t.pos, T.gridWidth); ctx.moveTo(plot.x, y); ctx.lineTo(plot.x + plot.w, y); }
      ctx.stroke();
      ctx.restore();
    }

    // Marks, clipped to the plot box.
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.x, plot.y, plot.w, plot.h);
    ctx.clip();
    for (const m of this.marks) this.drawMark(ctx, m, X, Y, plot);
    ctx.restore();

    // Frame, ticks, labels.
    ctx.save();
    ctx.strokeStyle = T.foreground;
    ctx.lineWidth = T.frameWidth;
    ctx.beginPath();
    ctx.rect(plot.x, plot.y, plot.w, plot.h);
    ctx.stroke();
    if (!bare) {
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
      for (const t of xScale.ticks) {
        if (t.label) drawLabel(ctx, t.label, t.pos, plot.y + plot.h + T.tickLength + T.pad, { size: fs.tick, color: T.muted, anchor: 'middle', baseline: 'top' });
      }
      for (const t of yScale.ticks) {
        if (t.label) drawLabel(ctx, t.label, plot.x - T.tickLength - T.pad, t.pos, { size: fs.tick, color: T.muted, anchor: 'end', baseline: 'middle' });
      }
    }
    if (o.x.label) {
      drawLabel(ctx, o.x.label, plot.x + plot.w / 2, box.y + box.h - T.pad, { size: fs.label, color: T.foreground, anchor: 'middle', baseline: 'bottom' });
    }
    if (o.y.label) {
      drawLabel(ctx, o.y.label, box.x + T.pad, plot.y + plot.h / 2, { size: fs.label, color: T.foreground, anchor: 'middle', baseline: 'top', rotation: -Math.PI / 2 });
    }
    if (o.title) {
      drawLabel(ctx, o.title, plot.x + plot.w / 2, box.y + T.pad, { size: fs.title, color: T.foreground, anchor: 'middle', baseline: 'top' });
    }
    ctx.restore();

    if (cbScale && heat) this.drawColorbar(ctx, heat, cbScale, plot.x + plot.w + cbGap, cbW, cbLabM ? o.colorbar!.label! : null, box);
    if (o.legend !== false) this.drawLegend(ctx, plot, o.legend || 'upper right');

    this.layout = { plot, x: xScale, y: yScale };
    return this.layout;
  }

  private drawMark(ctx: DrawContext, m: Mark, X: (v: number) => number, Y: (v: number) => number, plot: Box): void {
    const T = this.theme;
    switch (m.kind) {
      case 'line': {
        const { x, y } = m;
        ctx.save();
        ctx.strokeStyle = m.color ?? T.palette[0];
        ctx.lineWidth = m.width ?? T.lineWidth;
        ctx.lineJoin = 'round';
        ctx.lineCap = 'round';
        ctx.globalAlpha = m.alpha ?? 1;
        ctx.setLineDash(m.dash ?? []);
        ctx.beginPath();
        d3line<number>().x((i) => X(x[i])).y((i) => Y(y[i])).defined((i) => Number.isFinite(x[i]) && Number.isFinite(y[i])).context(asCanvas(ctx))(indices(x.length) as unknown as number[]);
        ctx.stroke();
        ctx.restore();
        return;
      }
      case 'lines': {
        const { x, ys, count } = m;
        const n = x.length;
        // Pixel x is shared by all lines: map it once.
        const px = new Float64Array(n);
        for (let i = 0; i < n; i++) px[i] = X(x[i]);
        let off = 0;
        const gen = d3line<number>().x((i) => px[i]).y((i) => Y(ys[off + i])).defined((i) => Number.isFinite(ys[off + i])).context(asCanvas(ctx));
        const idx = indices(n) as unknown as number[];
        ctx.save();
        ctx.lineWidth = m.width ?? 1;
        ctx.lineJoin = 'round';
        ctx.globalAlpha = m.alpha ?? 1;
        ctx.setLineDash([]);
        const single = typeof m.color === 'string' || m.color === undefined;
        if (single) {
          // One colour: one path, one stroke (much faster than a stroke per line).
          ctx.strokeStyle = (m.color as string | undefined) ?? T.palette[0];
          ctx.beginPath();
          for (let k = 0; k < count; k++) { off = k * n; gen(idx); }
          ctx.stroke();
        } else {
          for (let k = 0; k < count; k++) {
            off = k * n;
            ctx.strokeStyle = colorAt(m.color, k, T.palette[0]);
            ctx.beginPath();
            gen(idx);
            ctx.stroke();
          }
        }
        ctx.restore();
        return;
      }
      case 'scatter': {
        const r = m.radius ?? T.markerRadius;
        ctx.save();
        ctx.globalAlpha = m.alpha ?? 1;
        const single = typeof m.color === 'string' || m.color === undefined;
        if (single) {
          ctx.fillStyle = (m.color as string | undefined) ?? T.palette[0];
          ctx.beginPath();
          for (let i = 0; i < m.x.length; i++) {
            const a = X(m.x[i]), b = Y(m.y[i]);
            if (!Number.isFinite(a + b)) continue;
            ctx.moveTo(a + r, b);
            ctx.arc(a, b, r, 0, 2 * Math.PI);
          }
          ctx.fill();
          if (m.stroke) { ctx.strokeStyle = m.stroke; ctx.lineWidth = 1; ctx.stroke(); }
        } else {
          for (let i = 0; i < m.x.length; i++) {
            const a = X(m.x[i]), b = Y(m.y[i]);
            if (!Number.isFinite(a + b)) continue;
            ctx.fillStyle = colorAt(m.color, i, T.palette[0]);
            ctx.beginPath();
            ctx.arc(a, b, r, 0, 2 * Math.PI);
            ctx.fill();
            if (m.stroke) { ctx.strokeStyle = m.stroke; ctx.lineWidth = 1; ctx.stroke(); }
          }
        }
        ctx.restore();
        return;
      }
      case 'ellipse': {
        // Sampled in data space then mapped, so it stays right under unequal axis scales.
        const N = 120, c = Math.cos(m.angle ?? 0), s = Math.sin(m.angle ?? 0);
        ctx.save();
        ctx.globalAlpha = m.alpha ?? 1;
        ctx.beginPath();
        for (let i = 0; i < N; i++) {
          const t = (2 * Math.PI * i) / N, u = m.rx * Math.cos(t), v = m.ry * Math.sin(t);
          const a = X(m.cx + c * u - s * v), b = Y(m.cy + s * u + c * v);
          if (i === 0) ctx.moveTo(a, b); else ctx.lineTo(a, b);
        }
        ctx.closePath();
        if (m.fill) { ctx.fillStyle = m.fill; ctx.fill(); }
        if (m.stroke || !m.fill) {
          ctx.strokeStyle = m.stroke ?? T.palette[0];
          ctx.lineWidth = m.width ?? T.lineWidth;
          ctx.setLineDash(m.dash ?? []);
          ctx.stroke();
        }
        ctx.restore();
        return;
      }
      case 'band': {
        const n = m.x.length;
        ctx.save();
        ctx.fillStyle = m.color ?? T.palette[0];
        ctx.globalAlpha = m.alpha ?? 0.25;
        ctx.beginPath();
        for (let i = 0; i < n; i++) { const a = X(m.x[i]), b = Y(m.hi[i]); if (i === 0) ctx.moveTo(a, b); else ctx.lineTo(a, b); }
        for (let i = n - 1; i >= 0; i--) ctx.lineTo(X(m.x[i]), Y(m.lo[i]));
        ctx.closePath();
        ctx.fill();
        ctx.restore();
        return;
      }
      case 'text': {
        const px = m.coords === 'axes' ? plot.x + m.x * plot.w : X(m.x);
        const py = m.coords === 'axes' ? plot.y + (1 - m.y) * plot.h : Y(m.y);
        drawLabel(ctx, m.text, px + (m.dx ?? 0), py + (m.dy ?? 0), {
          size: m.size ?? T.fontSize.annotation, color: m.color ?? T.foreground, anchor: m.anchor ?? 'start', baseline: m.baseline ?? 'baseline',
          halo: m.halo ? 'rgba(255,255,255,0.85)' : undefined,
        });
        return;
      }
      case 'heatmap': {
        const [ex0, ex1, eyT, eyB] = m.extent ?? [0, m.cols, 0, m.rows];
        const a = X(ex0), b = X(ex1), c = Y(eyT), d = Y(eyB);
        const bx = Math.min(a, b), by = Math.min(c, d), bw = Math.abs(b - a), bh = Math.abs(d - c);
        const pr = ctx.pixelRatio;
        const img = rasteriseHeatmap({
          values: m.values, rows: m.rows, cols: m.cols, colormap: m.colormap ?? 'viridis', domain: m.domain, resample: m.resample,
          width: Math.max(1, Math.round(bw * pr)), height: Math.max(1, Math.round(bh * pr)),
        });
        ctx.drawImage(img, bx, by, bw, bh);
        return;
      }
      case 'hline':
      case 'vline': {
        ctx.save();
        ctx.strokeStyle = m.color ?? T.foreground;
        ctx.lineWidth = m.width ?? 1;
        ctx.globalAlpha = m.alpha ?? 1;
        ctx.setLineDash(m.dash ?? []);
        ctx.beginPath();
        if (m.kind === 'hline') { ctx.moveTo(plot.x, Y(m.value)); ctx.lineTo(plot.x + plot.w, Y(m.value)); }
        else { ctx.moveTo(X(m.value), plot.y); ctx.lineTo(X(m.value), plot.y + plot.h); }
        ctx.stroke();
        ctx.restore();
        return;
      }
    }
  }

  private drawLegend(ctx: DrawContext, plot: Box, pos: LegendPosition): void {
    const T = this.theme, size = T.fontSize.legend;
    const entries = this.marks.filter((m) => m.kind !== 'text' && m.kind !== 'heatmap' && (m as { label?: string }).label) as Exclude<Mark, TextMark | HeatmapMark>[];
    if (!entries.length) return;
    const sampleW = 30, rowH = size * 1.55, pad = 8;
    const labelW = Math.max(...entries.map((e) => measure(e.label!, size).width));
    const w = pad + sampleW + pad + labelW + pad, h = pad + rowH * entries.length + pad - (rowH - size * 1.1);
    const lx = pos.endsWith('right') ? plot.x + plot.w - w - 8 : plot.x + 8;
    const ly = pos.startsWith('upper') ? plot.y + 8 : plot.y + plot.h - h - 8;
    ctx.save();
    ctx.fillStyle = T.legendBackground;
    ctx.strokeStyle = T.legendBorder;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.rect(lx, ly, w, h);
    ctx.fill();
    ctx.stroke();
    entries.forEach((e, i) => {
      const cy = ly + pad + rowH * i + size * 0.55;
      const sx = lx + pad;
      ctx.save();
      ctx.setLineDash([]);
      if (e.kind === 'scatter') {
        ctx.fillStyle = colorAt(e.color, 0, T.palette[0]);
        ctx.beginPath();
        ctx.arc(sx + sampleW / 2, cy, e.radius ?? T.markerRadius, 0, 2 * Math.PI);
        ctx.fill();
      } else if (e.kind === 'band') {
        ctx.fillStyle = e.color ?? T.palette[0];
        ctx.globalAlpha = e.alpha ?? 0.25;
        ctx.beginPath();
        ctx.rect(sx, cy - size * 0.4, sampleW, size * 0.8);
        ctx.fill();
      } else if (e.kind === 'ellipse') {
        ctx.strokeStyle = e.stroke ?? e.fill ?? T.palette[0];
        ctx.lineWidth = e.width ?? T.lineWidth;
        ctx.beginPath();
        ctx.ellipse(sx + sampleW / 2, cy, sampleW / 2 - 2, size * 0.35, 0, 0, 2 * Math.PI);
        ctx.stroke();
      } else {
        ctx.strokeStyle = e.kind === 'lines' ? colorAt(e.color, 0, T.palette[0]) : (e.color ?? T.foreground);
        ctx.lineWidth = e.width ?? T.lineWidth;
        if (e.kind !== 'lines') ctx.setLineDash(e.dash ?? []);
        ctx.beginPath();
        ctx.moveTo(sx, cy);
        ctx.lineTo(sx + sampleW, cy);
        ctx.stroke();
      }
      ctx.restore();
      drawLabel(ctx, e.label!, sx + sampleW + pad, cy, { size, color: T.foreground, anchor: 'start', baseline: 'middle' });
    });
    ctx.restore();
  }

  private drawColorbar(ctx: DrawContext, heat: HeatmapMark, s: AxisScale, x: number, w: number, label: string | null, box: Box): void {
    const T = this.theme, pr = ctx.pixelRatio;
    const top = Math.min(...s.range), h = Math.abs(s.range[1] - s.range[0]);
    const H = Math.max(1, Math.round(h * pr));
    const values = new Float64Array(H);
    const [lo, hi] = heat.domain;
    for (let i = 0; i < H; i++) values[i] = hi - ((i + 0.5) / H) * (hi - lo);
    const img = rasteriseHeatmap({ values, rows: H, cols: 1, width: Math.max(1, Math.round(w * pr)), height: H, colormap: heat.colormap ?? 'viridis', domain: heat.domain, resample: 'nearest' });
    ctx.drawImage(img, x, top, w, h);
    ctx.save();
    ctx.strokeStyle = T.foreground;
    ctx.lineWidth = T.frameWidth;
    ctx.beginPath();
    ctx.rect(x, top, w, h);
    for (const t of s.ticks) { ctx.moveTo(x + w, t.pos); ctx.lineTo(x + w + T.tickLength, t.pos); }
    ctx.stroke();
    ctx.restore();
    for (const t of s.ticks) drawLabel(ctx, t.label, x + w + T.tickLength + T.pad, t.pos, { size: T.fontSize.tick, color: T.muted, anchor: 'start', baseline: 'middle' });
    if (label) drawLabel(ctx, label, box.x + box.w - T.pad, top + h / 2, { size: T.fontSize.label, color: T.foreground, anchor: 'middle', baseline: 'bottom', rotation: -Math.PI / 2 });
  }
}
