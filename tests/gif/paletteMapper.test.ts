/**
 * PaletteMapper.map with the previous frame: pixels equal to that frame's
 * reuse its indices instead of being looked up. The oracle is map without
 * it, on every frame: the indices must be the same.
 */
import { describe, expect, it } from 'vitest';
import { PaletteMapper, type Rgb } from '../../src/gif/palette';
import type { RgbaImage } from '../../src/plot/context';

const PALETTE: Rgb[] = [[255, 255, 255], [0, 0, 0], [31, 119, 180], [255, 127, 14], [128, 128, 128], [200, 220, 240]];

/** A frame: background, a moving anti-aliased band, and noise in one corner. */
function frame(t: number, w = 61, h = 37): RgbaImage {
  const data = new Uint8ClampedArray(w * h * 4);
  let seed = 12345 + t;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) & 255;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 4 * (y * w + x);
      const band = Math.max(0, 1 - Math.abs(x - 2 * t - y / 3) / 3);
      const v = x < 8 && y < 8 ? rand() : Math.round(255 * (1 - band));
      data[i] = v; data[i + 1] = Math.min(255, v + 10); data[i + 2] = 255 - (v >> 2); data[i + 3] = 255;
    }
  }
  return { width: w, height: h, data };
}

describe('PaletteMapper.map with the previous frame', () => {
  it('gives exactly the indices of a full mapping, frame after frame', () => {
    const full = new PaletteMapper(PALETTE), delta = new PaletteMapper(PALETTE);
    let previous: { img: RgbaImage; indices: Uint8Array } | undefined;
    let reused = 0;
    for (let t = 0; t < 12; t++) {
      const img = frame(t);
      const expected = full.map(img);
      const got = delta.map(img, undefined, previous);
      expect(Array.from(got)).toEqual(Array.from(expected));
      if (previous) {
        const a = new Uint32Array(previous.img.data.buffer), b = new Uint32Array(img.data.buffer);
        reused += a.filter((v, i) => v === b[i]).length;
      }
      previous = { img, indices: got };
    }
    // The frames do share most pixels, so the reuse path really ran.
    expect(reused).toBeGreaterThan(10 * 61 * 37 * 0.5);
  });

  it('maps in full a new frame drawn into the same buffer', () => {
    const mapper = new PaletteMapper(PALETTE);
    const img = frame(0);
    const first = mapper.map(img);
    img.data.set(frame(5).data); // the caller reused its buffer
    const second = mapper.map(img, undefined, { img, indices: first });
    expect(Array.from(second)).toEqual(Array.from(new PaletteMapper(PALETTE).map(frame(5))));
    expect(Array.from(second)).not.toEqual(Array.from(first));
  });
});

describe('PaletteMapper.release', () => {
  it('hands its table on cleared: a later mapper with another palette maps as a fresh one', () => {
    const other: Rgb[] = [[10, 10, 10], [250, 250, 250], [200, 30, 30]];
    const first = new PaletteMapper(PALETTE);
    for (let t = 0; t < 4; t++) first.map(frame(t));
    first.release();
    expect(() => first.map(frame(0))).toThrow(/after release/);
    // Takes the released table (the pool is per thread and the test runs alone in its file).
    const reused = new PaletteMapper(other);
    for (let t = 0; t < 4; t++) {
      const img = frame(t);
      expect(Array.from(reused.map(img))).toEqual(Array.from(new PaletteMapper(other).map(img)));
    }
  });
});
