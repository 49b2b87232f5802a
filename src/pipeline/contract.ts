/**
 * The figure contract: what a figure script under `figures/<post>/<name>.figure.ts`
 * default-exports, and what the pipeline hands to its `render` function.
 *
 * Outputs adapt to the reader: a script publishes a *drawing function*
 * (`out.still` / `out.animated`), not bytes. The pipeline calls it once per
 * rendition — a phone layout (≈360 CSS px) and a desktop layout sized for the
 * figure's slot (full column, half or third of a row), each in a light and a
 * dark theme, at the pixel densities the site serves — and encodes each as
 * lossless WebP (plus a canonical PNG, or a GIF for animations). A script only
 * decides what differs between layouts (aspect, legend place), usually via
 * `r.layout` / `r.narrow`; widths, densities, colours, fonts, formats and the
 * fixed layout of an animation's frames are the pipeline's.
 *
 * A script is the only place where numerics (src/numerics) and drawing
 * (src/plot, src/gif) meet. The pipeline knows nothing of what a figure draws:
 * it validates params, seeds the RNG, runs `render` in a worker, and stores
 * whatever the script wrote through `out`.
 *
 * Example:
 *
 *   import { z } from 'zod';
 *   import { defineFigure } from '../../src/pipeline/contract';
 *
 *   export default defineFigure({
 *     id: 'ntk/model-alpha',
 *     title: 'A one-parameter model and its tangent line as α grows',
 *     params: z.object({ frames: z.number().int().positive().default(100) }),
 *     seed: 1,
 *     async render({ params, rng, progress, out }) {
 *       ...
 *       out.animation('model-alpha', gifBytes, posterPng, { alt, caption });
 *       out.data('model-alpha', { alpha: [...], w: [...], f: [...] });
 *     },
 *   });
 */
import type { z } from 'zod';
import type { Rng } from '../numerics/rng';
import type { Figure, FigureOptions } from '../plot/figure';
import type { ColorScheme, Theme } from '../plot/theme';
import type { PaletteOptions } from '../gif/palette';

export type { Rng, ColorScheme };

/** Where a figure sits on a desktop page: the whole column, or one of two or three in a `<FigureRow>`. */
export type Slot = 'full' | 'half' | 'third';

/** One version of an output, as the pipeline asks the script to draw it. */
export interface Rendition {
  /** 'phone': a narrow layout (rows stack on phones); 'desktop': drawn for the slot. */
  layout: 'phone' | 'desktop' | 'social';
  scheme: ColorScheme;
  /** CSS px width to draw at: the width the figure is shown at. */
  width: number;
  /** Device px per CSS px. */
  pixelRatio: number;
  /** True when the drawing is narrow (phone, or a third of a row): fewer words, legends outside, taller aspect. */
  narrow: boolean;
  /** Colours and font sizes for this scheme and width. Take every colour from here. */
  theme: Theme;
  /**
   * A Figure of this rendition's width, density and theme. Give its height in
   * CSS px, or an aspect (height ÷ width).
   */
  figure(o: { height?: number; aspect?: number; title?: FigureOptions['title'] }): Figure;
}

export interface StillSpec {
  /** Desktop slot (default 'full'). */
  slot?: Slot;
  /**
   * Also draw this output as the post's social preview (og:image): one light
   * rendition of 1200×630 CSS px at 1×, which `r.figure` sizes whatever aspect
   * is asked. For an animation, its poster frame is drawn.
   */
  social?: boolean;
  draw(r: Rendition): Figure | Promise<Figure>;
}

