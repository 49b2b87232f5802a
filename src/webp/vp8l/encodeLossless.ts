/**
 * A WebP lossless (VP8L, RFC 9649) encoder for what our animation frames are
 * made of: few colours, long runs, and rows that repeat the row above. It is
 * much simpler than libwebp's. On frame boxes of three of our animations it
 * took 25–50 % of libwebp's CPU (effort 2, quality 25); over every animated
 * WebP of the site the bytes are 4 % more (3 % for phones):
 *
 * - colour indexing when the image has ≤ 256 colours (always, for frames of a
 *   GIF palette plus "unchanged"), with pixel bundling for ≤ 16 colours;
 *   otherwise plain ARGB literals;
 * - LZ77 with only the references that matter for plots, the 2-D
 *   neighbourhood the format codes cheaply: left (runs), above (repeated
 *   rows) and offsets of up to 6 pixels and rows (PLANE);
 * - one prefix code per channel for the whole image (no entropy image, no
 *   colour cache, no predictor or colour transforms).
 *
 * Every stream it writes decodes, in libwebp, to exactly the input pixels
 * (tests/webp/encodeLossless.test.ts).
 */
import { BitWriter } from './bitWriter';
import { scratch } from './scratch';
import { writePrefixCode, type PrefixCode } from './writePrefixCode';

const MAX_SIZE = 1 << 14;
/**
 * The first 72 of the format's 120 short distance codes (RFC 9649 §4.2.2):
 * code k + 1 means the pixel dx to the left and dy rows up, distance
 * dx + dy × width. They cost a few bits each, against 10 and more for a
 * literal distance, and plots repeat at such offsets: 100 curves a few pixels
 * apart, an anti-aliased edge one row down. Over the site's animations the
 * four nearest alone left the bytes 9.5 % above libwebp's, all 72 4 %
 * (11–14 % on the densest one, 100 training curves: 33 % with four).
 */
const PLANE: [number, number][] = [
  [0, 1], [1, 0], [1, 1], [-1, 1], [0, 2], [2, 0], [1, 2], [-1, 2],
  [2, 1], [-2, 1], [2, 2], [-2, 2], [0, 3], [3, 0], [1, 3], [-1, 3],
  [3, 1], [-3, 1], [2, 3], [-2, 3], [3, 2], [-3, 2], [0, 4], [4, 0],
  [1, 4], [-1, 4], [4, 1], [-4, 1], [3, 3], [-3, 3], [2, 4], [-2, 4],
  [4, 2], [-4, 2], [0, 5], [3, 4], [-3, 4], [4, 3], [-4, 3], [5, 0],
  [1, 5], [-1, 5], [5, 1], [-5, 1], [2, 5], [-2, 5], [5, 2], [-5, 2],
  [4, 4], [-4, 4], [3, 5], [-3, 5], [5, 3], [-5, 3], [0, 6], [6, 0],
  [1, 6], [-1, 6], [6, 1], [-6, 1], [2, 6], [-2, 6], [6, 2], [-6, 2],
  [4, 5], [-4, 5], [5, 4], [-5, 4], [3, 6], [-3, 6], [6, 3], [-6, 3],
];
const MAX_COPY = 4096;
/** A copy shorter than this costs more bits than the literals it replaces. */
const MIN_COPY = 3;
/**
 * The other 68 distance codes are tried only when none of the nearest four
 * gave a copy this long: on the frame boxes of our densest animation (100
 * training curves) 1 % more bytes than always trying all 72, in 40 % of the
 * time. A hash chain that proposed only offsets starting with the same two
 * pixels was no faster on our frames, so every code is simply tried.
 */
const NEAREST = 4;
const LONG_ENOUGH = 8;

/** VP8L bit stream (the payload of a 'VP8L' chunk) of a width × height image of 0xAARRGGBB pixels. */
export function encodeLossless(width: number, height: number, argb: Uint32Array): Uint8Array {
  checkSize(width, height, argb.length);
  const table = colourTable(argb);
  // With a table, its few colours tell; otherwise every pixel is looked at.
  return encode(width, height, table ?? argb, table ? table.colours.some((c) => c >>> 24 !== 0xff) : hasAlpha(argb));
}

