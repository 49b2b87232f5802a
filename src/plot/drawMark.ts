/**
 * Drawing of one mark (line, lines, scatter, ellipse, band, text, heatmap,
 * contour, stem, rule) into an axes' plot box, given the axes' data-to-pixel maps.
 */
import type { Box } from './axes';
import { colorAt } from './colorAt';
import type { DrawContext } from './context';
import { drawLabel } from './drawLabel';
import type { BandMark, EllipseMark, HeatmapMark, LineMark, LinesMark, Mark, RuleMark, ScatterMark, StemMark, TextMark } from './marks';
import { parseColor } from './colormap';
import { rasteriseHeatmap } from './resample';
import { drawContour } from './drawContour';
import { distinctDots } from './distinctDots';
import { line as d3line } from 'd3-shape';
import { SIMPLIFY_DEVICE_PX, visibleIndices } from './polyline';
import type { Theme } from './theme';

/** d3-shape types its context as a DOM canvas but only calls path methods, which DrawContext has. */
const asCanvas = (ctx: DrawContext) => ctx as unknown as CanvasRenderingContext2D;

/** Traces the points of (px, py) at the given indices, breaking the curve at non-finite ones. */
const tracer = (ctx: DrawContext, px: Float64Array, py: Float64Array) =>
  d3line<number>().x((i) => px[i]).y((i) => py[i]).defined((i) => Number.isFinite(px[i]) && Number.isFinite(py[i])).context(asCanvas(ctx));

export function drawMark(ctx: DrawContext, T: Theme, m: Mark, X: (v: number) => number, Y: (v: number) => number, plot: Box): void {
  const maps: Maps = { X, Y, plot };
  switch (m.kind) {
    case 'line': return drawLine(ctx, T, m, maps);
    case 'lines': return drawLines(ctx, T, m, maps);
    case 'scatter': return drawScatter(ctx, T, m, maps);
    case 'ellipse': return drawEllipse(ctx, T, m, maps);
    case 'band': return drawBand(ctx, T, m, maps);
    case 'text': return drawTextMark(ctx, T, m, maps);
    case 'heatmap': return drawHeatmap(ctx, T, m, maps);
    case 'contour': return drawContour(ctx, T, m, X, Y);
    case 'stem': return drawStem(ctx, T, m, maps);
    case 'hline':
    case 'vline': return drawRule(ctx, T, m, maps);
  }
}

/** An axes' data-to-pixel maps and its plot box (CSS px). */
interface Maps {
  X: (v: number) => number;
  Y: (v: number) => number;
  plot: Box;
}

/** A polyline, simplified to what a device pixel can show (./polyline.ts). */
function drawLine(ctx: DrawContext, T: Theme, m: LineMark, { X, Y }: Maps): void {
  const { x, y } = m;
  ctx.save();
  ctx.strokeStyle = m.color ?? T.palette[0];
  ctx.lineWidth = m.width ?? T.lineWidth;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.globalAlpha = m.alpha ?? 1;
  ctx.setLineDash(m.dash ?? []);
  ctx.beginPath();
  const n = x.length, px = new Float64Array(n), py = new Float64Array(n);
  for (let i = 0; i < n; i++) { px[i] = X(x[i]); py[i] = Y(y[i]); }
  tracer(ctx, px, py)(visibleIndices(px, py, n, SIMPLIFY_DEVICE_PX / ctx.pixelRatio));
  ctx.stroke();
  ctx.restore();
}

/** Many polylines sharing one x: one path and one stroke when they share a colour. */
function drawLines(ctx: DrawContext, T: Theme, m: LinesMark, { X, Y }: Maps): void {
  const { x, ys, count } = m;
  const n = x.length;
  // Pixel x is shared by all lines: map it once.
  const px = new Float64Array(n), py = new Float64Array(n);
  for (let i = 0; i < n; i++) px[i] = X(x[i]);
  const tolerance = SIMPLIFY_DEVICE_PX / ctx.pixelRatio;
  const trace = tracer(ctx, px, py);
  const gen = (k: number) => {
    for (let i = 0; i < n; i++) py[i] = Y(ys[k * n + i]);
    trace(visibleIndices(px, py, n, tolerance));
  };
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
    for (let k = 0; k < count; k++) gen(k);
    ctx.stroke();
  } else {
    for (let k = 0; k < count; k++) {
      ctx.strokeStyle = colorAt(m.color, k, T.palette[0]);
      ctx.beginPath();
      gen(k);
      ctx.stroke();
    }
  }
  ctx.restore();
}

