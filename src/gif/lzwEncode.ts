/**
 * GIF LZW encoder with "either" pixels, for frame differencing.
 *
 * In a differenced frame a pixel that did not change may be written either as
 * the transparent index (the previous frame shows through) or as its own
 * colour: both decode to the same picture. Encoders that fix that choice
 * up front (always transparent, or never) cut runs short: a row of white that
 * is partly unchanged and partly newly white becomes T T T W W T T. Here the
 * choice is made while encoding: greedily, the current LZW string is extended
 * by whichever of the two symbols already has a dictionary entry, so strings
 * grow as long as the dictionary allows; a new string starts with the symbol
 * of the previous pixel when that is allowed (continuing its run).
 *
 * Apart from that choice this is the classic GIF variant of LZW (as in
 * compress/GIFCOMPR.C and gifenc's lzwEncode.js, whose code-size and
 * table-reset rules are followed exactly): variable code width from
 * minCodeSize + 1 to 12 bits, a clear code when the 4096-entry table is full,
 * and the output packed LSB-first into sub-blocks of at most 255 bytes.
 * The dictionary is a direct child table (prefix code × 2^minCodeSize symbols) whose
 * used slots are remembered, so a table reset touches ≤ 4096 entries.
 */
import type { ByteBuffer } from './byteBuffer';
import { LzwCodeWriter, MAX_CODES } from './lzwCodeWriter';

/**
 * For lossy matching: for each palette index v, the other indices whose
 * colours are within tolerance of v's, closest first:
 * list[start[v] .. start[v + 1]).
 */
export interface NearTable { start: Int32Array; list: Uint8Array }

/** Scratch tables, shared by every call (encoding is synchronous). */
// Indexed (prefix << minCodeSize) | symbol: small palettes get a small, cache-friendly table.
const child = new Uint16Array(MAX_CODES * 256); // 0 = no entry (real codes are ≥ 4)
const used = new Int32Array(MAX_CODES);

/**
 * The w×h window at (x, y) of a row-major index image `value` (row length
 * `stride`). With `shown` (what the viewer shows now, same layout), pixels
 * equal to it may be written as the transparent index, and `shown` is
 * updated to what the decoder will show; without it (a key frame) the
 * written symbols are stored back into `value`.
 */
export interface LzwImage { value: Uint8Array; shown: Uint8Array | null; stride: number; x: number; y: number; w: number; h: number }

/**
 * Append the LZW image data (min-code-size byte, sub-blocks, terminator) of
 * `img` to `out`; `alt` is the transparent index. Deterministic.
 */
export function lzwEncode(img: LzwImage, alt: number, minCodeSize: number, out: ByteBuffer, near: NearTable | null = null): void {
  if (img.w < 1 || img.h < 1) throw new Error('lzw: empty image');
  if (minCodeSize > 8) throw new Error('lzw: at most 8-bit symbols');
  const clearCode = 1 << minCodeSize;
  const eoiCode = clearCode + 1;
  let free = clearCode + 2;
  let nUsed = 0;
  const codes = new LzwCodeWriter(out, minCodeSize);
  codes.code(clearCode, free);
  const nearStart = near?.start, nearList = near?.list;
  const { value, shown, stride, x: x0, y: y0, w, h } = img;
  let ent = -1;
  for (let y = 0; y < h; y++) {
    const row = (y0 + y) * stride + x0;
    for (let i = row; i < row + w; i++) {
      const v = value[i];
      const flex = shown !== null && shown[i] === v;
      if (ent < 0) {
        ent = flex ? alt : v;
        // Record what the viewer will show (the first pixel of a box too: it was
        // once left out, so the writer's idea of the screen drifted from the GIF's).
        if (shown === null) value[i] = ent;
        else if (!flex) shown[i] = v;
        continue;
      }
      const base = ent << minCodeSize;
      let c = flex ? alt : v;
      // Extend the string by the exact symbol(s) first: transparent, then the pixel's own colour.
      let next = child[base | c];
      if (next === 0 && flex) { next = child[base | v]; if (next !== 0) c = v; }
      if (next === 0 && nearList !== undefined) {
        // Then by a palette colour within tolerance of the pixel's (closest first).
        for (let k = nearStart![v], e = nearStart![v + 1]; k < e; k++) {
          const s = nearList[k];
          const nx = child[base | s];
          if (nx !== 0) { next = nx; c = s; break; }
        }
      }
      if (next === 0) {
        // No match: emit the string and start a new one with the exact symbol.
        c = flex ? alt : v;
        codes.code(ent, free);
        if (free < MAX_CODES) {
          child[base | c] = free++;
          used[nUsed++] = base | c;
        } else {
          for (let k = 0; k < nUsed; k++) child[used[k]] = 0;
          nUsed = 0;
          free = clearCode + 2;
          codes.clear(clearCode);
        }
        next = c;
      }
      ent = next;
      // Record what the viewer will show.
      if (shown === null) value[i] = c;
      else if (c !== alt) shown[i] = c;
    }
  }
  codes.code(ent, free);
  codes.code(eoiCode, free);
  codes.finish();
  for (let k = 0; k < nUsed; k++) child[used[k]] = 0;
}