/**
 * The same bit stream as encodeLossless for the image whose pixel i is
 * colours[indices[i]], from the indices: an animation frame already is
 * palette indices, so neither the ARGB pixels nor a search for the colours
 * they hold is needed. `colours` has at most 256 entries; unused ones and
 * repeated colours are allowed.
 */
export function encodeIndexed(width: number, height: number, indices: Uint8Array, colours: Uint32Array): Uint8Array {
  checkSize(width, height, indices.length);
  if (colours.length > 256) throw new Error(`vp8l: ${colours.length} colours, at most 256`);
  const table = usedColourTable(indices, colours);
  return encode(width, height, table, table.colours.some((c) => c >>> 24 !== 0xff));
}

function checkSize(width: number, height: number, pixels: number): void {
  if (!(width >= 1 && height >= 1 && width <= MAX_SIZE && height <= MAX_SIZE)) throw new Error(`vp8l: size ${width}×${height} out of range`);
  if (pixels !== width * height) throw new Error('vp8l: pixel count does not match the size');
}

/** Header, then either the colour-indexing transform and the bundled indices, or the ARGB pixels. */
function encode(width: number, height: number, image: ColourTable | Uint32Array, alpha: boolean): Uint8Array {
  const bw = new BitWriter();
  bw.write(0x2f, 8);
  bw.write(width - 1, 14);
  bw.write(height - 1, 14);
  bw.write(alpha ? 1 : 0, 1);
  bw.write(0, 3); // version
  let pixels: Uint32Array, codedWidth = width;
  if (image instanceof Uint32Array) {
    pixels = image;
  } else {
    bw.write(1, 1); // a transform follows
    bw.write(3, 2); // colour indexing
    bw.write(image.colours.length - 1, 8);
    writeImageData(bw, subtractionCoded(image.colours), image.colours.length, false);
    ({ pixels, width: codedWidth } = bundle(image.indices, width, height, image.colours.length));
  }
  bw.write(0, 1); // no more transforms
  writeImageData(bw, pixels, codedWidth, true);
  return bw.finish();
}

/** The colours an image holds, sorted, and each pixel's index into them. */
interface ColourTable { colours: Uint32Array; indices: Uint8Array }

/**
 * The table colourTable would find in colours[indices[i]]: the distinct
 * colours used, sorted, with the indices renumbered into it.
 */
