/**
 * Animated lossless WebP with exactly a GIF's pixels, delays and loop count,
 * written from the frames the GIF writer reports (GifWriterOptions.onFrame).
 *
 * Why not libwebp's animation encoder (sharp(gif, { animated: true }).webp()):
 * it re-encodes every full frame and tries several blend/dispose candidates
 * per frame; on our figures that took ~1 s per 100-frame animation, more than
 * drawing it. Here each frame is only the box the GIF already found changed,
 * encoded once as a lossless still by sharp (VP8L; its own bit stream, not
 * ours). Inside the box, pixels that did not change are fully transparent and
 * the frame is alpha-blended over the previous canvas ("do not dispose"), so
 * only changed pixels are drawn, as in the GIF: the composition is exactly
 * the GIF's, and long runs of transparent pixels compress well.
 *
 * Container (RIFF, per the WebP container specification): 'VP8X' with the
 * animation flag and canvas size, 'ANIM' (background, loop count), then one
 * 'ANMF' per frame (offset ÷ 2, size − 1, duration, flags) wrapping a 'VP8L'
 * chunk. Frame offsets must be even, so each box is widened by at most one
 * pixel up and left.
 */
import sharp from 'sharp';
import type { Rgb } from '../gif/palette';
import type { ShownFrame } from '../gif/gifWriter';

/**
 * libwebp lossless settings for the frame boxes. Effort 2 is within ~2 % of 6
 * at a fraction of the time. For lossless, quality sets how hard libwebp
 * searches (not fidelity): on 575 frame boxes of our animations quality 25
 * gave 0.3 % fewer bytes than the default 80 for about 25 % less CPU; below
 * 25 the bytes grow by 9 %.
 */
const EFFORT = 2;
const QUALITY = 25;

interface FrameChunk { x: number; y: number; w: number; h: number; delay: number; blend: boolean; vp8l: Promise<Uint8Array> }

export class AnimatedWebpWriter {
  private readonly frames: FrameChunk[] = [];
  private readonly lut: Uint32Array;
  /** Palette indices on the canvas before the current frame. */
  private before: Uint8Array | null = null;

  constructor(private readonly width: number, private readonly height: number, palette: readonly Rgb[], private readonly loop = 0) {
    // Opaque RGBA of each palette index as one 32-bit word (byte order of the host), so a pixel is one store.
    const bytes = new Uint8Array(256 * 4);
    palette.forEach((c, i) => bytes.set([c[0], c[1], c[2], 255], 4 * i));
    this.lut = new Uint32Array(bytes.buffer);
  }

  /** Add a frame as the GIF writer reported it (copies what it needs: `shown` is reused). */
  add(f: ShownFrame): void {
    const x = f.x & ~1, y = f.y & ~1;
    const w = f.x + f.w - x, h = f.y + f.h - y;
    const pixels = new Uint32Array(w * h); // 0 = transparent black: "unchanged"
    const { shown } = f, lut = this.lut, W = this.width, before = this.before;
    let o = 0;
    for (let r = y; r < y + h; r++) {
      const end = r * W + x + w;
      if (before) {
        for (let p = r * W + x; p < end; p++, o++) if (before[p] !== shown[p]) pixels[o] = lut[shown[p]];
      } else {
        for (let p = r * W + x; p < end; p++, o++) pixels[o] = lut[shown[p]];
      }
    }
    const rgba = Buffer.from(pixels.buffer, 0, pixels.byteLength);
    const blend = before !== null;
    if (before) for (let r = y; r < y + h; r++) before.set(shown.subarray(r * W + x, r * W + x + w), r * W + x);
    else this.before = shown.slice();
    const vp8l = sharp(rgba, { raw: { width: w, height: h, channels: 4 } })
      .webp({ lossless: true, effort: EFFORT, quality: QUALITY })
      .toBuffer()
      .then(extractVp8l);
    vp8l.catch(() => {}); // awaited in finish(); avoid an unhandled rejection meanwhile
    this.frames.push({ x, y, w, h, delay: f.delay, blend, vp8l });
  }

  async finish(): Promise<Uint8Array> {
    if (!this.frames.length) throw new Error('webp: no frames');
    const chunks: Uint8Array[] = [chunk('VP8X', vp8x(this.width, this.height)), chunk('ANIM', anim(this.loop))];
    for (const f of this.frames) {
      const data = chunk('VP8L', await f.vp8l);
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

/** The VP8L payload of a simple-format lossless WebP still. */
export function extractVp8l(webp: Uint8Array): Uint8Array {
  const dv = new DataView(webp.buffer, webp.byteOffset, webp.byteLength);
  if (text(webp, 0, 4) !== 'RIFF' || text(webp, 8, 12) !== 'WEBP') throw new Error('webp: not a RIFF/WEBP file');
  for (let p = 12; p + 8 <= webp.length; ) {
    const size = dv.getUint32(p + 4, true);
    if (text(webp, p, p + 4) === 'VP8L') return webp.subarray(p + 8, p + 8 + size);
    p += 8 + size + (size & 1);
  }
  throw new Error('webp: no VP8L chunk (was the still encoded losslessly?)');
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
const text = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
