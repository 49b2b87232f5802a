/**
 * Room for the play/pause button the site puts over every animation
 * (src/styles/global.css `.figure-toggle`: 2.5rem wide, 0.5rem from the
 * image's bottom-right corner). An animation keeps that corner free: its axes
 * end a little higher, so the x tick labels (the last one sits right at the
 * corner) stay above the button, while the centred x label keeps the space
 * beside it. Stills and the social preview have no button and no gap.
 */
import type { Rendition } from '../../src/pipeline/contract';
import type { Figure } from '../../src/plot/figure';
import { measure } from '../../src/plot/drawLabel';

/** Button size plus its offset from the corner, CSS px at 16 px/rem. */
export const CONTROL_PX = 48;
/**
 * Smallest display scale of a drawing: phones show the 360 px drawing in a
 * 320 px viewport minus 1rem padding per side (288/360); desktops show it at
 * its drawn width, down to ~0.9 in a window just wider than the phone break.
 */
const MIN_SCALE: Record<Rendition['layout'], number> = { phone: 0.8, desktop: 0.9, social: 1 };
const GAP = 4;

/**
 * CSS px the axes of an animation must leave empty at the bottom of `fig`
 * (drawn for `r`) so that nothing but the centred x label is under the button.
 */
export function controlStrip(r: Rendition, xLabel: string | undefined): number {
  if (r.layout === 'social') return 0;
  const T = r.theme;
  // What the axes already leave below its x tick labels: the x label and its pads.
  const m = xLabel ? measure(xLabel, T.fontSize.label) : null;
  const below = (m ? m.ascent + m.descent + T.pad : 0) + T.pad;
  return Math.max(0, Math.ceil(CONTROL_PX / MIN_SCALE[r.layout] + GAP - below));
}

/** The axes rect ([left, top, right, bottom] fractions) of a one-axes animation frame. */
export function controlRect(r: Rendition, fig: Figure, xLabel: string | undefined): [number, number, number, number] {
  return [0, 0, 1, 1 - controlStrip(r, xLabel) / fig.height];
}
