import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeAnimation, GifWriter, buildPalette, type FrameSource } from '../../src/gif';
import type { RgbaImage } from '../../src/plot';

const W = 64, H = 48;
const COLORS: [number, number, number][] = [[255, 255, 255], [78, 121, 167], [225, 87, 89], [20, 20, 20]];

/** White frame with a 10×8 blue square moving right and a red bar growing with i. */
function frame(i: number): RgbaImage {
  const data = new Uint8ClampedArray(W * H * 4).fill(255);
  const set = (x: number, y: number, c: [number, number, number]) => { const o = 4 * (y * W + x); data[o] = c[0]; data[o + 1] = c[1]; data[o + 2] = c[2]; };
  for (let y = 10; y < 18; y++) for (let x = 4 * i; x < 4 * i + 10; x++) set(x, y, COLORS[1]);
  for (let y = 40; y < 44; y++) for (let x = 0; x <= 3 * i; x++) set(x, y, COLORS[2]);
  set(0, 0, COLORS[3]);
  return { width: W, height: H, data };
}

async function decode(gif: Uint8Array) {
  const img = sharp(Buffer.from(gif), { animated: true });
  const meta = await img.metadata();
  const { data, info } = await img.raw().ensureAlpha().toBuffer({ resolveWithObject: true });
  const page = (k: number) => data.subarray(k * W * H * 4, (k + 1) * W * H * 4);
  return { meta, info, page };
}

const rgbEqual = (a: Uint8Array | Uint8ClampedArray, b: Uint8Array | Uint8ClampedArray) => {
  let bad = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) bad++;
  return bad;
};

describe('encodeAnimation', () => {
  it('decodes to the right frame count, size, delays, loop, and exact first/last frames', async () => {
    const n = 8;
    const res = await encodeAnimation({ frames: n, render: frame, delay: 100, firstDelay: 1500, lastDelay: 2000 });
    const { meta, page } = await decode(res.gif);
    expect(meta.pages).toBe(n);
    expect(meta.width).toBe(W);
    expect(meta.pageHeight).toBe(H);
    expect(meta.loop).toBe(0);
    expect(meta.delay).toEqual([1500, 100, 100, 100, 100, 100, 100, 2000]);
    for (let k = 0; k < n; k++) expect(rgbEqual(page(k), frame(k).data)).toBe(0);
    // Poster is the last frame, unquantised.
    const poster = await sharp(Buffer.from(res.poster)).raw().ensureAlpha().toBuffer();
    expect(rgbEqual(poster, frame(n - 1).data)).toBe(0);
  });

  it('is byte-identical for identical inputs', async () => {
    const a = await encodeAnimation({ frames: 6, render: frame });
    const b = await encodeAnimation({ frames: 6, render: frame });
    expect(Buffer.from(a.gif).equals(Buffer.from(b.gif))).toBe(true);
    expect(Buffer.from(a.poster).equals(Buffer.from(b.poster))).toBe(true);
  });

  it('crops later frames to the changed box (much smaller than full frames) and merges repeated frames', async () => {
    const palette = buildPalette([frame(0), frame(5)]);
    const full = new GifWriter({ width: W, height: H, palette });
    full.add(frame(0), 100);
    const one = full.finish().length;
    const w = new GifWriter({ width: W, height: H, palette });
    w.add(frame(0), 100);
    w.add(frame(0), 100); // identical: merged
    w.add(frame(1), 100);
    const gif = w.finish();
    expect(w.framesWritten).toBe(2);
    // The second frame only carries the changed boxes, so it costs far less than the first.
    expect(gif.length - one).toBeLessThan(one / 2);
    const { meta, page } = await decode(gif);
    expect(meta.pages).toBe(2);
    expect(meta.delay).toEqual([200, 100]);
    expect(rgbEqual(page(1), frame(1).data)).toBe(0);
  });

  it('accepts objects with rgba() (figures) and validates frame counts', async () => {
    const src = (i: number): FrameSource => ({ rgba: () => frame(i) });
    const res = await encodeAnimation({ frames: 2, render: src });
    expect((await decode(res.gif)).meta.pages).toBe(2);
    await expect(encodeAnimation({ frames: 0, render: frame })).rejects.toThrow(/positive/);
  });
});

/** A busy frame: white, a flat grey grid, and moving soft-edged (blended) blue stripes. */
function soft(i: number): RgbaImage {
  const data = new Uint8ClampedArray(W * H * 4).fill(255);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const o = 4 * (y * W + x);
    if (x % 16 === 0 || y % 16 === 0) { data[o] = data[o + 1] = data[o + 2] = 221; continue; }
    const t = 0.5 + 0.5 * Math.sin((x + 0.7 * i + 0.3 * y) / 3);
    if (t > 0.3) { data[o] = Math.round(255 + (78 - 255) * t); data[o + 1] = Math.round(255 + (121 - 255) * t); data[o + 2] = Math.round(255 + (167 - 255) * t); }
  }
  return { width: W, height: H, data };
}

describe('tolerances', () => {
  it('exact mode decodes every frame to its palette mapping; default mode keeps flat colours exact and blends close', async () => {
    const frames = Array.from({ length: 6 }, (_, i) => soft(i));
    const palette = buildPalette(frames, { maxColors: 255 });
    const exact = new GifWriter({ width: W, height: H, palette, temporalTolerance: 0, lzwTolerance: 0 });
    const loose = new GifWriter({ width: W, height: H, palette });
    for (const f of frames) { exact.add(f, 100); loose.add(f, 100); }
    const a = await decode(exact.finish()), b = await decode(loose.finish());
    for (let k = 0; k < frames.length; k++) {
      const src = frames[k].data, pa = a.page(k), pb = b.page(k);
      let worst = 0;
      for (let i = 0; i < src.length; i += 4) {
        // ≤ 255 distinct colours in the input: the palette holds them all, so exact mode is lossless.
        expect([pa[i], pa[i + 1], pa[i + 2]]).toEqual([src[i], src[i + 1], src[i + 2]]);
        const flat = (src[i] === 255 && src[i + 1] === 255 && src[i + 2] === 255) || src[i] === 221;
        const d = Math.max(Math.abs(pb[i] - src[i]), Math.abs(pb[i + 1] - src[i + 1]), Math.abs(pb[i + 2] - src[i + 2]));
        if (flat) expect(d).toBe(0);
        worst = Math.max(worst, d);
      }
      // Weighted distance ≤ 9·12² bounds every channel step by 12·√(9/2) ≈ 25.
      expect(worst).toBeLessThanOrEqual(26);
    }
  });
});

describe('tiny changes', () => {
  it('encodes a one-pixel change as a 1×1 frame', async () => {
    const a = frame(0), b = frame(0);
    b.data[4 * (5 * W + 7)] = 20; b.data[4 * (5 * W + 7) + 1] = 20; b.data[4 * (5 * W + 7) + 2] = 20;
    const w = new GifWriter({ width: W, height: H, palette: buildPalette([a, b]) });
    w.add(a, 100);
    w.add(b, 100);
    const { page } = await decode(w.finish());
    expect(rgbEqual(page(1), b.data)).toBe(0);
  });
});
