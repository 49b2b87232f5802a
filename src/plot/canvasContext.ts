/**
 * DrawContext over an @napi-rs/canvas 2D context. The pixel ratio is applied
 * once as a base transform, so figure code works in CSS pixels.
 */
import { createCanvas, Path2D, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { DrawContext, RgbaImage } from './context';
import { EM_UNITS, type TypesetText } from './typeset';
import { sameCalls, SignatureContext } from './signatureContext';

const glyphPaths = new WeakMap<TypesetText, Path2D>();

function glyphPath(t: TypesetText): Path2D {
  let p = glyphPaths.get(t);
  if (!p) {
    p = new Path2D(t.d);
    glyphPaths.set(t, p);
  }
  return p;
}

export class CanvasContext implements DrawContext {
  readonly canvas: Canvas;
  readonly ctx: SKRSContext2D;
  /**
   * Smallest font size (CSS px) drawn since the last reset: the pipeline records
   * it per rendition so the site's tests can check displayed text size.
   */
  minTextSize = Infinity;
  constructor(readonly width: number, readonly height: number, readonly pixelRatio = 1) {
    this.canvas = createCanvas(Math.round(width * pixelRatio), Math.round(height * pixelRatio));
    this.ctx = this.canvas.getContext('2d');
    this.reset();
  }
  /** Clear to `background` and restore the base transform. */
  reset(background = '#ffffff'): void {
    this.resetWith(background, () => this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height));
  }
  /** Set the state reset() leaves, with `paint` (in device pixels) in place of clearing. */
  private resetWith(background: string, paint: () => void): void {
    const c = this.ctx;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.globalAlpha = 1;
    c.fillStyle = background;
    paint();
    c.setTransform(this.pixelRatio, 0, 0, this.pixelRatio, 0, 0);
    this.minTextSize = Infinity;
  }
  moveTo(x: number, y: number) { this.ctx.moveTo(x, y); }
  lineTo(x: number, y: number) { this.ctx.lineTo(x, y); }
  closePath() { this.ctx.closePath(); }
  bezierCurveTo(a: number, b: number, c: number, d: number, e: number, f: number) { this.ctx.bezierCurveTo(a, b, c, d, e, f); }
  quadraticCurveTo(a: number, b: number, c: number, d: number) { this.ctx.quadraticCurveTo(a, b, c, d); }
  arc(x: number, y: number, r: number, a0: number, a1: number, ccw?: boolean) { this.ctx.arc(x, y, r, a0, a1, ccw); }
  arcTo(x1: number, y1: number, x2: number, y2: number, r: number) { this.ctx.arcTo(x1, y1, x2, y2, r); }
  rect(x: number, y: number, w: number, h: number) { this.ctx.rect(x, y, w, h); }
  ellipse(x: number, y: number, rx: number, ry: number, rot: number, a0: number, a1: number, ccw?: boolean) {
    this.ctx.ellipse(x, y, rx, ry, rot, a0, a1, ccw);
  }
  save() { this.ctx.save(); }
  restore() { this.ctx.restore(); }
  translate(x: number, y: number) { this.ctx.translate(x, y); }
  rotate(a: number) { this.ctx.rotate(a); }
  beginPath() { this.ctx.beginPath(); }
  stroke() { this.ctx.stroke(); }
  fill() { this.ctx.fill(); }
  clip() { this.ctx.clip(); }
  setLineDash(s: number[]) { this.ctx.setLineDash(s); }
  get strokeStyle() { return String(this.ctx.strokeStyle); }
  set strokeStyle(v: string) { this.ctx.strokeStyle = v; }
  get fillStyle() { return String(this.ctx.fillStyle); }
  set fillStyle(v: string) { this.ctx.fillStyle = v; }
  get lineWidth() { return this.ctx.lineWidth; }
  set lineWidth(v: number) { this.ctx.lineWidth = v; }
  get lineCap() { return this.ctx.lineCap as 'butt' | 'round' | 'square'; }
  set lineCap(v: 'butt' | 'round' | 'square') { this.ctx.lineCap = v; }
  get lineJoin() { return this.ctx.lineJoin as 'miter' | 'round' | 'bevel'; }
  set lineJoin(v: 'miter' | 'round' | 'bevel') { this.ctx.lineJoin = v; }
  get globalAlpha() { return this.ctx.globalAlpha; }
  set globalAlpha(v: number) { this.ctx.globalAlpha = v; }

  drawText(text: TypesetText, x: number, y: number, size: number): void {
    if (!text.d) return;
    if (size < this.minTextSize) this.minTextSize = size;
    const c = this.ctx;
    c.save();
    c.translate(x, y);
    const s = size / EM_UNITS;
    c.scale(s, s);
    c.fill(glyphPath(text));
    c.restore();
  }

  drawImage(image: RgbaImage, x: number, y: number, w: number, h: number): void {
    const t = this.ctx.getTransform();
    const dx = Math.round(t.a * x + t.c * y + t.e);
    const dy = Math.round(t.b * x + t.d * y + t.f);
    const dw = Math.round(t.a * w), dh = Math.round(t.d * h);
    const img = this.ctx.createImageData(image.width, image.height);
    img.data.set(image.data);
    if (image.width === dw && image.height === dh) {
      // Already at device resolution: put pixels directly (no smoothing, exact colours).
      this.ctx.putImageData(img, dx, dy);
    } else {
      const tmp = createCanvas(image.width, image.height);
      tmp.getContext('2d').putImageData(img, 0, 0);
      this.ctx.save();
      this.ctx.imageSmoothingEnabled = false;
      this.ctx.drawImage(tmp, x, y, w, h);
      this.ctx.restore();
    }
  }

  /**
   * Clear to `background` and draw the layer beneath a frame's marks with
   * `draw`, or, when `draw` makes exactly the calls it made for the previous
   * frame, copy that layer's pixels saved then. Animations redraw the same
   * grid, tick labels and axis labels hundreds of times; copying them is
   * exact (the layer is opaque and copied pixel for pixel) and cheaper than
   * typesetting and rasterising them again.
   */
  drawUnderLayer(background: string, draw: (ctx: DrawContext) => void): void {
    const signature = new SignatureContext(this.pixelRatio);
    signature.calls.push('background', background);
    draw(signature);
    const saved = this.underLayer;
    if (saved && sameCalls(saved.calls, signature.calls)) {
      this.resetWith(background, () => copyPixels(saved.canvas, this.ctx));
      this.minTextSize = signature.minTextSize;
      return;
    }
    this.reset(background);
    draw(this);
    const canvas = saved?.canvas ?? createCanvas(this.canvas.width, this.canvas.height);
    copyPixels(this.canvas, canvas.getContext('2d'));
    this.underLayer = { calls: signature.calls, canvas };
  }
  private underLayer?: { calls: SignatureContext['calls']; canvas: Canvas };

  /** Raw RGBA of the whole canvas (device pixels). */
  rgba(): RgbaImage {
    const d = this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
    return { width: d.width, height: d.height, data: d.data as Uint8ClampedArray };
  }

  /** PNG bytes of the canvas. */
  png(): Uint8Array {
    return new Uint8Array(this.canvas.encodeSync('png'));
  }
}

/** Replace every pixel of `to` by those of the same-size canvas `from` (no blending, no resampling). */
function copyPixels(from: Canvas, to: SKRSContext2D): void {
  to.save();
  to.setTransform(1, 0, 0, 1, 0, 0);
  to.globalCompositeOperation = 'copy';
  to.drawImage(from, 0, 0);
  to.restore();
}
