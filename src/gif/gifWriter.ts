/**
 * Streaming GIF89a writer: global palette, frame differencing, per-frame
 * delays, loop count.
 *
 * Differencing: each frame after the first is reduced to the bounding box of
 * the pixels whose palette index changed, and frames use disposal 1 ("leave
 * in place"), so the viewer composites each frame over the previous one.
 * Inside the box an unchanged pixel may be written either as the reserved
 * transparent index or as its own colour; the LZW encoder picks whichever
 * makes longer strings (see lzwEncode.ts). Identical frames are merged into
 * the previous frame's delay.
 *
 * Why not gifenc's writeFrame: its LZW takes one fixed index per pixel (no
 * such choice) and always writes the frame at left = top = 0. The container
 * blocks written here follow the GIF89a specification (header, logical screen
 * descriptor, global colour table, NETSCAPE2.0 loop extension, graphic control
 * extension, image descriptor, trailer).
 */
import type { RgbaImage } from '../plot/context';
import { ByteBuffer } from './byteBuffer';
import { lzwEncode, type LzwImage, type NearTable } from './lzwEncode';
import { PaletteMapper, type Rgb } from './palette';

export interface GifWriterOptions {
  width: number;
  height: number;
  /** ≤ 255 colours; index palette.length is reserved for transparency. */
  palette: Rgb[];
  /** Loop count: 0 = forever (default). */
  repeat?: number;
  /**
   * Anti-aliasing blends within this per-channel step (0–255) of the shown colour are not redrawn
   * (default 12, below what a 63–127-colour palette already rounds by; 0 = exact).
   */
  temporalTolerance?: number;
  /** LZW may write a blend as another blend within this per-channel step (default 12; 0 = exact). */
  lzwTolerance?: number;
  /**
   * Called for every frame as written: the palette indices the viewer shows
   * after it (full size; only valid during the call), the box it redrew and
   * its final delay (after merging identical frames). Lets another format
   * (animated WebP) be written with exactly the GIF's pixels and timing.
   */
  onFrame?: (frame: ShownFrame) => void;
  /**
   * false: quantise, difference and report frames (onFrame) without writing
   * GIF bytes, for renditions served only as WebP. The shown image is then
   * exactly the quantised frame (no LZW substitutions). Default true.
   */
  encode?: boolean;
}

export interface ShownFrame {
  shown: Uint8Array;
  x: number;
  y: number;
  w: number;
  h: number;
  delay: number;
}

/** GIF delays are in centiseconds; browsers treat < 2 cs as 10 cs, so clamp to ≥ 20 ms. */
const MIN_DELAY_MS = 20;
/** Colours covering at least this fraction of the first frame are flat: always exact (see buildTolerances). */
const FLAT_FRACTION = 5e-3;

interface Pending { lzw: ByteBuffer; transparent: boolean; x: number; y: number; w: number; h: number; delay: number }

export class GifWriter {
  private readonly out = new ByteBuffer(1 << 20);
  private readonly mapper: PaletteMapper;
  private readonly transparent: number;
  /** Bits per index: a smaller palette gives shorter LZW codes. */
  private readonly colorDepth: number;
  private close: Uint8Array | null = null;
  private near: NearTable | null = null;
  private prev: Uint8Array | null = null;
  private cur: Uint8Array;
  /**
   * The last frame added and the indices the mapper gave it (before any
   * tolerance substitution), so the next frame maps only what changed; and
   * the buffer the next frame's indices go to (the two alternate).
   */
  private last: { img: RgbaImage; indices: Uint8Array } | null = null;
  private spare: Uint8Array;
  private pending: Pending | null = null;
  private finished = false;
  /** Frames written so far (after merging identical ones). */
  framesWritten = 0;

  constructor(readonly options: GifWriterOptions) {
    const { width: W, height: H, palette } = options;
    if (palette.length < 1 || palette.length > 255) throw new Error(`gif: palette needs 1–255 colours, got ${palette.length}`);
    if (!(Number.isInteger(W) && Number.isInteger(H) && W > 0 && H > 0 && W < 65536 && H < 65536)) throw new Error(`gif: bad size ${W}×${H}`);
    this.mapper = new PaletteMapper(palette);
    this.transparent = palette.length;
    this.colorDepth = Math.max(2, Math.ceil(Math.log2(palette.length + 1)));
    this.cur = new Uint8Array(W * H);
    this.spare = new Uint8Array(W * H);
    this.writeHeader();
  }

