/**
 * Heatmap rasterisation: a row-major matrix → RGBA image of exactly the target
 * pixel size. Each output pixel covers a rectangle of cells; 'area' averages
 * the values over that rectangle (with fractional edge weights), 'nearest'
 * takes the cell under the pixel centre. Either way the work is O(pixels +
 * cells), never one draw call per cell.
 */
import { colormapLut, type ColormapName } from './colormap';
import type { RgbaImage } from './context';

export interface HeatmapRaster {
  /** Row-major values, rows × cols. Row 0 is drawn at the top. */
  values: Float64Array;
  rows: number;
  cols: number;
  /** Output size in pixels. */
  width: number;
  height: number;
  colormap: ColormapName;
  /** Values mapped to the colormap's ends; outside is clamped. */
  domain: [number, number];
  resample?: 'area' | 'nearest';
  /** Colour for NaN cells (default light grey). */
  nanColor?: [number, number, number];
}

/** Average of values over the cell range [c0, c1) × [r0, r1) with fractional edges. */
function boxWeights(n: number, cells: number): { i0: Int32Array; i1: Int32Array; w0: Float64Array; w1: Float64Array } {
  // Pixel p covers cells [p*cells/n, (p+1)*cells/n).
  const i0 = new Int32Array(n), i1 = new Int32Array(n), w0 = new Float64Array(n), w1 = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const a = (p * cells) / n, b = ((p + 1) * cells) / n;
    i0[p] = Math.floor(a);
    i1[p] = Math.min(cells - 1, Math.ceil(b) - 1);
    w0[p] = Math.min(b, i0[p] + 1) - a; // weight of first cell
    w1[p] = i1[p] > i0[p] ? b - i1[p] : w0[p]; // weight of last cell
  }
  return { i0, i1, w0, w1 };
}

/** Rasterise a matrix to an RGBA image of width × height pixels. */
export function rasteriseHeatmap(h: HeatmapRaster): RgbaImage {
  const { values, rows, cols, width, height, domain } = h;
  if (values.length !== rows * cols) throw new Error(`heatmap: ${values.length} values for ${rows}×${cols}`);
  const lut = colormapLut(h.colormap);
  const nan = h.nanColor ?? [220, 220, 220];
  const lo = domain[0], span = domain[1] - domain[0] || 1;
  const data = new Uint8ClampedArray(width * height * 4);
  const put = (o: number, v: number) => {
    if (Number.isNaN(v)) {
      data[o] = nan[0]; data[o + 1] = nan[1]; data[o + 2] = nan[2];
    } else {
      let t = (v - lo) / span;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const k = 3 * Math.round(t * 255);
      data[o] = lut[k]; data[o + 1] = lut[k + 1]; data[o + 2] = lut[k + 2];
    }
    data[o + 3] = 255;
  };
  const mode = h.resample ?? (rows > height || cols > width ? 'area' : 'nearest');
  if (mode === 'nearest') {
    const colOf = new Int32Array(width);
    for (let x = 0; x < width; x++) colOf[x] = Math.min(cols - 1, Math.floor(((x + 0.5) * cols) / width));
    for (let y = 0; y < height; y++) {
      const r = Math.min(rows - 1, Math.floor(((y + 0.5) * rows) / height));
      const base = r * cols;
      for (let x = 0; x < width; x++) put(4 * (y * width + x), values[base + colOf[x]]);
    }
    return { width, height, data };
  }
  // Area average: first average along columns into a rows × width buffer, then along rows.
  const cw = boxWeights(width, cols);
  const rw = boxWeights(height, rows);
  const tmp = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let x = 0; x < width; x++) {
      const a = cw.i0[x], b = cw.i1[x];
      let s: number, wsum: number;
      if (a === b) { s = values[base + a]; wsum = 1; } else {
        s = values[base + a] * cw.w0[x] + values[base + b] * cw.w1[x];
        wsum = cw.w0[x] + cw.w1[x];
        for (let c = a + 1; c < b; c++) { s += values[base + c]; wsum += 1; }
      }
      tmp[r * width + x] = s / wsum;
    }
  }
  for (let y = 0; y < height; y++) {
    const a = rw.i0[y], b = rw.i1[y];
    for (let x = 0; x < width; x++) {
      let s: number, wsum: number;
      if (a === b) { s = tmp[a * width + x]; wsum = 1; } else {
        s = tmp[a * width + x] * rw.w0[y] + tmp[b * width + x] * rw.w1[y];
        wsum = rw.w0[y] + rw.w1[y];
        for (let r = a + 1; r < b; r++) { s += tmp[r * width + x]; wsum += 1; }
      }
      put(4 * (y * width + x), s / wsum);
    }
  }
  return { width, height, data };
}
