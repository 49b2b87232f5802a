/** Placing typeset text: anchors, baselines, rotation, optional halo. */
import type { DrawContext } from './context';
import { EM_UNITS, typeset, type TypesetText } from './typeset';

export interface LabelOptions {
  size: number;
  color: string;
  /** Horizontal anchor: 'start' (left), 'middle', 'end' (right). */
  anchor?: 'start' | 'middle' | 'end';
  /** Vertical anchor against the text's ink box, or the baseline. */
  baseline?: 'top' | 'middle' | 'baseline' | 'bottom';
  /** Rotation in radians about (x, y), e.g. -π/2 for a y-axis label. */
  rotation?: number;
  halo?: string;
}

/** Size of a typeset string at `size` px: width, ascent, descent in CSS px. */
export function measure(text: string | TypesetText, size: number): { width: number; ascent: number; descent: number } {
  const t = typeof text === 'string' ? typeset(text) : text;
  const k = size / EM_UNITS;
  return { width: t.width * k, ascent: t.ascent * k, descent: t.descent * k };
}

export function drawLabel(ctx: DrawContext, text: string, x: number, y: number, o: LabelOptions): void {
  if (!text) return;
  const t = typeset(text);
  const m = measure(t, o.size);
  const ax = o.anchor === 'middle' ? -m.width / 2 : o.anchor === 'end' ? -m.width : 0;
  const b = o.baseline ?? 'baseline';
  const ay = b === 'top' ? m.ascent : b === 'bottom' ? -m.descent : b === 'middle' ? (m.ascent - m.descent) / 2 : 0;
  ctx.save();
  ctx.translate(x, y);
  if (o.rotation) ctx.rotate(o.rotation);
  if (o.halo) {
    ctx.fillStyle = o.halo;
    ctx.beginPath();
    ctx.rect(ax - 2, ay - m.ascent - 2, m.width + 4, m.ascent + m.descent + 4);
    ctx.fill();
  }
  ctx.fillStyle = o.color;
  ctx.drawText(t, ax, ay, o.size);
  ctx.restore();
}
