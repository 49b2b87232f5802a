/**
 * A DrawContext that draws nothing and writes down every call with its
 * arguments, so that two drawings can be compared call for call.
 *
 * Animations use it to find out, for the price of some JavaScript, whether
 * the part of a frame beneath the marks (background, grid, tick and axis
 * labels) is drawn exactly as in the previous frame; if so, the canvas copies
 * that layer's pixels instead of drawing them again (CanvasContext.drawUnderLayer).
 * Two drawings with equal call lists give equal pixels on the same canvas,
 * so the copy is exact.
 */
import type { DrawContext, RgbaImage } from './context';
import type { TypesetText } from './typeset';

/** One recorded item: a method or property name, a number, a string, or a copy of an image's pixels. */
type Entry = string | number | boolean | undefined | Uint8ClampedArray;

/** The drawing state a getter must give back (and save/restore keep). */
type Style = Pick<DrawContext, 'strokeStyle' | 'fillStyle' | 'lineWidth' | 'lineCap' | 'lineJoin' | 'globalAlpha'>;

export class SignatureContext implements DrawContext {
  readonly calls: Entry[] = [];
  /** Smallest font size drawn, as CanvasContext records it. */
  minTextSize = Infinity;
  private style: Style = { strokeStyle: '#000000', fillStyle: '#000000', lineWidth: 1, lineCap: 'butt', lineJoin: 'miter', globalAlpha: 1 };
  private readonly saved: Style[] = [];

  constructor(readonly pixelRatio: number) {}

  private rec(...e: Entry[]): void {
    for (const x of e) this.calls.push(x);
  }
  moveTo(x: number, y: number) { this.rec('M', x, y); }
  lineTo(x: number, y: number) { this.rec('L', x, y); }
  closePath() { this.rec('Z'); }
  bezierCurveTo(a: number, b: number, c: number, d: number, e: number, f: number) { this.rec('C', a, b, c, d, e, f); }
  quadraticCurveTo(a: number, b: number, c: number, d: number) { this.rec('Q', a, b, c, d); }
  arc(x: number, y: number, r: number, a0: number, a1: number, ccw?: boolean) { this.rec('arc', x, y, r, a0, a1, ccw); }
  arcTo(x1: number, y1: number, x2: number, y2: number, r: number) { this.rec('arcTo', x1, y1, x2, y2, r); }
  rect(x: number, y: number, w: number, h: number) { this.rec('rect', x, y, w, h); }
  ellipse(x: number, y: number, rx: number, ry: number, rot: number, a0: number, a1: number, ccw?: boolean) {
    this.rec('ellipse', x, y, rx, ry, rot, a0, a1, ccw);
  }
  save() { this.rec('save'); this.saved.push({ ...this.style }); }
  restore() { this.rec('restore'); this.style = this.saved.pop() ?? this.style; }
  translate(x: number, y: number) { this.rec('translate', x, y); }
  rotate(a: number) { this.rec('rotate', a); }
  beginPath() { this.rec('beginPath'); }
  stroke() { this.rec('stroke'); }
  fill() { this.rec('fill'); }
  clip() { this.rec('clip'); }
  setLineDash(s: number[]) { this.rec('dash', s.length, ...s); }
  get strokeStyle() { return this.style.strokeStyle; }
  set strokeStyle(v: string) { this.rec('strokeStyle', v); this.style.strokeStyle = v; }
  get fillStyle() { return this.style.fillStyle; }
  set fillStyle(v: string) { this.rec('fillStyle', v); this.style.fillStyle = v; }
  get lineWidth() { return this.style.lineWidth; }
  set lineWidth(v: number) { this.rec('lineWidth', v); this.style.lineWidth = v; }
  get lineCap() { return this.style.lineCap; }
  set lineCap(v: 'butt' | 'round' | 'square') { this.rec('lineCap', v); this.style.lineCap = v; }
  get lineJoin() { return this.style.lineJoin; }
  set lineJoin(v: 'miter' | 'round' | 'bevel') { this.rec('lineJoin', v); this.style.lineJoin = v; }
  get globalAlpha() { return this.style.globalAlpha; }
  set globalAlpha(v: number) { this.rec('globalAlpha', v); this.style.globalAlpha = v; }

  drawText(text: TypesetText, x: number, y: number, size: number): void {
    // The glyph outlines themselves: equal strings mean equal shapes.
    this.rec('text', text.d, x, y, size);
    if (text.d && size < this.minTextSize) this.minTextSize = size;
  }

  drawImage(image: RgbaImage, x: number, y: number, w: number, h: number): void {
    // A copy: the caller may reuse the image's buffer for the next frame.
    this.rec('image', image.width, image.height, x, y, w, h, image.data.slice());
  }
}

/** Whether two recordings are the same calls with the same arguments. */
export function sameCalls(a: readonly Entry[], b: readonly Entry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x === y) continue;
    if (x instanceof Uint8ClampedArray && y instanceof Uint8ClampedArray && sameBytes(x, y)) continue;
    return false;
  }
  return true;
}

function sameBytes(a: Uint8ClampedArray, b: Uint8ClampedArray): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