  private writeHeader(): void {
    const o = this.out, { width, height, palette } = this.options;
    o.ascii('GIF89a');
    o.u16(width);
    o.u16(height);
    // Global colour table present, colour resolution, table size 2^colorDepth.
    o.byte(0x80 | ((this.colorDepth - 1) << 4) | (this.colorDepth - 1));
    o.byte(0); // background colour index
    o.byte(0); // pixel aspect ratio: unspecified
    for (let i = 0; i < 1 << this.colorDepth; i++) {
      // The transparent slot and padding are never shown; they get a fixed colour for determinism.
      const c = i < palette.length ? palette[i] : i === this.transparent ? [255, 0, 255] : [0, 0, 0];
      o.byte(c[0]); o.byte(c[1]); o.byte(c[2]);
    }
    o.byte(0x21); o.byte(0xff); o.byte(11);
    o.ascii('NETSCAPE2.0');
    o.byte(3); o.byte(1); o.u16(this.options.repeat ?? 0); o.byte(0);
  }

  /**
   * Add one full-size RGBA frame shown for `delayMs`. The writer reads the
   * frame again when the next one is added (to map only what changed), so
   * its pixels must not be changed before then; a new frame in the same
   * buffer is recognised and mapped in full.
   */
  add(frame: RgbaImage, delayMs: number): void {
    if (this.finished) throw new Error('gif: add after finish');
    const { width: W, height: H } = this.options;
    if (frame.width !== W || frame.height !== H) throw new Error(`gif: frame is ${frame.width}×${frame.height}, expected ${W}×${H}`);
    const delay = Math.max(MIN_DELAY_MS, delayMs);
    const mapped = this.mapper.map(frame, this.spare, this.last ?? undefined);
    this.spare = this.last?.indices ?? new Uint8Array(W * H);
    this.last = { img: frame, indices: mapped };
    // The tolerances below rewrite indices in place: work on a copy, keep the mapping.
    const idx = this.cur;
    idx.set(mapped);
    if (!this.prev) {
      this.buildTolerances(idx);
      const value = idx.slice();
      this.pending = { lzw: this.encode({ value, shown: null, stride: W, x: 0, y: 0, w: W, h: H }), transparent: false, x: 0, y: 0, w: W, h: H, delay };
      this.prev = value; // the symbols actually written
      return;
    }
    const prev = this.prev;
    const close = this.close;
    // One pass, four pixels at a time where nothing changed (most of a frame):
    // a pixel whose new colour is within tolerance of what is shown keeps
    // showing it (no change); the pixels still changed give the bounding box.
    let x0 = W, y0 = H, x1 = -1, y1 = -1;
    const changed = (p: number): void => {
      const a = prev[p];
      if (a === idx[p]) return;
      if (close && close[(a << 8) | idx[p]]) { idx[p] = a; return; }
      const y = (p / W) | 0, x = p - y * W;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y; // pixels come in order
    };
    const n4 = idx.length >> 2, i32 = new Uint32Array(idx.buffer, idx.byteOffset, n4), p32 = new Uint32Array(prev.buffer, prev.byteOffset, n4);
    for (let q = 0; q < n4; q++) {
      if (i32[q] === p32[q]) continue;
      for (let p = 4 * q; p < 4 * q + 4; p++) changed(p);
    }
    for (let p = 4 * n4; p < idx.length; p++) changed(p);
    if (x1 < 0) {
      // Nothing changed: show the previous frame longer.
      this.pending!.delay += delay;
      return;
    }
    this.flush();
    const w = x1 - x0 + 1, h = y1 - y0 + 1;
    // Encodes the changed box and updates `prev` to what the viewer then shows.
    const lzw = this.encode({ value: idx, shown: prev, stride: W, x: x0, y: y0, w, h });
    this.pending = { lzw, transparent: true, x: x0, y: y0, w, h, delay };
  }

