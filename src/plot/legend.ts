/**
 * The legend box of an axes: one row per labelled mark, in insertion order,
 * with a small sample drawn in the mark's own style; where the box goes, and
 * which data points it would hide there.
 */
import type { AxesLayout, Box, LegendPosition } from './axes';
import { colorAt } from './colorAt';
import type { DrawContext } from './context';
import { drawLabel, measure } from './drawLabel';
import type { HeatmapMark, Mark, TextMark } from './marks';
import type { Theme } from './theme';

type Entry = Exclude<Mark, TextMark | HeatmapMark>;
const SAMPLE_W = 30, PAD = 8;

const legendEntries = (marks: readonly Mark[]): Entry[] =>
  marks.filter((m) => m.kind !== 'text' && m.kind !== 'heatmap' && (m as { label?: string }).label) as Entry[];

/** The box the legend takes in the plot (CSS px), or null when no mark has a label. */
export function legendBox(T: Theme, marks: readonly Mark[], plot: Box, pos: LegendPosition): Box | null {
  const entries = legendEntries(marks);
  if (!entries.length) return null;
  const size = T.fontSize.legend, rowH = size * 1.55;
  const labelW = Math.max(...entries.map((e) => measure(e.label!, size).width));
  const w = PAD + SAMPLE_W + PAD + labelW + PAD, h = PAD + rowH * entries.length + PAD - (rowH - size * 1.1);
  const x = pos.endsWith('right') ? plot.x + plot.w - w - 8 : plot.x + 8;
  const y = pos.startsWith('upper') ? plot.y + 8 : plot.y + plot.h - h - 8;
  return { x, y, w, h };
}

export function drawLegend(ctx: DrawContext, T: Theme, marks: readonly Mark[], plot: Box, pos: LegendPosition): void {
  const box = legendBox(T, marks, plot, pos);
  if (!box) return;
  const entries = legendEntries(marks);
  const size = T.fontSize.legend, rowH = size * 1.55;
  const sampleW = SAMPLE_W, pad = PAD;
  const { x: lx, y: ly, w, h } = box;
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
    } else if (e.kind === 'stem') {
      const col = colorAt(e.color, 0, T.palette[0]);
      ctx.strokeStyle = col;
      ctx.fillStyle = col;
      ctx.lineWidth = e.width ?? 2;
      ctx.beginPath();
      ctx.moveTo(sx + sampleW / 2, cy + size * 0.45);
      ctx.lineTo(sx + sampleW / 2, cy - size * 0.2);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(sx + sampleW / 2, cy - size * 0.2, Math.min(e.radius ?? T.markerRadius, size * 0.3), 0, 2 * Math.PI);
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

/**
 * The data points (scatter dots and stem heads, in data coordinates) that the
 * legend hides: inside the plot, with their centre under the legend box. A
 * line passing under the legend stays readable on both sides of it; a dot
 * under it is a measurement the reader cannot see, so the pipeline refuses
 * such a figure (src/pipeline/renditions/checkFigure.ts).
 */
export function pointsUnderLegend(T: Theme, marks: readonly Mark[], { plot, x, y }: AxesLayout, pos: LegendPosition): { x: number; y: number }[] {
  const box = legendBox(T, marks, plot, pos);
  if (!box) return [];
  const inside = (px: number, py: number, b: Box) => px >= b.x && px <= b.x + b.w && py >= b.y && py <= b.y + b.h;
  const hidden: { x: number; y: number }[] = [];
  for (const m of marks) {
    if (m.kind !== 'scatter' && m.kind !== 'stem') continue;
    for (let i = 0; i < m.x.length; i++) {
      const px = x.map(m.x[i]), py = y.map(m.y[i]);
      if (Number.isFinite(px + py) && inside(px, py, plot) && inside(px, py, box)) hidden.push({ x: m.x[i], y: m.y[i] });
    }
  }
  return hidden;
}
