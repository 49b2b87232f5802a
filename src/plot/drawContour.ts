/**
 * Drawing of a contour mark: marching-squares segments (in grid indices)
 * mapped to pixels by interpolating between the pixel positions of the grid
 * nodes, so the lines follow the grid whatever the axis types are.
 */
import type { DrawContext } from './context';
import { contourSegments } from './contour';
import { drawLabel } from './drawLabel';
import type { ContourMark } from './marks';
import type { Theme } from './theme';

export const CONTOUR_WIDTH = 1.5;

/** Pixel position of a fractional index into nodes whose pixel positions are p. */
function along(p: Float64Array, t: number): number {
  const i = Math.min(p.length - 2, Math.max(0, Math.floor(t)));
  return p[i] + (t - i) * (p[i + 1] - p[i]);
}

export function drawContour(ctx: DrawContext, T: Theme, m: ContourMark, X: (v: number) => number, Y: (v: number) => number): void {
  const cols = m.x.length, rows = m.y.length;
  if (m.values.length !== rows * cols) throw new RangeError(`contour: ${m.values.length} values for a ${rows}×${cols} grid`);
  if (rows < 2 || cols < 2) return;
  const px = Float64Array.from(m.x, X), py = Float64Array.from(m.y, Y);
  const color = m.color ?? T.foreground;
  const labels: { x: number; y: number; text: string }[] = [];
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = m.width ?? CONTOUR_WIDTH;
  ctx.globalAlpha = m.alpha ?? 1;
  ctx.setLineDash(m.dash ?? []);
  ctx.lineCap = 'round';
  for (const level of m.levels) {
    const s = contourSegments(m.values, rows, cols, level);
    if (!s.length) continue;
    ctx.beginPath();
    for (let k = 0; k < s.length; k += 4) {
      ctx.moveTo(along(px, s[k + 1]), along(py, s[k]));
      ctx.lineTo(along(px, s[k + 3]), along(py, s[k + 2]));
    }
    ctx.stroke();
    if (m.levelLabel) {
      // The segment in the middle of the list sits roughly mid-way along the line.
      const k = 4 * Math.floor(s.length / 8);
      labels.push({
        x: 0.5 * (along(px, s[k + 1]) + along(px, s[k + 3])),
        y: 0.5 * (along(py, s[k]) + along(py, s[k + 2])),
        text: m.levelLabel(level),
      });
    }
  }
  ctx.restore();
  for (const l of labels) {
    drawLabel(ctx, l.text, l.x, l.y, { size: T.fontSize.annotation, color, anchor: 'middle', baseline: 'middle', halo: m.labelHalo ?? T.halo });
  }
}
