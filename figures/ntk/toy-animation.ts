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
  /** Height ÷ width of the desktop drawing, and of the phone drawing (taller, so the curves keep their room). */
  aspect: z.number().min(0.3).max(2).default(0.76),
  phoneAspect: z.number().min(0.3).max(2).default(0.9),
  delayMs: z.number().int().min(20).max(2000).default(80),
  /** GIF palette size: two curves on white need few colours, and fewer colours mean shorter LZW codes. */
  paletteColors: z.number().int().min(8).max(255).default(63),
});

/** α as shown in a frame title: two decimals while they matter, one after. */
export const formatAlpha = (a: number): string => (a < 100 ? a.toFixed(2) : a.toFixed(1));
