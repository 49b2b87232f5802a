/**
 * One global palette per animation (no flicker: a colour never changes index
 * between frames). Built from a sample of frames:
 *  1. the most frequent exact colours (the theme's pure line, text and
 *     background colours) are kept verbatim, so thin but important marks keep
 *     their exact colour;
 *  2. the remaining slots are filled by gifenc's PNN quantiser over the pixels
 *     not already covered (anti-aliasing blends).
 * Pixels are then mapped through a lookup over all 2^24 RGB colours whose
 * entries are computed from the colour itself (PaletteMapper), so the mapping
 * never depends on pixel order and identical inputs give identical indices.
 */
import { quantize } from './gifencModule';
import type { RgbaImage } from '../plot/context';
import { parseColor } from '../plot/colormap';

export type Rgb = [number, number, number];

export interface PaletteOptions {
  /** Total colours (≤ 255, default 127: with the transparent index that is 7-bit LZW codes). */
  maxColors?: number;
  /** How many exact colours to keep verbatim (default 48). */
  anchors?: number;
  /** A colour must cover this fraction of sampled pixels to be an anchor (default 2e-5). */
  anchorMinFraction?: number;
  /**
   * Shade ramps instead of a generic quantiser: for each colour listed (the marks' colours,
   * e.g. the theme palette and its foreground), `rampSteps` evenly spaced shades from the
   * background (the most frequent colour) to that colour. Anti-aliased and translucent pixels
   * of a mark are blends of the background and its colour, so they land on a shade of their
   * own hue; this keeps hues with far fewer colours than a quantiser needs.
   * The palette is then: anchors, the ramps, and (up to maxColors) quantised colours for
   * pixels no entry is close to (e.g. crossings of two hues).
   */
  ramps?: readonly (string | Rgb)[];
  /** Shades per ramp, the pure colour included and the background excluded (default 4). */
  rampSteps?: number;
}

/** Build a palette (≤ maxColors entries) from sample frames. Deterministic. */
export function buildPalette(samples: RgbaImage[], o: PaletteOptions = {}): Rgb[] {
  const maxColors = Math.min(255, o.maxColors ?? 127);
  const maxAnchors = Math.min(maxColors, o.anchors ?? (o.ramps?.length ? 8 : 48));
  const counts = new Map<number, number>();
  let total = 0;
  for (const s of samples) {
    countColours(s, counts);
    total += s.data.length / 4;
  }
  const minCount = Math.max(1, Math.ceil(total * (o.anchorMinFraction ?? 2e-5)));
  const anchors = [...counts.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, maxAnchors)
    .map(([k]) => k);
  const palette: Rgb[] = anchors.map((k) => [(k >> 16) & 255, (k >> 8) & 255, k & 255]);
  if (o.ramps?.length) return addRamps(palette, counts, o.ramps, o.rampSteps ?? 4, maxColors);
  if (counts.size <= maxColors) {
    // Few enough colours: keep every one exactly.
    for (const k of [...counts.keys()].sort((a, b) => a - b)) if (!anchors.includes(k)) palette.push([(k >> 16) & 255, (k >> 8) & 255, k & 255]);
    return palette;
  }
  const anchorSet = new Set(anchors);
  const rest: number[] = [];
  for (const [k, c] of [...counts.entries()].sort((a, b) => a[0] - b[0])) {
    if (anchorSet.has(k)) continue;
    // Weight by count, but cap so the quantiser input stays small.
    for (let j = 0; j < Math.min(c, 16); j++) rest.push(k);
  }
  const free = maxColors - palette.length;
  if (free > 0 && rest.length) {
    for (const c of quantize(packedToRgba(rest), free, { format: 'rgb565' })) palette.push([c[0], c[1], c[2]]);
  }
  return palette;
}

/**
 * Add each pixel's 0xRRGGBB to `counts`. Frames are mostly runs of one colour
 * (background, flat marks), so a run is counted with one map update: the map
 * update per pixel was most of the palette's cost.
 */
function countColours(img: RgbaImage, counts: Map<number, number>): void {
  const d = img.data;
  let run = 0, runKey = -1;
  for (let i = 0; i < d.length; i += 4) {
    const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
    if (k === runKey) { run++; continue; }
    if (run) counts.set(runKey, (counts.get(runKey) ?? 0) + run);
    runKey = k;
    run = 1;
  }
  if (run) counts.set(runKey, (counts.get(runKey) ?? 0) + run);
}

const rgbOf = (c: string | Rgb): Rgb => (typeof c === 'string' ? parseColor(c) : c);
const keyOf = (c: Rgb) => (c[0] << 16) | (c[1] << 8) | c[2];
/** Weighted RGB distance, as PaletteMapper uses. */
const dist2 = (a: Rgb, b: Rgb) => {
  const dr = a[0] - b[0], dg = a[1] - b[1], db = a[2] - b[2];
  return 2 * dr * dr + 4 * dg * dg + 3 * db * db;
};
/** Sampled colours farther than this per-channel step from every entry get quantised slots. */
const RAMP_RESIDUAL_STEP = 16;

