/**
 * Our VP8L encoder against the reference decoder: libwebp (through sharp)
 * must give back exactly the pixels we encoded, on every path of the encoder
 * (colour indexing with each bundling width, plain ARGB past 256 colours,
 * transparency, copies longer than the format's longest, one pixel), and the
 * bytes must stay close to libwebp's own on a real plot. The indexed entry
 * (palette indices in, as animation frames are) must write exactly the
 * bytes the ARGB entry writes for the same image.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeRendition } from '../../src/pipeline/renditions/plan';
import { CanvasContext } from '../../src/plot/canvasContext';
import { encodeIndexed, encodeLossless } from '../../src/webp/vp8l/encodeLossless';

/** A simple-format lossless WebP file around a VP8L stream. */
function webpFile(vp8l: Uint8Array): Buffer {
  const pad = vp8l.length & 1;
  const b = Buffer.alloc(20 + vp8l.length + pad);
  b.write('RIFF', 0);
  b.writeUInt32LE(12 + vp8l.length + pad, 4);
  b.write('WEBPVP8L', 8);
  b.writeUInt32LE(vp8l.length, 16);
  b.set(vp8l, 20);
  return b;
}

const toArgb = (rgba: Uint8Array | Uint8ClampedArray): Uint32Array => {
  const out = new Uint32Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = ((rgba[4 * i + 3] << 24) | (rgba[4 * i] << 16) | (rgba[4 * i + 1] << 8) | rgba[4 * i + 2]) >>> 0;
  return out;
};

async function decoded(width: number, height: number, argb: Uint32Array): Promise<Uint32Array> {
  const { data, info } = await sharp(webpFile(encodeLossless(width, height, argb))).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([width, height]);
  return toArgb(data);
}

function image(width: number, height: number, colour: (x: number, y: number) => number): Uint32Array {
  const out = new Uint32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = colour(x, y) >>> 0;
  return out;
}

