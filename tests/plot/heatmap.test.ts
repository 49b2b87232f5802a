import { describe, expect, it } from 'vitest';
import { colormapLut, createFigure, rasteriseHeatmap } from '../../src/plot';
import { parseColor } from '../../src/plot/colormap';
import { darkTheme, lightTheme } from '../../src/plot/theme';

const lutColor = (name: 'viridis' | 'inferno', t: number) => {
  const lut = colormapLut(name), k = 3 * Math.round(t * 255);
  return [lut[k], lut[k + 1], lut[k + 2]];
};

describe('heatmaps', () => {
  it('a known 2×2 matrix has the colormap colours at known pixels of the rendered figure', () => {
    for (const pr of [1, 2]) {
      const fig = createFigure({ width: 300, height: 300, pixelRatio: pr });
      const ax = fig.axes({ x: { domain: [0, 2] }, y: { domain: [2, 0] }, bare: true, aspect: 'equal' });
      ax.heatmap({ values: new Float64Array([0, 1, 2, 3]), rows: 2, cols: 2, domain: [0, 3], colormap: 'inferno' });
      const img = fig.rgba();
      const L = ax.layout!;
      const at = (x: number, y: number) => {
        const o = 4 * (Math.round(y * pr) * img.width + Math.round(x * pr));
        return [img.data[o], img.data[o + 1], img.data[o + 2]];
      };
      const q = (c: number, r: number) => at(L.plot.x + (c + 0.5) * (L.plot.w / 2), L.plot.y + (r + 0.5) * (L.plot.h / 2));
      expect(q(0, 0)).toEqual(lutColor('inferno', 0));
      expect(q(1, 0)).toEqual(lutColor('inferno', 1 / 3));
      expect(q(0, 1)).toEqual(lutColor('inferno', 2 / 3));
      expect(q(1, 1)).toEqual(lutColor('inferno', 1));
    }
  });
  it('area-averages a 1000×1000 checkerboard into 500×500 mid-grey of the colormap', () => {
    const n = 1000, v = new Float64Array(n * n);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) v[r * n + c] = (r + c) % 2;
    const img = rasteriseHeatmap({ values: v, rows: n, cols: n, width: 500, height: 500, colormap: 'viridis', domain: [0, 1] });
    const mid = lutColor('viridis', 0.5);
    for (const [x, y] of [[0, 0], [250, 137], [499, 499]]) {
      const o = 4 * (y * 500 + x);
      expect([img.data[o], img.data[o + 1], img.data[o + 2]]).toEqual(mid);
    }
    const near = rasteriseHeatmap({ values: v, rows: n, cols: n, width: 500, height: 500, colormap: 'viridis', domain: [0, 1], resample: 'nearest' });
    const o = 0; // pixel (0,0) centre falls in cell (1,1): value 0
    expect([near.data[o], near.data[o + 1], near.data[o + 2]]).toEqual(lutColor('viridis', 0));
  });
  it("draws a cell without a value (NaN) in the theme's missing colour, light and dark", () => {
    for (const theme of [lightTheme, darkTheme]) {
      const fig = createFigure({ width: 200, height: 200, theme });
      const ax = fig.axes({ x: { domain: [0, 2] }, y: { domain: [1, 0] }, bare: true });
      ax.heatmap({ values: new Float64Array([NaN, 1]), rows: 1, cols: 2, domain: [0, 1] });
      const img = fig.rgba(), L = ax.layout!;
      const o = 4 * (Math.round(L.plot.y + L.plot.h / 2) * img.width + Math.round(L.plot.x + L.plot.w / 4));
      expect([img.data[o], img.data[o + 1], img.data[o + 2]], theme.scheme).toEqual(parseColor(theme.missing));
    }
  });
  it('clamps values outside the fixed domain', () => {
    const img = rasteriseHeatmap({ values: new Float64Array([-5, 5]), rows: 1, cols: 2, width: 2, height: 1, colormap: 'viridis', domain: [0, 1] });
    expect([...img.data.slice(0, 3)]).toEqual(lutColor('viridis', 0));
    expect([...img.data.slice(4, 7)]).toEqual(lutColor('viridis', 1));
  });
  it('renders identical pixels twice', () => {
    const mk = () => {
      const fig = createFigure({ width: 400, height: 300 });
      fig.axes({ x: { domain: [0, 1], label: '$x$' }, y: { domain: [0, 1] }, title: 'Width $= 100$' }).line([0, 1], [0, 1]);
      return fig.png();
    };
    expect(Buffer.from(mk()).equals(Buffer.from(mk()))).toBe(true);
  });
});