/**
 * Ramp palette (see PaletteOptions.ramps): after the anchors (the first is
 * the background), `steps` shades from the background to each ramp colour;
 * free slots go to gifenc's quantiser over the sampled colours that no entry
 * is close to (crossings of two hues, colours not listed).
 */
function addRamps(palette: Rgb[], counts: Map<number, number>, ramps: readonly (string | Rgb)[], steps: number, maxColors: number): Rgb[] {
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`palette: rampSteps must be a positive integer, got ${steps}`);
  let bg: Rgb = palette[0];
  if (!bg) {
    // No colour frequent enough to anchor: the most frequent one is still the background.
    let best = -1, bestC = -1;
    for (const [k, c] of counts) if (c > bestC || (c === bestC && k < best)) { best = k; bestC = c; }
    bg = [(best >> 16) & 255, (best >> 8) & 255, best & 255];
    palette.push(bg);
  }
  const have = new Set(palette.map(keyOf));
  // Shade by shade across all ramps, pure colours first and then darker to lighter, so a tight
  // maxColors drops the lightest blends (which then round to the background or the next shade).
  for (let s = steps; s >= 1; s--) {
    for (const c of ramps) {
      const to = rgbOf(c), t = s / steps;
      const shade: Rgb = [0, 1, 2].map((j) => Math.round(bg[j] + (to[j] - bg[j]) * t)) as Rgb;
      const k = keyOf(shade);
      if (have.has(k) || palette.length >= maxColors) continue;
      have.add(k);
      palette.push(shade);
    }
  }
  const free = maxColors - palette.length;
  if (free <= 0) return palette;
  const rest: number[] = [];
  const far = 9 * RAMP_RESIDUAL_STEP * RAMP_RESIDUAL_STEP;
  for (const [k, c] of [...counts.entries()].sort((a, b) => a[0] - b[0])) {
    const rgb: Rgb = [(k >> 16) & 255, (k >> 8) & 255, k & 255];
    let d = Infinity;
    for (const p of palette) d = Math.min(d, dist2(rgb, p));
    if (d <= far) continue;
    for (let j = 0; j < Math.min(c, 16); j++) rest.push(k);
  }
  if (!rest.length) return palette;
  for (const c of quantize(packedToRgba(rest), free, { format: 'rgb565' })) {
    const k = keyOf([c[0], c[1], c[2]]);
    if (!have.has(k)) { have.add(k); palette.push([c[0], c[1], c[2]]); }
  }
  return palette;
}

/**
 * Maps RGBA pixels to palette indices through a lookup over all 2^24 RGB
 * colours (16 MB, filled lazily): each distinct colour's nearest palette entry
 * is computed once from the colour itself, so the mapping is exact for palette
 * colours and never depends on pixel order.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Tables of released mappers, cleared, for the next mapper of this thread. A
 * new 16 MB table is 16 MB of memory to zero, which the allocator often has
 * to fault in fresh (about 20 ms on our build machine, for each of the
 * dozens of animations a build encodes); clearing the few thousand entries a
 * mapper set costs next to nothing.
 */
const freeTables: Uint8Array[] = [];
const MAX_FREE_TABLES = 4;

export class PaletteMapper {
  /** Palette index + 1, or 0 when not computed yet; null once released. */
  private lut: Uint8Array | null = freeTables.pop() ?? new Uint8Array(1 << 24);
  /** The keys set in `lut`, so release() clears only those. */
  private setKeys = new Uint32Array(1024);
  private setCount = 0;
  constructor(readonly palette: Rgb[]) {
    if (palette.length > 255) throw new Error('palette: at most 255 colours');
  }

  /**
   * Done mapping: the table goes back for the next mapper, cleared. Optional
   * (an unreleased mapper is simply collected); map() throws after it.
   */
  release(): void {
    const lut = this.lut;
    if (!lut) return;
    this.lut = null;
    for (let i = 0; i < this.setCount; i++) lut[this.setKeys[i]] = 0;
    if (freeTables.length < MAX_FREE_TABLES) freeTables.push(lut);
  }

  /** lut entry (index + 1) of a colour not looked up yet, recorded for release(). */
  private resolve(lut: Uint8Array, key: number): number {
    if (this.setCount === this.setKeys.length) {
      const bigger = new Uint32Array(this.setKeys.length * 2);
      bigger.set(this.setKeys);
      this.setKeys = bigger;
    }
    this.setKeys[this.setCount++] = key;
    return (lut[key] = this.nearest(key & 255, (key >> 8) & 255, key >>> 16) + 1);
  }

  /**
   * Candidate palette entries per 8×8×8 RGB cell (32³ cells, filled lazily):
   * the entries whose distance to the cell could beat the best worst-case
   * distance, so a colour's nearest entry is always among its cell's
   * candidates (the result is identical to a full search, just faster).
   */
  private readonly cellStart = new Int32Array(32768).fill(-1);
  private readonly cellLen = new Uint8Array(32768);
  private cellList = new Uint8Array(1 << 16);
  private cellUsed = 0;

