/**
 * The minimal drawing interface every plot draws through. It is a subset of
 * CanvasRenderingContext2D (so d3-shape's `line().context(ctx)` drives it
 * directly) plus two semantic calls, `drawText` and `drawImage`, so that a
 * recording context in tests can assert labels and heatmaps without pixels.
 * Coordinates are CSS pixels; the canvas adapter applies the pixel ratio.
 */
import type { TypesetText } from './typeset';

/** Row-major RGBA pixels. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface PathContext {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  bezierCurveTo(cp1x: number, cp1y: number, cp2x: number, cp2y: number, x: number, y: number): void;
  quadraticCurveTo(cpx: number, cpy: number, x: number, y: number): void;
  arc(x: number, y: number, r: number, a0: number, a1: number, ccw?: boolean): void;
  arcTo(x1: number, y1: number, x2: number, y2: number, r: number): void;
  rect(x: number, y: number, w: number, h: number): void;
  ellipse(x: number, y: number, rx: number, ry: number, rotation: number, a0: number, a1: number, ccw?: boolean): void;
}

export interface DrawContext extends PathContext {
  /** Device pixels per CSS pixel of the target (1 for recording contexts). */
  readonly pixelRatio: number;
  save(): void;
  restore(): void;
  translate(x: number, y: number): void;
  rotate(angle: number): void;
  beginPath(): void;
  stroke(): void;
  fill(): void;
  clip(): void;
  setLineDash(segments: number[]): void;
  strokeStyle: string;
  fillStyle: string;
  lineWidth: number;
  lineCap: 'butt' | 'round' | 'square';
  lineJoin: 'miter' | 'round' | 'bevel';
  globalAlpha: number;
  /**
   * Fill typeset text in `fillStyle`, at font size `size` (CSS px per em), with
   * its baseline-left point at (x, y) in the current transform.
   */
  drawText(text: TypesetText, x: number, y: number, size: number): void;
  /**
   * Draw an RGBA image into the box (x, y, w, h). The image should already be
   * resampled to the box's device-pixel size; it is placed without smoothing.
   */
  drawImage(image: RgbaImage, x: number, y: number, w: number, h: number): void;
}