function usedColourTable(indices: Uint8Array, colours: Uint32Array): ColourTable {
  const used = new Uint8Array(256);
  // Four indices at a time where they repeat the last four (runs, mostly "unchanged").
  const n4 = indices.byteOffset % 4 === 0 ? indices.length >> 2 : 0;
  const words = new Uint32Array(indices.buffer, indices.byteOffset, n4);
  let last = -1;
  for (let q = 0; q < n4; q++) {
    if (words[q] === last) continue;
    last = words[q];
    used[last & 255] = used[(last >>> 8) & 255] = used[(last >>> 16) & 255] = used[last >>> 24] = 1;
  }
  for (let i = 4 * n4; i < indices.length; i++) used[indices[i]] = 1;
  for (let k = colours.length; k < 256; k++) if (used[k]) throw new Error(`vp8l: index ${k} but only ${colours.length} colours`);
  const distinct = [...new Set(Array.from(colours).filter((_, k) => used[k]))];
  const sorted = Uint32Array.from(distinct).sort();
  const rank = new Uint8Array(256);
  for (let k = 0; k < colours.length; k++) if (used[k]) rank[k] = sorted.indexOf(colours[k]);
  const out = scratch('indices', Uint8Array, indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = rank[indices[i]];
  return { colours: sorted, indices: out };
}

function hasAlpha(argb: Uint32Array): boolean {
  for (let i = 0; i < argb.length; i++) if (argb[i] >>> 24 !== 0xff) return true;
  return false;
}

/**
 * The image's colours, sorted, and each pixel's index, or null past 256
 * colours. Sorted, the table's entries differ little from one to the next,
 * which is how the table is sent (subtractionCoded); the pixels' prefix code
 * does not care about the order.
 */
function colourTable(argb: Uint32Array): ColourTable | null {
  // Open-addressing set of the colours seen (a JS Map would box most ARGB words, which exceed a small integer).
  const keys = new Uint32Array(HASH_SIZE), filled = new Uint8Array(HASH_SIZE), slotOf = scratch('slotOf', Uint16Array, argb.length);
  const found: number[] = [];
  let last = -1, lastSlot = 0;
  for (let i = 0; i < argb.length; i++) {
    const c = argb[i];
    if (c !== last) {
      let h = Math.imul(c, 0x9e3779b1) >>> (32 - HASH_BITS);
      while (filled[h] && keys[h] !== c) h = (h + 1) & (HASH_SIZE - 1);
      if (!filled[h]) {
        if (found.length === 256) return null;
        filled[h] = 1;
        keys[h] = c;
        found.push(c);
      }
      last = c;
      lastSlot = h;
    }
    slotOf[i] = lastSlot;
  }
  const colours = Uint32Array.from(found).sort();
  const indexOfSlot = new Uint8Array(HASH_SIZE);
  for (let k = 0; k < colours.length; k++) {
    let h = Math.imul(colours[k], 0x9e3779b1) >>> (32 - HASH_BITS);
    while (keys[h] !== colours[k]) h = (h + 1) & (HASH_SIZE - 1);
    indexOfSlot[h] = k;
  }
  const indices = scratch('indices', Uint8Array, argb.length);
  for (let i = 0; i < argb.length; i++) indices[i] = indexOfSlot[slotOf[i]];
  return { colours, indices };
}

/** Slots of the colour set: four times the most colours it holds before giving up (257). */
const HASH_BITS = 10;
const HASH_SIZE = 1 << HASH_BITS;

/** The colour table is sent as each entry minus the previous one, per channel modulo 256. */
function subtractionCoded(colours: Uint32Array): Uint32Array {
  const out = new Uint32Array(colours.length);
  for (let i = 0; i < colours.length; i++) {
    const a = colours[i], b = i ? colours[i - 1] : 0;
    let d = 0;
    for (let shift = 0; shift < 32; shift += 8) d |= (((a >>> shift) - (b >>> shift)) & 0xff) << shift;
    out[i] = d >>> 0;
  }
  return out;
}

/**
 * Indices as the pixels the decoder reads: the index in the green channel,
 * and with ≤ 16 colours 2, 4 or 8 indices packed into one pixel (first index
 * in the lowest bits), as the format requires for such small tables.
 */
function bundle(indices: Uint8Array, width: number, height: number, colours: number): { pixels: Uint32Array; width: number } {
  const widthBits = colours <= 2 ? 3 : colours <= 4 ? 2 : colours <= 16 ? 1 : 0;
  const per = 1 << widthBits, bits = 8 >> widthBits;
  const packedWidth = Math.ceil(width / per);
  const pixels = scratch('bundled', Uint32Array, packedWidth * height).fill(0);
  for (let y = 0; y < height; y++) {
    const row = y * width, out = y * packedWidth;
    for (let x = 0; x < width; x++) pixels[out + (x >> widthBits)] |= indices[row + x] << (8 + bits * (x & (per - 1)));
  }
  return { pixels, width: packedWidth };
}

/**
 * Colour-cache info, the five prefix codes and the LZ77-coded pixels. `main`:
 * the image itself, which also says it has no meta prefix codes and may use
 * backward references (the colour table is a small image sent with literals).
 */
function writeImageData(bw: BitWriter, pixels: Uint32Array, width: number, main: boolean): void {
  bw.write(0, 1); // no colour cache: on our frames it cost 2–3 % more bytes at every size tried
  if (main) bw.write(0, 1); // no meta prefix codes: one set for the whole image
  const tokens = main ? lz77(pixels, width) : literals(pixels);
  const green = new Uint32Array(256 + 24), red = new Uint32Array(256), blue = new Uint32Array(256), alpha = new Uint32Array(256);
  const distance = new Uint32Array(40);
  for (let t = 0; t < tokens.count; t++) {
    const v = tokens.value[t], code = tokens.plane[t];
    if (code === 0) {
      green[(v >>> 8) & 0xff]++;
      red[(v >>> 16) & 0xff]++;
      blue[v & 0xff]++;
      alpha[v >>> 24]++;
    } else {
      green[256 + prefixSymbol(v - 1)]++;
      distance[prefixSymbol(code - 1)]++;
    }
  }
  const g = writePrefixCode(bw, green), r = writePrefixCode(bw, red), b = writePrefixCode(bw, blue), a = writePrefixCode(bw, alpha);
  const d = writePrefixCode(bw, distance);
  for (let t = 0; t < tokens.count; t++) {
    const v = tokens.value[t], code = tokens.plane[t];
    if (code === 0) {
      put(bw, g, (v >>> 8) & 0xff);
      put(bw, r, (v >>> 16) & 0xff);
      put(bw, b, v & 0xff);
      put(bw, a, v >>> 24);
    } else {
      putValue(bw, g, 256, v - 1);
      putValue(bw, d, 0, code - 1);
    }
  }
}

/** A literal is (pixel, plane 0); a copy is (length, its plane distance code 1–4). */
interface Tokens { value: Uint32Array; plane: Uint8Array; count: number }

function literals(pixels: Uint32Array): Tokens {
  return { value: pixels, plane: new Uint8Array(pixels.length), count: pixels.length };
}

/**
 * Greedy LZ77 over the short distance codes (PLANE), with one step of lazy
 * matching: a copy is put off by one pixel when the next pixel starts a copy
 * more than one pixel longer (3 % fewer bytes on our frames).
 */
function lz77(pixels: Uint32Array, width: number): Tokens {
  const n = pixels.length;
  const value = scratch('value', Uint32Array, n), plane = scratch('plane', Uint8Array, n);
  let count = 0;
  // Distances in pixels; a code whose offset falls before the row start still means at least 1, as in the decoder.
  const distances = PLANE.map(([dx, dy]) => Math.max(1, dx + dy * width));
  let matchLength = 0, matchCode = 0;
  /** The longest copy at i longer than `floor` (matchCode 0: none), over the first `candidates` codes. */
  const longestMatch = (i: number, candidates = distances.length, floor = 0): void => {
    matchLength = floor;
    matchCode = 0;
    const end = Math.min(n, i + MAX_COPY);
    for (let c = 0; c < candidates; c++) {
      if (c === NEAREST && matchLength >= LONG_ENOUGH) break;
      const dist = distances[c];
      if (dist > i) continue;
      // Only a longer copy counts, and this one cannot be longer if it differs at the current best's length.
      if (matchLength > 0 && (i + matchLength >= end || pixels[i + matchLength] !== pixels[i + matchLength - dist])) continue;
      let l = 0;
      while (i + l < end && pixels[i + l] === pixels[i + l - dist]) l++;
      if (l > matchLength) (matchLength = l), (matchCode = c + 1);
    }
  };
  for (let i = 0; i < n; ) {
    longestMatch(i);
    let length = matchCode ? matchLength : 0;
    const code = matchCode;
    if (length >= MIN_COPY && i + 1 < n) {
      // The look-ahead tries only the nearest codes (0.1–0.5 % more bytes, a fifth less time),
      // and only for a copy long enough to matter, which most candidates fail at a glance.
      longestMatch(i + 1, NEAREST, length + 1);
      if (matchCode !== 0) length = 0;
    }
    if (length >= MIN_COPY) {
      value[count] = length;
      plane[count++] = code;
      i += length;
    } else {
      value[count] = pixels[i++];
      plane[count++] = 0;
    }
  }
  return { value, plane, count };
}

function put(bw: BitWriter, code: PrefixCode, symbol: number): void {
  const l = code.lengths[symbol];
  if (l) bw.write(code.codes[symbol], l);
}

/** A length or distance as its prefix symbol (offset by `base` in the alphabet) and extra bits. */
function putValue(bw: BitWriter, code: PrefixCode, base: number, v: number): void {
  put(bw, code, base + prefixSymbol(v));
  if (v >= 4) {
    const extraBits = (31 - Math.clz32(v)) - 1;
    bw.write(v & ((1 << extraBits) - 1), extraBits);
  }
}

/**
 * Prefix symbol of v = value − 1 (RFC 9649 §3.6.2): 0–3 stand for themselves;
 * above, the symbol is twice the highest set bit's position plus the next bit.
 */
function prefixSymbol(v: number): number {
  if (v < 4) return v;
  const high = 31 - Math.clz32(v);
  return 2 * high + ((v >>> (high - 1)) & 1);
}
