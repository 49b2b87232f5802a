/**
 * A DrawContext that draws nothing and records every call, for tests: the
 * current path (in CSS px, after translate/rotate), what was stroked or filled
 * with which style, every text (by its source string) and every image.
 */
import type { DrawContext, RgbaImage } from './context';
import type { TypesetText } from './typeset';

export type Segment = { op: 'M' | 'L'; x: number; y: number } | { op: 'Z' } | { op: string; args: number[] };

export interface RecordedPaint {
  kind: 'stroke' | 'fill';
  style: string;
  lineWidth: number;
  alpha: number;
  dash: number[];
  path: Segment[];
}

export interface RecordedText {
  text: string;
  x: number;
  y: number;
  size: number;
  rotation: number;
  style: string;
  width: number;
}

interface State {
  tx: number; ty: number; rot: number;
  strokeStyle: string; fillStyle: string; lineWidth: number; globalAlpha: number; dash: number[];
  lineCap: 'butt' | 'round' | 'square'; lineJoin: 'miter' | 'round' | 'bevel';
}

export class RecordingContext implements DrawContext {
  readonly pixelRatio = 1;
  paints: RecordedPaint[] = [];
  texts: RecordedText[] = [];
  images: { image: RgbaImage; x: number; y: number; w: number; h: number }[] = [];
  clips: Segment[][] = [];
  private path: Segment[] = [];
  private s: State = {
    tx: 0, ty: 0, rot: 0, strokeStyle: '#000000', fillStyle: '#000000', lineWidth: 1, globalAlpha: 1, dash: [],
    lineCap: 'butt', lineJoin: 'miter',
  };
  private stack: State[] = [];

  private pt(x: number, y: number): [number, number] {
    const c = Math.cos(this.s.rot), s = Math.sin(this.s.rot);
    return [this.s.tx + c * x - s * y, this.s.ty + s * x + c * y];
  }
  moveTo(x: number, y: number) { const [X, Y] = this.pt(x, y); this.path.push({ op: 'M', x: X, y: Y }); }
  lineTo(x: number, y: number) { const [X, Y] = this.pt(x, y); this.path.push({ op: 'L', x: X, y: Y }); }
  closePath() { this.path.push({ op: 'Z' }); }
  bezierCurveTo(...args: number[]) { this.path.push({ op: 'C', args }); }
  quadraticCurveTo(...args: number[]) { this.path.push({ op: 'Q', args }); }
  arc(x: number, y: number, r: number, a0: number, a1: number) { const [X, Y] = this.pt(x, y); this.path.push({ op: 'arc', args: [X, Y, r, a0, a1] }); }
  arcTo(...args: number[]) { this.path.push({ op: 'arcTo', args }); }
  rect(x: number, y: number, w: number, h: number) { const [X, Y] = this.pt(x, y); this.path.push({ op: 'rect', args: [X, Y, w, h] }); }
  ellipse(x: number, y: number, rx: number, ry: number, rot: number, a0: number, a1: number) {
    const [X, Y] = this.pt(x, y);
    this.path.push({ op: 'ellipse', args: [X, Y, rx, ry, rot + this.s.rot, a0, a1] });
  }
  save() { this.stack.push({ ...this.s, dash: [...this.s.dash] }); }
  restore() { const s = this.stack.pop(); if (s) this.s = s; }
  translate(x: number, y: number) { const [X, Y] = this.pt(x, y); this.s.tx = X; this.s.ty = Y; }
  rotate(a: number) { this.s.rot += a; }
  beginPath() { this.path = []; }
  stroke() { this.paint('stroke', this.s.strokeStyle); }
  fill() { this.paint('fill', this.s.fillStyle); }
  clip() { this.clips.push([...this.path]); }
  setLineDash(d: number[]) { this.s.dash = [...d]; }
  get strokeStyle() { return this.s.strokeStyle; }
  set strokeStyle(v: string) { this.s.strokeStyle = v; }
  get fillStyle() { return this.s.fillStyle; }
  set fillStyle(v: string) { this.s.fillStyle = v; }
  get lineWidth() { return this.s.lineWidth; }
  set lineWidth(v: number) { this.s.lineWidth = v; }
  get lineCap() { return this.s.lineCap; }
  set lineCap(v: 'butt' | 'round' | 'square') { this.s.lineCap = v; }
  get lineJoin() { return this.s.lineJoin; }
  set lineJoin(v: 'miter' | 'round' | 'bevel') { this.s.lineJoin = v; }
  get globalAlpha() { return this.s.globalAlpha; }
  set globalAlpha(v: number) { this.s.globalAlpha = v; }
  private paint(kind: 'stroke' | 'fill', style: string) {
    this.paints.push({ kind, style, lineWidth: this.s.lineWidth, alpha: this.s.globalAlpha, dash: [...this.s.dash], path: [...this.path] });
  }
  drawText(text: TypesetText, x: number, y: number, size: number): void {
    const [X, Y] = this.pt(x, y);
    this.texts.push({ text: text.source, x: X, y: Y, size, rotation: this.s.rot, style: this.s.fillStyle, width: (text.width * size) / 1000 });
  }
  drawImage(image: RgbaImage, x: number, y: number, w: number, h: number): void {
    const [X, Y] = this.pt(x, y);
    this.images.push({ image, x: X, y: Y, w, h });
  }
}