export interface AnimatedSpec {
  slot?: Slot;
  /** See StillSpec.social. */
  social?: boolean;
  /** Number of frames (≥ 1). */
  frames: number;
  /** Draw frame i of rendition r. Must be deterministic: it is called more than once. */
  draw(r: Rendition, i: number): Figure | Promise<Figure>;
  /** Delay per frame in ms (default 80), or a function of the frame index. */
  delay?: number | ((i: number) => number);
  /** Delay of the first frame (default 1500 ms). */
  firstDelay?: number;
  /** Delay of the last frame before looping (default 2000 ms). */
  lastDelay?: number;
  /** Frame shown before playback, under reduced motion, and as the largest paint (default 'last'). */
  poster?: 'first' | 'last' | number;
  /** GIF palette options (see src/gif/palette.ts); colours of the rendition's theme are always kept. */
  palette?: PaletteOptions | ((theme: Theme) => PaletteOptions);
  /** GIF size tolerances (see src/gif/encodeAnimation.ts). */
  tolerance?: { temporal?: number; lzw?: number };
  /** Frames sampled for the GIF palette (default 9). */
  paletteSamples?: number;
}

/** Text shown with an image. Captions may contain inline TeX between `$…$`. */
export interface ImageMeta {
  /** Alternative text for screen readers and broken images. Required, non-empty. */
  alt: string;
  /**
   * Caption under the figure: what a reader needs to read it, about three
   * lines at most (the parameters that matter, what the marks are).
   */
  caption: string;
  /**
   * Longer notes on how the figure was made (method, caveats, exact values),
   * shown in its "How this figure was made" disclosure. Inline TeX allowed.
   */
  notes?: string;
  /** Device pixels per CSS pixel the image was drawn at (default 1; 2 for high-DPI). */
  pixelRatio?: number;
}

/** Everything a script can publish. Ids are global across all posts. */
export interface OutputWriter {
  /**
   * A still figure, drawn by `spec.draw` once per rendition. Await it (render
   * also waits for any output left pending).
   */
  still(id: string, spec: StillSpec, meta: ImageMeta): Promise<void>;
  /** An animated figure, drawn frame by frame per rendition; served as animated WebP with a GIF fallback. */
  animated(id: string, spec: AnimatedSpec, meta: ImageMeta): Promise<void>;
  /** A still image from PNG bytes, served as drawn (one rendition). Prefer `still`. */
  image(id: string, png: Uint8Array, meta: ImageMeta): void;
  /**
   * An animation from GIF bytes, served exactly as written (one rendition),
   * plus a PNG poster frame shown before playback and under reduced motion.
   * Prefer `animated`.
   */
  animation(id: string, gif: Uint8Array, poster: Uint8Array, meta: ImageMeta): void;
  /**
   * The numbers a figure plotted, so readers (and tests) can check its claim.
   * Objects are written as JSON (`<name>.json`); strings as CSV (`<name>.csv`).
   */
  data(name: string, value: unknown): void;
}

/** Progress reporter: fraction in [0, 1] of the whole script, plus a short label. */
export type Progress = (fraction: number, label?: string) => void;

export interface RenderContext<P> {
  /** Parameters after zod validation (schema defaults are the published values). */
  params: P;
  /** The definition's seed. */
  seed: number;
  /** A generator seeded with `seed`: the only source of randomness a figure may use. */
  rng: Rng;
  progress: Progress;
  out: OutputWriter;
}

export interface FigureDefinition<S extends z.ZodType = z.ZodType> {
  /** Unique script id, conventionally `<post>/<script-name>`. */
  id: string;
  /** Human title, used in progress lines and the CLI listing. */
  title: string;
  /** zod schema; its defaults are the published values. */
  params: S;
  /** Seed for the RNG handed to render. */
  seed: number;
  /**
   * How long render may run before the pipeline stops it (default 600 s).
   * Raise it for a figure that really trains for longer.
   */
  timeLimitSeconds?: number;
  render(ctx: RenderContext<z.output<S>>): void | Promise<void>;
}

/** Identity helper that gives a script full type inference for its params. */
export function defineFigure<S extends z.ZodType>(def: FigureDefinition<S>): FigureDefinition<S> {
  return def;
}
