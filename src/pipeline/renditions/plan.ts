/**
 * Which renditions every output gets: the one place that decides widths,
 * densities and colour schemes, so no figure script re-implements them.
 *
 * Widths are the CSS widths figures are shown at (src/styles/global.css):
 * the article's wide column is 54rem = 864 px, a full figure is drawn at 720,
 * a row of two gives each ≈ 424 px and a row of three ≈ 277 px (1 rem gaps);
 * on phones rows stack and every figure is drawn at 360 px, which a
 * 320–430 px screen shows at 0.8–1.1×.
 *
 * Densities (measured trade-off in the issue note): stills are cheap, so they
 * come at 1× and 2× for desktops and 2× for phones. Animations dominate the
 * bytes and the build time: phones get 1.5× (sharper than 1× on 2–3× screens,
 * 44 % fewer pixels than 2×; at 2× the article's animations alone were
 * 4.4 MB for a phone), desktops 1× only.
 */
import type { Rendition, Slot } from '../contract';
import { DESKTOP_FONTS, HALF_FONTS, NARROW_FONTS, themeFor, type ColorScheme, type FontSizes } from '../../plot/theme';
import { createFigure } from '../../plot/figure';

export const PHONE_WIDTH = 360;
export const SLOT_WIDTH: Record<Slot, number> = { full: 720, half: 424, third: 277 };
/** Below this viewport width rows stack and the phone layout is served (matches the CSS). */
export const PHONE_MAX_VIEWPORT_REM = 40;

export const SCHEMES: readonly ColorScheme[] = ['light', 'dark'];

export interface RenditionKey {
  layout: Rendition['layout'];
  scheme: ColorScheme;
  pixelRatio: number;
}

export function renditionKeys(kind: 'still' | 'animated'): RenditionKey[] {
  const densities: Record<'phone' | 'desktop', number[]> =
    kind === 'still' ? { phone: [2], desktop: [1, 2] } : { phone: [1.5], desktop: [1] };
  const keys: RenditionKey[] = [];
  for (const scheme of SCHEMES) {
    for (const layout of ['phone', 'desktop'] as const) {
      for (const pixelRatio of densities[layout]) keys.push({ layout, scheme, pixelRatio });
    }
  }
  return keys;
}

export function cssWidth(layout: Exclude<Rendition['layout'], 'social'>, slot: Slot): number {
  return layout === 'phone' ? PHONE_WIDTH : SLOT_WIDTH[slot];
}

function fontsFor(layout: Exclude<Rendition['layout'], 'social'>, slot: Slot): FontSizes {
  if (layout === 'phone' || slot === 'third') return NARROW_FONTS;
  return slot === 'half' ? HALF_FONTS : DESKTOP_FONTS;
}

/** Social previews: the size link previews expect (Open Graph, Twitter/X large card). */
export const SOCIAL_SIZE = { width: 1200, height: 630 };
/** Text for a preview seen as a small thumbnail: larger than on the page. */
const SOCIAL_FONTS: FontSizes = { tick: 24, label: 26, title: 30, legend: 24, annotation: 24 };

export const SOCIAL_KEY: RenditionKey = { layout: 'social', scheme: 'light', pixelRatio: 1 };

export function makeRendition(key: RenditionKey, slot: Slot): Rendition {
  const social = key.layout === 'social';
  const width = key.layout === 'social' ? SOCIAL_SIZE.width : cssWidth(key.layout, slot);
  const theme = themeFor(key.scheme, key.layout === 'social' ? SOCIAL_FONTS : fontsFor(key.layout, slot));
  return {
    ...key,
    width,
    narrow: key.layout === 'phone' || (!social && slot === 'third'),
    theme,
    figure({ height, aspect, title }) {
      const h = social ? SOCIAL_SIZE.height : height ?? (aspect !== undefined ? Math.round(width * aspect) : NaN);
      if (!(h > 0)) throw new Error('rendition.figure: give a positive height or aspect');
      return createFigure({ width, height: h, pixelRatio: key.pixelRatio, theme, title });
    },
  };
}

/** File-name tag of a rendition, e.g. `phone-dark-2x`. */
export const renditionTag = (k: RenditionKey): string => `${k.layout}-${k.scheme}-${String(k.pixelRatio).replace('.', '_')}x`;

/** The one animation rendition also written as GIF: the canonical file, the download and the fallback. */
export const isCanonicalAnimation = (k: RenditionKey): boolean => k.layout === 'desktop' && k.scheme === 'light' && k.pixelRatio === 1;
