import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildPalette, encodeAnimation, type Rgb } from '../../src/gif';
import { createFigure, RecordingContext } from '../../src/plot';
import { lightTheme } from '../../src/plot/theme';
import { parseColor } from '../../src/plot/colormap';

// Three line colours, each drawn only in its own horizontal band, translucent and anti-aliased,
// so every non-white pixel of band k is a blend of white and colour k (or of its own overlaps).
const COLORS = ['#4e79a7', '#e15759', '#59a14f'];
const W = 180, H = 150;

function frame(t: number) {
  // A pure white background: the ramps below are measured from white.
  const fig = createFigure({ width: W, height: H, theme: { ...lightTheme, background: '#ffffff' } });
  const ax = fig.axes({ rect: [0, 0, 1, 1], x: { domain: [0, 1] }, y: { domain: [0, 3] }, bare: true });
  const n = 60, xs = new Float64Array(n).map((_, i) => i / (n - 1));
  for (let k = 0; k < 3; k++) {
    const lines = 6, ys = new Float64Array(lines * n);
    for (let j = 0; j < lines; j++) for (let i = 0; i < n; i++) ys[j * n + i] = k + 0.5 + 0.3 * Math.sin(6 * xs[i] + j + 0.2 * t + k);
    ax.lines(xs, ys, lines, { color: COLORS[k], width: 1.2, alpha: 0.6 });
  }
  return fig;
}

/** Distance of c from the segment white → colour, in RGB. */
function offRamp(c: Rgb, to: Rgb): number {
  const d = to.map((v) => v - 255), p = c.map((v) => v - 255);
  const t = Math.max(0, Math.min(1, (p[0] * d[0] + p[1] * d[1] + p[2] * d[2]) / (d[0] ** 2 + d[1] ** 2 + d[2] ** 2)));
  return Math.hypot(p[0] - t * d[0], p[1] - t * d[1], p[2] - t * d[2]);
}

describe('ramp palette', () => {
  it('holds the background and shades from it to each ramp colour, pure colours first when tight', () => {
    const img = frame(0).rgba();
    const pal = buildPalette([img], { ramps: COLORS, rampSteps: 3, anchors: 1, maxColors: 7 });
    expect(pal[0]).toEqual([255, 255, 255]);
    const keys = pal.map((c) => c.join());
    // 1 anchor + 3 pure colours + the 3 darker shades; the lightest shades did not fit.
    expect(pal).toHaveLength(7);
    for (const c of COLORS) expect(keys).toContain(parseColor(c).join());
    for (const c of COLORS) {
      const to = parseColor(c);
      expect(keys).toContain(to.map((v) => Math.round(255 + ((v - 255) * 2) / 3)).join());
      expect(keys).not.toContain(to.map((v) => Math.round(255 + (v - 255) / 3)).join());
    }
  });

  it('keeps each line in its own hue: decoded pixels of a band stay on that colour\'s ramp', async () => {
    const res = await encodeAnimation({ frames: 4, render: frame, palette: { ramps: COLORS, rampSteps: 3, maxColors: 10, anchors: 1 } });
    const { data } = await sharp(Buffer.from(res.gif), { animated: true }).raw().ensureAlpha().toBuffer({ resolveWithObject: true });
    const ramps = COLORS.map(parseColor);
    // Check inside the plot box only (its frame is drawn in the foreground grey, not a ramp colour).
    const [{ plot }] = frame(0).draw(new RecordingContext());
    for (let f = 0; f < 4; f++) {
      let coloured = 0;
      for (let y = Math.ceil(plot.y) + 3; y < plot.y + plot.h - 3; y++) {
        // Band k holds data y ∈ [k + 0.2, k + 0.8]; rows near the borders between bands are skipped.
        const yData = 3 * (1 - (y + 0.5 - plot.y) / plot.h), k = Math.floor(yData);
        if (Math.abs(yData - Math.round(yData)) < 0.1) continue;
        for (let x = Math.ceil(plot.x) + 3; x < plot.x + plot.w - 3; x++) {
          const o = 4 * ((f * H + y) * W + x);
          const c: Rgb = [data[o], data[o + 1], data[o + 2]];
          if (c[0] === 255 && c[1] === 255 && c[2] === 255) continue;
          coloured++;
          const own = offRamp(c, ramps[k]);
          // On its own ramp (the palette is the background and ramp shades only, rounded to integers).
          expect(own).toBeLessThan(1.5);
          for (let j = 0; j < 3; j++) if (j !== k) expect(own).toBeLessThan(offRamp(c, ramps[j]));
        }
      }
      expect(coloured).toBeGreaterThan(500);
    }
  });

  it('is deterministic', async () => {
    const spec = { frames: 3, render: frame, palette: { ramps: COLORS, rampSteps: 4, maxColors: 20 } };
    const a = await encodeAnimation(spec), b = await encodeAnimation(spec);
    expect(Buffer.from(a.gif).equals(Buffer.from(b.gif))).toBe(true);
  });
});
