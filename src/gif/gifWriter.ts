/**
 * Streaming GIF writer over gifenc: global palette, frame differencing, and
 * per-frame delays.
 *
 * Differencing: each frame after the first is reduced to the bounding box of
 * the pixels whose palette index changed; inside the box unchanged pixels use
 * a reserved transparent index, and frames use disposal 1 ("leave in place"),
 * so the viewer composites each frame over the previous one. Identical frames
 * are merged into the previous frame's delay.
 *
 * Why a patch: gifenc 1.0.3's writeFrame always writes the image descriptor at
 * left = top = 0 (see encodeImageDescriptor in node_modules/gifenc/src/index.js),
 * and does not export its LZW encoder from the built package. We let writeFrame
 * emit the cropped frame, then overwrite the descriptor's left/top fields: the
 * Graphic Control Extension it writes first is always 8 bytes, so the image
 * separator (0x2C) is at a fixed offset, which we assert before patching.
 */
import { GIFEncoder, type Encoder } from './gifencModule';
import type { RgbaImage } from '../plot/context';
import { PaletteMapper, type Rgb } from './palette';

export interface GifWriterOptions {
  width: number;
  height: number;
  /** ≤ 255 colours; index palette.length is reserved for transparency. */
  palette: Rgb[];
  /** Loop count: 0 = forever (default). */
  repeat?: number;
}

/** GIF delays are in centiseconds; browsers treat < 2 cs as 10 cs, so clamp to ≥ 20 ms. */
const MIN_DELAY_MS = 20;

interface Pending { index: Uint8Array; x: number; y: number; w: number; h: number; delay: number; first: boolean }

export class GifWriter {
  private readonly enc: Encoder;
  private readonly mapper: PaletteMapper;
  private readonly gifPalette: number[][];
  private readonly transparent: number;
  /** Bits per index: a smaller palette gives shorter LZW codes. */
  private readonly colorDepth: number;
  private prev: Uint8Array | null = null;
  private cur: Uint8Array;
  private pending: Pending | null = null;
  private finished = false;
  /** Frames written so far (after merging identical ones). */
  framesWritten = 0;

  constructor(readonly options: GifWriterOptions) {
    if (options.palette.length < 1 || options.palette.length > 255) throw new Error(`gif: palette needs 1–255 colours, got ${options.palette.length}`);
    this.mapper = new PaletteMapper(options.palette);
    this.transparent = options.palette.length;
    // The transparent slot's colour is never shown; give it a fixed value for determinism.
    this.gifPalette = [...options.palette.map((c) => [...c]), [255, 0, 255]];
    this.colorDepth = Math.max(2, Math.ceil(Math.log2(this.gifPalette.length)));
    this.enc = GIFEncoder({ initialCapacity: 1 << 20 });
    this.cur = new Uint8Array(options.width * options.height);
  }

  /** Add one full-size RGBA frame shown for `delayMs`. */
  add(frame: RgbaImage, delayMs: number): void {
    if (this.finished) throw new Error('gif: add after finish');
    const { width: W, height: H } = this.options;
    if (frame.width !== W || frame.height !== H) throw new Error(`gif: frame is ${frame.width}×${frame.height}, expected ${W}×${H}`);
    const delay = Math.max(MIN_DELAY_MS, delayMs);
    const idx = this.mapper.map(frame, this.cur);
    if (!this.prev) {
      this.pending = { index: idx.slice(), x: 0, y: 0, w: W, h: H, delay, first: true };
      this.prev = idx.slice();
      return;
    }
    const prev = this.prev;
    // Bounding box of changed pixels.
    let x0 = W, y0 = H, x1 = -1, y1 = -1;
    for (let y = 0; y < H; y++) {
      const row = y * W;
      let a = -1, b = -1;
      for (let x = 0; x < W; x++) if (idx[row + x] !== prev[row + x]) { a = x; break; }
      if (a < 0) continue;
      for (let x = W - 1; x >= a; x--) if (idx[row + x] !== prev[row + x]) { b = x; break; }
      if (a < x0) x0 = a;
      if (b > x1) x1 = b;
      if (y0 === H) y0 = y;
      y1 = y;
    }
    if (x1 < 0) {
      // Nothing changed: show the previous frame longer.
      this.pending!.delay += delay;
      return;
    }
    this.flush();
    const w = x1 - x0 + 1, h = y1 - y0 + 1;
    const crop = new Uint8Array(w * h);
    const T = this.transparent;
    for (let y = 0; y < h; y++) {
      const src = (y0 + y) * W + x0;
      for (let x = 0; x < w; x++) {
        const v = idx[src + x];
        crop[y * w + x] = v === prev[src + x] ? T : v;
        prev[src + x] = v;
      }
    }
    this.pending = { index: crop, x: x0, y: y0, w, h, delay, first: false };
  }

  private flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    const start = this.enc.bytesView().length;
    if (p.first) {
      this.enc.writeFrame(p.index, p.w, p.h, { palette: this.gifPalette, delay: p.delay, repeat: this.options.repeat ?? 0, dispose: 1, colorDepth: this.colorDepth });
    } else {
      this.enc.writeFrame(p.index, p.w, p.h, { delay: p.delay, transparent: true, transparentIndex: this.transparent, dispose: 1, colorDepth: this.colorDepth });
      // Patch the image descriptor's position (see the file comment).
      const bytes = this.enc.bytesView();
      const sep = start + 8;
      if (bytes[start] !== 0x21 || bytes[start + 1] !== 0xf9 || bytes[sep] !== 0x2c) throw new Error('gif: unexpected gifenc frame layout');
      bytes[sep + 1] = p.x & 255;
      bytes[sep + 2] = p.x >> 8;
      bytes[sep + 3] = p.y & 255;
      bytes[sep + 4] = p.y >> 8;
    }
    this.framesWritten++;
  }

  /** Write the trailer and return the GIF bytes. */
  finish(): Uint8Array {
    if (!this.pending && !this.framesWritten) throw new Error('gif: no frames');
    this.flush();
    this.enc.finish();
    this.finished = true;
    return this.enc.bytes();
  }
}
