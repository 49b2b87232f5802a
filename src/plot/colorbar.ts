/**
 * The colourbar beside a heatmap: its colormap over the fixed colour domain,
 * with ticks and a rotated label.
 */
import type { Box } from './axes';
import type { AxisScale } from './axisScale';
import type { DrawContext } from './context';
import { drawLabel } from './drawLabel';
import type { HeatmapMark } from './marks';
import { rasteriseHeatmap } from './resample';
import type { Theme } from './theme';

export function drawColorbar(ctx: DrawContext, T: Theme, heat: HeatmapMark, s: AxisScale, x: number, w: number, label: string | null, box: Box): void {
  const pr = ctx.pixelRatio;
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
