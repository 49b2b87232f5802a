/**
 * A still rendition's bytes (src/pipeline/renditions/encode.ts): quantised
 * to a palette, then lossless WebP. The oracle is the RGBA as drawn: the
 * palette PNG must stay close to it everywhere (anti-aliasing blends may
 * round; flat colours may not move), and the WebP must hold exactly the
 * palette PNG's pixels.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeRendition } from '../../../src/pipeline/renditions/plan';
import { paletteStillPng, stillWebp } from '../../../src/pipeline/renditions/encode';
import { CanvasContext } from '../../../src/plot/canvasContext';

function drawnPlot(scheme: 'light' | 'dark') {
  const r = makeRendition({ layout: 'desktop', scheme, pixelRatio: 2 }, 'full');
  const fig = r.figure({ height: 320 });
  const ax = fig.axes({ x: { domain: [0, 10], label: 'input $x$' }, y: { domain: [-1.2, 1.2], label: 'output' } });
  const xs = Array.from({ length: 400 }, (_, i) => i / 40);
  for (let k = 0; k < 6; k++) ax.line(xs, xs.map((x) => Math.sin(x * (k + 1) * 0.6) * (1 - k / 8)), { color: r.theme.palette[k], alpha: k % 2 ? 0.6 : 1 });
  return fig.rgba(new CanvasContext(fig.width, fig.height, fig.pixelRatio));
}

const rawPixels = async (bytes: Uint8Array) => (await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true }));

describe('still rendition encoding', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: the palette image stays within blends of the drawing, and the WebP is exactly it`, async () => {
      const img = drawnPlot(scheme);
      const png = await paletteStillPng(img, { published: false });
      const { data: quantised, info } = await rawPixels(png);
      expect([info.width, info.height]).toEqual([img.width, img.height]);
      let sum = 0, max = 0;
      const drawnColours = new Map<number, number>();
      for (let i = 0; i < quantised.length; i += 4) {
        const key = (img.data[i] << 16) | (img.data[i + 1] << 8) | img.data[i + 2];
        drawnColours.set(key, (drawnColours.get(key) ?? 0) + 1);
        for (let c = 0; c < 3; c++) {
          const d = Math.abs(quantised[i + c] - img.data[i + c]);
          sum += d;
          if (d > max) max = d;
        }
      }
      // The drawing has more colours than a palette holds, so this really quantises.
      expect(drawnColours.size).toBeGreaterThan(256);
      // Measured: mean 0.043–0.046 levels, largest 29–32. libimagequant's fastest settings
      // (effort ≤ 3) give a mean of 0.37–0.40 here, coarser blends this bound refuses.
      expect(sum / ((3 * quantised.length) / 4)).toBeLessThan(0.1);
      expect(max).toBeLessThanOrEqual(48);
      // The most frequent colour (the background) is kept exactly.
      const [bg] = [...drawnColours.entries()].sort((a, b) => b[1] - a[1])[0];
      const bgAt = [...Array(quantised.length / 4).keys()].find((p) => ((img.data[4 * p] << 16) | (img.data[4 * p + 1] << 8) | img.data[4 * p + 2]) === bg)!;
      expect([quantised[4 * bgAt], quantised[4 * bgAt + 1], quantised[4 * bgAt + 2]]).toEqual([bg >> 16, (bg >> 8) & 255, bg & 255]);
      const { data: webpPixels } = await rawPixels(await stillWebp(png));
      expect(Buffer.compare(webpPixels, quantised)).toBe(0);
    });
  }

  it('the same drawing gives the same bytes', async () => {
    const a = await stillWebp(await paletteStillPng(drawnPlot('light'), { published: true }));
    const b = await stillWebp(await paletteStillPng(drawnPlot('light'), { published: true }));
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });
});