  /**
   * Tolerance tables, from the palette and the first frame. Colours covering
   * ≥ 0.5% of the first frame (background, grid, text, solid marks) are
   * "flat": always written exactly, and never substituted, so flat areas never
   * get speckles or ghosts. Only anti-aliasing blends may (a) keep showing the
   * previous frame's colour when the new one is within `temporalTolerance`,
   * and (b) be written as another blend within `lzwTolerance` when that
   * extends the current LZW string.
   */
  private buildTolerances(first: Uint8Array): void {
    const pal = this.options.palette, P = pal.length;
    const counts = new Int32Array(256);
    for (let i = 0; i < first.length; i++) counts[first[i]]++;
    const flat = (k: number) => counts[k] >= first.length * FLAT_FRACTION;
    const dist = (a: number, b: number) => {
      const dr = pal[a][0] - pal[b][0], dg = pal[a][1] - pal[b][1], db = pal[a][2] - pal[b][2];
      return 2 * dr * dr + 4 * dg * dg + 3 * db * db;
    };
    // Tolerances are given as a per-channel step: the weighted distance of a uniform step d is 9d².
    const tt = this.options.temporalTolerance ?? 12, lt = this.options.lzwTolerance ?? 12;
    if (tt > 0) {
      this.close = new Uint8Array(65536);
      for (let a = 0; a < P; a++) for (let b = 0; b < P; b++) if (a !== b && !flat(a) && !flat(b) && dist(a, b) <= 9 * tt * tt) this.close[(a << 8) | b] = 1;
    }
    if (lt > 0) {
      const start = new Int32Array(P + 2), list: number[] = [];
      for (let a = 0; a < P; a++) {
        start[a] = list.length;
        if (flat(a)) continue;
        const near: [number, number][] = [];
        for (let b = 0; b < P; b++) if (b !== a && !flat(b)) { const d = dist(a, b); if (d <= 9 * lt * lt) near.push([d, b]); }
        near.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        for (const [, b] of near.slice(0, 8)) list.push(b);
      }
      start[P] = start[P + 1] = list.length;
      this.near = { start, list: Uint8Array.from(list) };
    }
  }

  private encode(img: LzwImage): ByteBuffer {
    if (this.options.encode === false) {
      // No bytes: only keep the record of what is shown (the first frame is `value` itself).
      const { value, shown, stride, x, y, w, h } = img;
      if (shown) for (let r = y; r < y + h; r++) shown.set(value.subarray(r * stride + x, r * stride + x + w), r * stride + x);
      return new ByteBuffer(1);
    }
    const b = new ByteBuffer((img.w * img.h) >> 2);
    lzwEncode(img, this.transparent, this.colorDepth, b, this.near);
    return b;
  }

  private flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    const o = this.out;
    // Graphic control extension: disposal 1 (leave in place), transparency only on differenced frames.
    o.byte(0x21); o.byte(0xf9); o.byte(4);
    o.byte((1 << 2) | (p.transparent ? 1 : 0));
    o.u16(Math.round(p.delay / 10));
    o.byte(p.transparent ? this.transparent : 0);
    o.byte(0);
    // Image descriptor: position, size, no local colour table, not interlaced.
    o.byte(0x2c);
    o.u16(p.x); o.u16(p.y); o.u16(p.w); o.u16(p.h);
    o.byte(0);
    o.bytes(p.lzw.view());
    this.framesWritten++;
    // `prev` is what the viewer shows after this frame: the next frame has not been encoded yet.
    this.options.onFrame?.({ shown: this.prev!, x: p.x, y: p.y, w: p.w, h: p.h, delay: p.delay });
  }

  /** Write the trailer and return the GIF bytes. */
  finish(): Uint8Array {
    if (!this.pending && !this.framesWritten) throw new Error('gif: no frames');
    this.flush();
    this.out.byte(0x3b);
    this.finished = true;
    this.mapper.release();
    this.last = null;
    return this.options.encode === false ? new Uint8Array(0) : this.out.toBytes();
  }
}