/** Dots: one path for one colour (repeats left out, ./distinctDots.ts), else a fill per dot. */
function drawScatter(ctx: DrawContext, T: Theme, m: ScatterMark, { X, Y, plot }: Maps): void {
  const r = m.radius ?? T.markerRadius;
  ctx.save();
  ctx.globalAlpha = m.alpha ?? 1;
  const single = typeof m.color === 'string' || m.color === undefined;
  if (single) {
    ctx.fillStyle = (m.color as string | undefined) ?? T.palette[0];
    ctx.beginPath();
    const px = Float64Array.from(m.x, X), py = Float64Array.from(m.y, Y);
    for (const i of distinctDots(px, py, r, plot, SIMPLIFY_DEVICE_PX / ctx.pixelRatio)) {
      ctx.moveTo(px[i] + r, py[i]);
      ctx.arc(px[i], py[i], r, 0, 2 * Math.PI);
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
}

/** An ellipse sampled in data space then mapped, so it stays right under unequal axis scales. */
function drawEllipse(ctx: DrawContext, T: Theme, m: EllipseMark, { X, Y }: Maps): void {
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
}

/** The region between lo and hi, filled. */
function drawBand(ctx: DrawContext, T: Theme, m: BandMark, { X, Y }: Maps): void {
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
}

/** A label at data or axes coordinates. */
function drawTextMark(ctx: DrawContext, T: Theme, m: TextMark, { X, Y, plot }: Maps): void {
  const px = m.coords === 'axes' ? plot.x + m.x * plot.w : X(m.x);
  const py = m.coords === 'axes' ? plot.y + (1 - m.y) * plot.h : Y(m.y);
  drawLabel(ctx, m.text, px + (m.dx ?? 0), py + (m.dy ?? 0), {
    size: m.size ?? T.fontSize.annotation, color: m.color ?? T.foreground, anchor: m.anchor ?? 'start', baseline: m.baseline ?? 'baseline',
    halo: m.halo ? T.halo : undefined,
  });
}

/** A grid of values, resampled to device pixels and placed as an image. */
function drawHeatmap(ctx: DrawContext, T: Theme, m: HeatmapMark, { X, Y }: Maps): void {
  const [ex0, ex1, eyT, eyB] = m.extent ?? [0, m.cols, 0, m.rows];
  const a = X(ex0), b = X(ex1), c = Y(eyT), d = Y(eyB);
  const bx = Math.min(a, b), by = Math.min(c, d), bw = Math.abs(b - a), bh = Math.abs(d - c);
  const pr = ctx.pixelRatio;
  const img = rasteriseHeatmap({
    values: m.values, rows: m.rows, cols: m.cols, colormap: m.colormap ?? 'viridis', domain: m.domain, resample: m.resample,
    nanColor: parseColor(T.missing),
    width: Math.max(1, Math.round(bw * pr)), height: Math.max(1, Math.round(bh * pr)),
  });
  ctx.drawImage(img, bx, by, bw, bh);
}

/** Stems from a base line to each point, with a dot at the tip. */
function drawStem(ctx: DrawContext, T: Theme, m: StemMark, { X, Y, plot }: Maps): void {
  const base = m.base === undefined ? plot.y + plot.h : Y(m.base);
  const r = m.radius ?? T.markerRadius;
  ctx.save();
  ctx.lineWidth = m.width ?? 2;
  ctx.setLineDash([]);
  for (let i = 0; i < m.x.length; i++) {
    const a = X(m.x[i]), b = Y(m.y[i]);
    if (!Number.isFinite(a + b)) continue;
    const col = colorAt(m.color, i, T.palette[0]);
    ctx.strokeStyle = col;
    ctx.beginPath();
    ctx.moveTo(a, base);
    ctx.lineTo(a, b);
    ctx.stroke();
    if (r > 0) {
      ctx.fillStyle = col;
      ctx.beginPath();
      ctx.arc(a, b, r, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
}

/** A horizontal or vertical line across the plot box. */
function drawRule(ctx: DrawContext, T: Theme, m: RuleMark, { X, Y, plot }: Maps): void {
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
}
