/**
 * Animated lossless WebP with exactly a GIF's pixels, delays and loop count,
 * written from the frames the GIF writer reports (GifWriterOptions.onFrame).
 *
 * Why not libwebp's animation encoder (sharp(gif, { animated: true }).webp()):
 * it re-encodes every full frame and tries several blend/dispose candidates
 * per frame; on our figures that took ~1 s per 100-frame animation, more than
 * drawing it. Here each frame is only the box the GIF already found changed,
 * encoded once as a lossless VP8L still by our own encoder (./vp8l), which
 * needs 25–50 % of the CPU libwebp took for these boxes through sharp, for 4 %
 * more bytes (./vp8l/encodeLossless.ts). Inside the box, pixels that did not
 * change are fully transparent and the frame is alpha-blended over the
 * previous canvas ("do not dispose"), so only changed pixels are drawn, as in
 * the GIF: the composition is exactly the GIF's, and long runs of transparent
 * pixels compress well.
 *
 * Container (RIFF, per the WebP container specification): 'VP8X' with the
 * animation flag and canvas size, 'ANIM' (background, loop count), then one
 * 'ANMF' per frame (offset ÷ 2, size − 1, duration, flags) wrapping a 'VP8L'
 * chunk. Frame offsets must be even, so each box is widened by at most one
 * pixel up and left.
 */
import type { Rgb } from '../gif/palette';
import type { ShownFrame } from '../gif/gifWriter';
import { encodeIndexed } from './vp8l/encodeLossless';
import { scratch } from './vp8l/scratch';

interface FrameChunk { x: number; y: number; w: number; h: number; delay: number; blend: boolean; vp8l: Uint8Array }

export class AnimatedWebpWriter {
  private readonly frames: FrameChunk[] = [];
  /** Opaque colour of each palette index as one 0xAARRGGBB word, the encoder's pixel; then "unchanged". */
  private readonly colours: Uint32Array;
  /** The index written for a pixel that did not change: transparent black, after the palette's own. */
  private readonly unchanged: number;
  /** Palette indices on the canvas before the current frame. */
  private before: Uint8Array | null = null;

  constructor(private readonly width: number, private readonly height: number, palette: readonly Rgb[], private readonly loop = 0) {
    if (palette.length > 255) throw new Error(`webp: at most 255 palette colours, got ${palette.length}`);
    this.unchanged = palette.length;
    this.colours = new Uint32Array(palette.length + 1);
    palette.forEach((c, i) => (this.colours[i] = ((0xff << 24) | (c[0] << 16) | (c[1] << 8) | c[2]) >>> 0));
  }

  /** Add a frame as the GIF writer reported it (copies what it needs: `shown` is reused). */
  add(f: ShownFrame): void {
    const x = f.x & ~1, y = f.y & ~1;
    const w = f.x + f.w - x, h = f.y + f.h - y;
    // A reused array (./vp8l/scratch.ts): every element is written below, and the encoder is its only reader.
    const box = scratch('frameIndices', Uint8Array, w * h);
    const { shown } = f, W = this.width, before = this.before, unchanged = this.unchanged;
    let o = 0;
    for (let r = y; r < y + h; r++) {
      const end = r * W + x + w;
      if (before) {
        for (let p = r * W + x; p < end; p++, o++) box[o] = before[p] !== shown[p] ? shown[p] : unchanged;
      } else {
        box.set(shown.subarray(r * W + x, end), o);
        o += w;
      }
    }
    const blend = before !== null;
    if (before) for (let r = y; r < y + h; r++) before.set(shown.subarray(r * W + x, r * W + x + w), r * W + x);
    else this.before = shown.slice();
    this.frames.push({ x, y, w, h, delay: f.delay, blend, vp8l: encodeIndexed(w, h, box, this.colours) });
  }

  async finish(): Promise<Uint8Array> {
    if (!this.frames.length) throw new Error('webp: no frames');
    const chunks: Uint8Array[] = [chunk('VP8X', vp8x(this.width, this.height)), chunk('ANIM', anim(this.loop))];
    for (const f of this.frames) {
      const data = chunk('VP8L', f.vp8l);
      const head = new Uint8Array(16);
      put24(head, 0, f.x / 2);
      put24(head, 3, f.y / 2);
      put24(head, 6, f.w - 1);
      put24(head, 9, f.h - 1);
      put24(head, 12, Math.min(0xffffff, f.delay));
      head[15] = f.blend ? 0 : 0b10; // blending: alpha-blend (later frames) or do not blend (first); disposal: none
      chunks.push(chunk('ANMF', concat([head, data])));
    }
    const body = concat([ascii('WEBP'), ...chunks]);
    const riff = new Uint8Array(8 + body.length);
    riff.set(ascii('RIFF'), 0);
    new DataView(riff.buffer).setUint32(4, body.length, true);
    riff.set(body, 8);
    return riff;
  }
}

function vp8x(w: number, h: number): Uint8Array {
  const b = new Uint8Array(10);
  b[0] = 0b10010; // alpha (frames after the first have transparent pixels), animation
  put24(b, 4, w - 1);
  put24(b, 7, h - 1);
  return b;
}

function anim(loop: number): Uint8Array {
  const b = new Uint8Array(6);
  b.set([255, 255, 255, 255], 0); // background (BGRA); every frame is opaque, so it is never seen
  b[4] = loop & 0xff;
  b[5] = (loop >> 8) & 0xff;
  return b;
}

function chunk(fourcc: string, payload: Uint8Array): Uint8Array {
  const pad = payload.length & 1;
  const b = new Uint8Array(8 + payload.length + pad);
  b.set(ascii(fourcc), 0);
  new DataView(b.buffer).setUint32(4, payload.length, true);
  b.set(payload, 8);
  return b;
}

function put24(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >> 8) & 0xff;
  b[at + 2] = (v >> 16) & 0xff;
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