  private candidates(cell: number): number {
    const r0 = (cell >> 10) << 3, g0 = ((cell >> 5) & 31) << 3, b0 = (cell & 31) << 3;
    const p = this.palette;
    const lo = new Float64Array(p.length);
    let bound = Infinity;
    const axis = (v: number, a: number) => (v < a ? a - v : v > a + 7 ? v - a - 7 : 0);
    const far = (v: number, a: number) => Math.max(Math.abs(v - a), Math.abs(v - a - 7));
    for (let i = 0; i < p.length; i++) {
      const dr = axis(p[i][0], r0), dg = axis(p[i][1], g0), db = axis(p[i][2], b0);
      lo[i] = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
      const fr = far(p[i][0], r0), fg = far(p[i][1], g0), fb = far(p[i][2], b0);
      bound = Math.min(bound, 2 * fr * fr + 4 * fg * fg + 3 * fb * fb);
    }
    if (this.cellUsed + p.length > this.cellList.length) {
      const bigger = new Uint8Array(this.cellList.length * 2);
      bigger.set(this.cellList);
      this.cellList = bigger;
    }
    const start = this.cellUsed;
    for (let i = 0; i < p.length; i++) if (lo[i] <= bound) this.cellList[this.cellUsed++] = i;
    this.cellStart[cell] = start;
    this.cellLen[cell] = this.cellUsed - start;
    return start;
  }

  private nearest(r: number, g: number, b: number): number {
    const cell = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
    let start = this.cellStart[cell];
    if (start < 0) start = this.candidates(cell);
    const end = start + this.cellLen[cell], list = this.cellList, p = this.palette;
    let best = 0, bestD = Infinity;
    // Candidates are in palette order, so ties go to the lowest index as in a full search.
    for (let k = start; k < end; k++) {
      const i = list[k];
      // Weighted RGB distance (closer to perceived difference than plain RGB).
      const dr = r - p[i][0], dg = g - p[i][1], db = b - p[i][2];
      const d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  }

  /**
   * Palette index of every pixel. With `previous` (an earlier image of the
   * same size and the indices this mapper gave it), pixels equal to that
   * image's are given its indices without a lookup: the same result, since a
   * pixel's index depends on its colour alone, but an animation frame is
   * mostly the previous one (grid, tick labels, text, still curves), where
   * the lookups cost most, one per short run of anti-aliased colour.
   */
  map(img: RgbaImage, out: Uint8Array = new Uint8Array(img.width * img.height), previous?: { img: RgbaImage; indices: Uint8Array }): Uint8Array {
    const d = img.data, lut = this.lut;
    if (!lut) throw new Error('palette: map after release');
    const n = out.length;
    if (LITTLE_ENDIAN && d.byteOffset % 4 === 0) {
      // One 32-bit load per pixel (little-endian: r | g << 8 | b << 16); the table is keyed by that order.
      const px = new Uint32Array(d.buffer, d.byteOffset, n);
      const was = previous && isOtherFrameOfSize(previous.img, img) && previous.img.data.byteOffset % 4 === 0 && previous.indices.length === n
        ? { px: new Uint32Array(previous.img.data.buffer, previous.img.data.byteOffset, n), indices: previous.indices }
        : null;
      // Frames are mostly runs of one colour (background, flat marks): look each run up once,
      // find its end with a tight compare loop of whole words and fill it (a change of alpha
      // alone starts a new run, which maps the same: the table ignores alpha).
      for (let p = 0; p < n; ) {
        if (was && was.px[p] === px[p]) {
          let q = p + 1;
          while (q < n && was.px[q] === px[q]) q++;
          out.set(was.indices.subarray(p, q), p);
          p = q;
          continue;
        }
        const word = px[p], key = word & 0xffffff;
        let v = lut[key];
        if (v === 0) v = this.resolve(lut, key);
        let q = p + 1;
        while (q < n && px[q] === word) q++;
        if (q - p > 16) out.fill(v - 1, p, q);
        else for (let k = p; k < q; k++) out[k] = v - 1;
        p = q;
      }
      return out;
    }
    let lastKey = -1, lastV = 0;
    for (let i = 0, p = 0; p < n; i += 4, p++) {
      const key = d[i] | (d[i + 1] << 8) | (d[i + 2] << 16);
      if (key !== lastKey) {
        lastKey = key;
        lastV = lut[key];
        if (lastV === 0) lastV = this.resolve(lut, key);
      }
      out[p] = lastV - 1;
    }
    return out;
  }
}

/** `earlier` can stand for `img`'s previous frame: same size, and not the very same pixels (a reused buffer). */
const isOtherFrameOfSize = (earlier: RgbaImage, img: RgbaImage): boolean =>
  earlier.width === img.width && earlier.height === img.height && earlier.data !== img.data;

/** Packed 0xRRGGBB colours as opaque RGBA bytes, the input gifenc's quantiser takes. */
function packedToRgba(packed: readonly number[]): Uint8Array {
  const buf = new Uint8Array(packed.length * 4);
  for (let i = 0; i < packed.length; i++) {
    buf[4 * i] = (packed[i] >> 16) & 255;
    buf[4 * i + 1] = (packed[i] >> 8) & 255;
    buf[4 * i + 2] = packed[i] & 255;
    buf[4 * i + 3] = 255;
  }
  return buf;
}
