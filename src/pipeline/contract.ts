/**
 * The figure contract: what a figure script under `figures/<post>/<name>.figure.ts`
 * default-exports, and what the pipeline hands to its `render` function.
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

export type { Rng };

/** Text shown with an image. Captions may contain inline TeX between `$…$`. */
export interface ImageMeta {
  /** Alternative text for screen readers and broken images. Required, non-empty. */
  alt: string;
  /** Caption under the figure; should quote the parameters that matter. */
  caption: string;
  /** Device pixels per CSS pixel the image was drawn at (default 1; 2 for high-DPI). */
  pixelRatio?: number;
}

/** Everything a script can publish. Ids are global across all posts. */
export interface OutputWriter {
  /** A still image: PNG bytes. Width and height are read from the PNG. */
  image(id: string, png: Uint8Array, meta: ImageMeta): void;
  /**
   * An animation: GIF bytes, served exactly as written (never re-encoded),
   * plus a PNG poster frame shown before playback and under reduced motion.
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
