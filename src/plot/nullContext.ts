/**
 * A DrawContext that draws nothing: lets a figure be laid out (margins,
 * ticks, insets) for the price of measuring its text, e.g. to lock an
 * animation's layout over all its frames before any pixel is drawn.
 */
import type { DrawContext, RgbaImage } from './context';
import type { TypesetText } from './typeset';

export class NullContext implements DrawContext {
  readonly pixelRatio = 1;
  strokeStyle = '#000000';
  fillStyle = '#000000';
  lineWidth = 1;
  lineCap: 'butt' | 'round' | 'square' = 'butt';
  lineJoin: 'miter' | 'round' | 'bevel' = 'miter';
  globalAlpha = 1;
  /** Smallest font size drawn, as CanvasContext records it. */
  minTextSize = Infinity;
  moveTo(): void {}
  lineTo(): void {}
  closePath(): void {}
  bezierCurveTo(): void {}
  quadraticCurveTo(): void {}
  arc(): void {}
  arcTo(): void {}
  rect(): void {}
  ellipse(): void {}
  save(): void {}
  restore(): void {}
  translate(): void {}
  rotate(): void {}
  beginPath(): void {}
  stroke(): void {}
  fill(): void {}
  clip(): void {}
  setLineDash(): void {}
  drawText(text: TypesetText, _x: number, _y: number, size: number): void {
    if (text.d && size < this.minTextSize) this.minTextSize = size;
  }
  drawImage(_image: RgbaImage): void {}
}
