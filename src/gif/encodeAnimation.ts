/**
 * Turn a frame renderer into a GIF plus a poster frame, streaming: pass 1
 * renders a few evenly spaced frames to build the global palette; pass 2
 * renders every other frame and encodes each immediately, reusing the
 * sampled ones (drawing and reading back a frame is the costliest step of a
 * build), so at most the samples plus two frames of RGBA are alive at once.
 */
import type { RgbaImage } from '../plot/context';
import { GifWriter, type ShownFrame } from './gifWriter';
import { buildPalette, type PaletteOptions, type Rgb } from './palette';
import { rgbaToPng } from './png';

/** Anything that renders to RGBA (a plot Figure does). */
export type FrameSource = RgbaImage | { rgba(): RgbaImage };

export interface AnimationSpec {
  /** Number of frames (≥ 1). */
  frames: number;
  /** Draw frame i. Must be deterministic: it is called twice for sampled frames. */
  render(i: number): FrameSource | Promise<FrameSource>;
  /** Delay per frame in ms (default 80), or a function of the frame index. */
  delay?: number | ((i: number) => number);
  /** Delay of the first frame, held so readers see the start (default 1500 ms). */
  firstDelay?: number;
  /** Delay of the last frame before looping (default 2000 ms). */
  lastDelay?: number;
  /** Frames sampled for the palette (default 9, evenly spaced incl. first and last). */
  paletteSamples?: number;
  palette?: PaletteOptions;
  /**
   * Per-channel colour steps (0–255) that anti-aliasing blends may be off by, to make
   * differenced frames smaller (see GifWriterOptions); flat colours are always exact.
   * Default { temporal: 12, lzw: 12 }; { temporal: 0, lzw: 0 } encodes exactly.
   */
  tolerance?: { temporal?: number; lzw?: number };
  /** Which frame becomes the poster PNG (default 'last'). */
  poster?: 'first' | 'last' | number;
  /** Called with the fraction done (0..1). */
  progress?: (fraction: number) => void;
  /** Also receive every frame as written (see GifWriterOptions.onFrame), with the palette. */
  onFrame?: (frame: ShownFrame, palette: Rgb[]) => void;
  /** false: no GIF bytes (see GifWriterOptions.encode); `gif` is then empty. */
  encodeGif?: boolean;
}

export interface EncodedAnimation {
  gif: Uint8Array;
  /** The poster frame as drawn (RGBA). */
  posterImage: RgbaImage;
  /** The poster frame as PNG (encoded when first read). */
  readonly poster: Uint8Array;
  width: number;
  height: number;
  frames: number;
  /** Total duration of one loop in ms. */
  durationMs: number;
}

const toRgba = (f: FrameSource): RgbaImage => ('data' in f ? f : f.rgba());

export async function encodeAnimation(spec: AnimationSpec): Promise<EncodedAnimation> {
  const n = spec.frames;
  if (!Number.isInteger(n) || n < 1) throw new Error(`animation: frames must be a positive integer, got ${n}`);
  const k = Math.max(1, Math.min(n, spec.paletteSamples ?? 9));
  const sampleIdx = [...new Set(Array.from({ length: k }, (_, j) => (k === 1 ? 0 : Math.round((j * (n - 1)) / (k - 1)))))];
  const posterIdx = spec.poster === 'first' ? 0 : spec.poster === undefined || spec.poster === 'last' ? n - 1 : spec.poster;
  if (!(posterIdx >= 0 && posterIdx < n)) throw new Error(`animation: poster frame ${posterIdx} out of range`);
  const samples = new Map<number, RgbaImage>();
  for (const i of sampleIdx) samples.set(i, toRgba(await spec.render(i)));
  const palette = buildPalette([...samples.values()], spec.palette);
  const { width, height } = samples.get(sampleIdx[0])!;

  const onFrame = spec.onFrame;
  const writer = new GifWriter({
    width, height, palette, temporalTolerance: spec.tolerance?.temporal, lzwTolerance: spec.tolerance?.lzw,
    onFrame: onFrame && ((f) => onFrame(f, palette)),
    encode: spec.encodeGif,
  });
  let poster: RgbaImage | null = null;
  let duration = 0;
  for (let i = 0; i < n; i++) {
    // Frames must be deterministic (see `render`), so a sampled frame is used as drawn.
    const sampled = samples.get(i);
    samples.delete(i);
    const img = sampled ?? toRgba(await spec.render(i));
    let d = typeof spec.delay === 'function' ? spec.delay(i) : (spec.delay ?? 80);
    if (i === 0 && n > 1) d = spec.firstDelay ?? 1500;
    else if (i === n - 1 && n > 1) d = spec.lastDelay ?? 2000;
    d = Math.max(20, Math.round(d / 10) * 10);
    writer.add(img, d);
    duration += d;
    if (i === posterIdx) poster = img;
    spec.progress?.((i + 1) / n);
  }
  const posterImage = poster!;
  let posterPng: Uint8Array | undefined;
  return {
    gif: writer.finish(), posterImage, width, height, frames: n, durationMs: duration,
    get poster() { return (posterPng ??= rgbaToPng(posterImage)); },
  };
}