/** Deterministic pseudo-random integers (no Math.random in tests). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

describe('VP8L encoder, decoded by libwebp', () => {
  const cases: [string, number, number, (x: number, y: number) => number][] = [
    ['one pixel', 1, 1, () => 0xff123456],
    ['one colour', 13, 5, () => 0xff102030],
    ['2 colours (8 per pixel), odd width', 19, 7, (x, y) => ((x * y) % 3 ? 0xffffffff : 0xff000000)],
    ['4 colours (4 per pixel)', 23, 9, (x, y) => [0xff000000, 0xffff0000, 0xff00ff00, 0x00000000][(x + 2 * y) % 4]],
    ['16 colours (2 per pixel), transparency', 31, 11, (x, y) => (((x ^ y) & 15) === 0 ? 0 : 0xff000000 | ((x ^ y) & 15) * 0x0f0f0f)],
    ['200 colours', 40, 30, (x, y) => 0xff000000 | ((x * 5 + y) % 200) * 0x010305],
    ['more than 256 colours (ARGB literals)', 37, 29, (x, y) => 0xff000000 | (x * 29 + y) * 0x0107],
    ['runs longer than the longest copy (4096)', 300, 40, (x, y) => (y === 20 && x === 7 ? 0xffff0000 : 0xffffffff)],
    ['rows repeating the row above, shifted diagonally', 64, 48, (x, y) => (((x + y) >> 2) & 1 ? 0xff3366cc : 0xfff0f0f0)],
  ];
  for (const [name, w, h, colour] of cases) {
    it(name, async () => {
      const argb = image(w, h, colour);
      expect(Array.from(await decoded(w, h, argb))).toEqual(Array.from(argb));
    });
  }

  it('a pattern that repeats only at a farther 2-D offset (5 rows down, 3 pixels over)', async () => {
    const next = lcg(11);
    const tile = Array.from({ length: 5 * 64 }, () => 0xff000000 | (next() % 40) * 0x050403);
    const w = 64, h = 60;
    const argb = image(w, h, (x, y) => tile[(y % 5) * 64 + ((x + 3 * Math.floor(y / 5)) % 64)]);
    expect(Array.from(await decoded(w, h, argb))).toEqual(Array.from(argb));
    // Only the first five rows are new; with copies at that offset the rest costs almost nothing.
    expect(encodeLossless(w, h, argb).length).toBeLessThan((5 * w * 6) / 8 + 300);
  });

  it('noise with no copies to find', async () => {
    const next = lcg(7);
    const argb = image(50, 20, () => 0xff000000 | (next() & 0xffffff));
    expect(Array.from(await decoded(50, 20, argb))).toEqual(Array.from(argb));
  });

  it('skewed colour counts whose optimal prefix code is deeper than 15 bits', async () => {
    // Fibonacci-like counts force a Huffman tree about 25 deep, which the encoder must flatten.
    const counts = [1, 1];
    while (counts.length < 26) counts.push(counts[counts.length - 1] + counts[counts.length - 2]);
    const sequence: number[] = [];
    counts.forEach((c, k) => { for (let j = 0; j < Math.min(c, 4000); j++) sequence.push(k); });
    const next = lcg(3);
    for (let i = sequence.length - 1; i > 0; i--) { const j = next() % (i + 1); [sequence[i], sequence[j]] = [sequence[j], sequence[i]]; }
    const w = 100, h = Math.ceil(sequence.length / w);
    const argb = image(w, h, (x, y) => 0xff000000 | ((sequence[y * w + x] ?? 0) * 0x090a0b));
    expect(Array.from(await decoded(w, h, argb))).toEqual(Array.from(argb));
  });

  it('a drawn plot: exact, and within 20 % of libwebp effort 2 in bytes', async () => {
    const r = makeRendition({ layout: 'desktop', scheme: 'dark', pixelRatio: 1 }, 'full');
    const fig = r.figure({ height: 300 });
    const ax = fig.axes({ x: { domain: [0, 10], label: 'x' }, y: { domain: [-1, 1], label: 'y' } });
    const xs = Array.from({ length: 200 }, (_, i) => i / 20);
    for (let k = 0; k < 4; k++) ax.line(xs, xs.map((x) => Math.sin(x * (k + 1) * 0.7) * (1 - k / 5)), { color: r.theme.palette[k] });
    const canvas = new CanvasContext(fig.width, fig.height, fig.pixelRatio);
    const { width, height, data } = fig.rgba(canvas);
    const argb = toArgb(data);
    // Reduce to a few colours, as every animation frame is (a GIF palette).
    for (let i = 0; i < argb.length; i++) argb[i] = (argb[i] & 0xffe0e0e0) >>> 0;
    expect(Array.from(await decoded(width, height, argb))).toEqual(Array.from(argb));
    const ours = encodeLossless(width, height, argb).length;
    const rgba = Buffer.alloc(argb.length * 4);
    argb.forEach((c, i) => rgba.set([(c >>> 16) & 255, (c >>> 8) & 255, c & 255, c >>> 24], 4 * i));
    const libwebp = (await sharp(rgba, { raw: { width, height, channels: 4 } }).webp({ lossless: true, effort: 2, quality: 25 }).toBuffer()).length;
    // Measured 1.08× on this whole frame; over every animated WebP of the site, 1.04×.
    expect(ours).toBeLessThan(1.2 * libwebp);
  });

  it('gives the same bytes whatever was encoded before (its working arrays are reused)', () => {
    const next = lcg(5);
    const small = image(37, 23, (x, y) => ((x * y) % 7 ? 0xff000000 | (next() % 9) * 0x111111 : 0));
    const first = encodeLossless(37, 23, small);
    const big = image(300, 200, () => 0xff000000 | (next() % 200) * 0x010203);
    encodeLossless(300, 200, big);
    expect(Buffer.compare(Buffer.from(encodeLossless(37, 23, small)), Buffer.from(first))).toBe(0);
  });

  it('refuses sizes the format cannot hold', () => {
    expect(() => encodeLossless(0, 1, new Uint32Array(0))).toThrow(/out of range/);
    expect(() => encodeLossless(16385, 1, new Uint32Array(16385))).toThrow(/out of range/);
    expect(() => encodeLossless(2, 2, new Uint32Array(3))).toThrow(/pixel count/);
  });
});

describe('VP8L encoder from palette indices', () => {
  const palette = Uint32Array.from([0xffffffff, 0xff1f77b4, 0xffff7f0e, 0xff1f77b4, 0xff2ca02c, 0xff000000, 0x00000000]);
  const cases: [string, number, number, (x: number, y: number) => number][] = [
    ['one index', 9, 4, () => 2],
    ['2 used of 7 (bundled 8 per pixel)', 21, 6, (x, y) => ((x + y) % 3 ? 0 : 5)],
    ['a repeated colour and "unchanged"', 17, 9, (x, y) => [0, 1, 3, 6][(x * y) % 4]],
    ['all 7, unused none', 33, 12, (x, y) => (x * 3 + y) % 7],
  ];
  for (const [name, w, h, index] of cases) {
    it(`${name}: the same bytes as the ARGB pixels`, () => {
      const indices = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) indices[y * w + x] = index(x, y);
      const argb = Uint32Array.from(indices, (k) => palette[k]);
      expect(Buffer.compare(Buffer.from(encodeIndexed(w, h, indices, palette)), Buffer.from(encodeLossless(w, h, argb)))).toBe(0);
    });
  }

  it('200 palette entries, as a frame of a large GIF palette', () => {
    const big = Uint32Array.from({ length: 201 }, (_, k) => (k === 200 ? 0 : (0xff000000 | (k * 0x010305)) >>> 0));
    const next = lcg(11);
    const indices = Uint8Array.from({ length: 50 * 40 }, (_, i) => ((i >> 3) % 5 ? next() % 201 : 200));
    const argb = Uint32Array.from(indices, (k) => big[k]);
    expect(Buffer.compare(Buffer.from(encodeIndexed(50, 40, indices, big)), Buffer.from(encodeLossless(50, 40, argb)))).toBe(0);
  });

  it('refuses an index past the colours', () => {
    expect(() => encodeIndexed(2, 1, Uint8Array.from([0, 7]), palette)).toThrow(/index 7/);
  });
});
