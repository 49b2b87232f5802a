/**
 * What the two toy-model animations (`model-alpha`, `loss-alpha`) share: the
 * α schedule, the sampling of the curves and the GIF settings, so the two
 * stay frame-for-frame comparable when a reader changes one of them.
 */
import { z } from 'zod';

export const toyAnimationParams = z.object({
  frames: z.number().int().min(2).max(400).default(100),
  /** α runs from 1 to 10^maxExponent, log-spaced over the frames. */
  maxExponent: z.number().positive().max(6).default(10 / 3),
  x: z.number().default(1.5),
  /** Points per drawn curve. */
  samples: z.number().int().min(50).max(5000).default(600),
  width: z.number().int().min(200).max(2000).default(750),
  height: z.number().int().min(150).max(2000).default(570),
  pixelRatio: z.number().positive().max(3).default(1),
  delayMs: z.number().int().min(20).max(2000).default(80),
  /** GIF palette size: two curves on white need few colours, and fewer colours mean shorter LZW codes. */
  paletteColors: z.number().int().min(8).max(255).default(63),
});

/** α as shown in a frame title: two decimals while they matter, one after. */
export const formatAlpha = (a: number): string => (a < 100 ? a.toFixed(2) : a.toFixed(1));
