/**
 * Colormaps as 256-entry RGB lookup tables built once from d3-scale-chromatic's
 * interpolators, so heatmap loops index a Uint8Array instead of parsing CSS.
 */
import { interpolateViridis, interpolateInferno, interpolateRdBu, interpolateMagma } from 'd3-scale-chromatic';

export type ColormapName = 'viridis' | 'inferno' | 'magma' | 'rdbu';

const interpolators: Record<ColormapName, (t: number) => string> = {
  viridis: interpolateViridis,
  inferno: interpolateInferno,
  magma: interpolateMagma,
  // Reversed so low = blue, high = red (the usual diverging reading).
  rdbu: (t) => interpolateRdBu(1 - t),
};

const luts = new Map<ColormapName, Uint8Array>();

/** 256×3 RGB lookup table of a colormap. */
export function colormapLut(name: ColormapName): Uint8Array {
  let lut = luts.get(name);
  if (!lut) {
    const f = interpolators[name];
    if (!f) throw new Error(`unknown colormap ${name}`);
    lut = new Uint8Array(256 * 3);
    for (let i = 0; i < 256; i++) {
      const c = parseColor(f(i / 255));
      lut.set(c, 3 * i);
    }
    luts.set(name, lut);
  }
  return lut;
}

/** CSS colour of a colormap at t ∈ [0, 1]. */
export function colormapCss(name: ColormapName, t: number): string {
  const lut = colormapLut(name);
  const i = Math.max(0, Math.min(255, Math.round(t * 255)));
  return `rgb(${lut[3 * i]},${lut[3 * i + 1]},${lut[3 * i + 2]})`;
}

/** Parse '#rrggbb' or 'rgb(r, g, b)' (the two forms d3-scale-chromatic returns). */
export function parseColor(css: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/.exec(css);
  if (fn) return [Math.round(+fn[1]), Math.round(+fn[2]), Math.round(+fn[3])];
  throw new Error(`parseColor: unsupported colour ${css}`);
}
