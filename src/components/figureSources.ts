/**
 * The <source> list of a figure's <picture>, from its renditions. The
 * browser takes the first source whose media matches (and whose type it
 * accepts), so order is: reduced-motion posters, then dark before light, and
 * within a scheme phone before desktop, WebP before its GIF fallback.
 *
 * - layout: `(max-width: 40rem)` picks the phone drawing, where rows stack;
 * - scheme: `(prefers-color-scheme: dark)` follows the system without script;
 *   the theme toggle rewrites the media of dark sources (data-layout-media
 *   keeps what it is without the scheme part: see schemeSources.ts);
 * - density: x descriptors within a source.
 * Each source carries its width and height so the box is reserved before
 * the image arrives (the phone drawing has another aspect), and the
 * smallest text drawn (data-min-text, CSS px at the drawn width) so tests can
 * measure the displayed text size.
 */
import type { ManifestEntry, PublishedRendition } from '../pipeline/manifest';
import { PHONE_MAX_VIEWPORT_REM } from '../pipeline/renditions/plan';

export interface PictureSource {
  media?: string;
  /** Media without the colour-scheme part (dark sources only). */
  layoutMedia?: string;
  scheme: 'light' | 'dark';
  srcset: string;
  /** For the hero: the animation to switch to after load (srcset starts as the poster). */
  deferredSrcset?: string;
  type: string;
  width: number;
  height: number;
  minText: number;
  reduced: boolean;
}

export const PHONE_MEDIA = `(max-width: ${PHONE_MAX_VIEWPORT_REM}rem)`;
const DARK = '(prefers-color-scheme: dark)';
const REDUCED = '(prefers-reduced-motion: reduce)';
const MIME = { webp: 'image/webp', gif: 'image/gif', png: 'image/png' } as const;

const and = (...parts: (string | undefined)[]): string | undefined => {
  const p = parts.filter((x): x is string => !!x);
  return p.length ? p.join(' and ') : undefined;
};

export function pictureSources(entry: ManifestEntry, url: (src: string) => string, opts: { deferAnimation?: boolean } = {}): PictureSource[] {
  const rs = entry.renditions ?? [];
  const out: PictureSource[] = [];
  const srcset = (list: PublishedRendition[]): string =>
    [...list].sort((a, b) => a.pixelRatio - b.pixelRatio).map((r) => `${url(r.src)} ${r.pixelRatio}x`).join(', ');
  const add = (list: PublishedRendition[], reduced: boolean, deferTo?: PublishedRendition[]): void => {
    if (!list.length) return;
    const { layout, scheme, format, width, height } = list[0];
    const layoutMedia = and(reduced ? REDUCED : undefined, layout === 'phone' ? PHONE_MEDIA : undefined);
    out.push({
      media: scheme === 'dark' ? and(layoutMedia, DARK) : layoutMedia,
      layoutMedia: scheme === 'dark' ? (layoutMedia ?? 'all') : undefined,
      scheme,
      srcset: srcset(list),
      deferredSrcset: deferTo?.length ? srcset(deferTo) : undefined,
      type: MIME[format],
      width,
      height,
      minText: Math.min(...list.map((r) => r.minTextPx)),
      reduced,
    });
  };
  const pick = (role: PublishedRendition['role'], scheme: string, layout: string, format: string) =>
    rs.filter((r) => r.role === role && r.scheme === scheme && r.layout === layout && r.format === format);

  const animated = entry.kind === 'animation';
  if (animated) {
    for (const scheme of ['dark', 'light']) for (const layout of ['phone', 'desktop']) add(pick('poster', scheme, layout, 'webp'), true);
    // Without WebP: the canonical PNG poster, so reduced motion still gets a still.
    const canonical = rs.find((r) => r.role === 'animation' && r.format === 'gif');
    if (entry.poster && canonical) {
      out.push({ media: REDUCED, scheme: 'light', srcset: url(entry.poster), type: MIME.png, width: canonical.width, height: canonical.height, minText: canonical.minTextPx, reduced: true });
    }
  }
  for (const scheme of ['dark', 'light']) {
    for (const layout of ['phone', 'desktop']) {
      if (!animated) add(pick('image', scheme, layout, 'webp'), false);
      else if (opts.deferAnimation) {
        // The poster paints first (the largest paint); the animation replaces it after load.
        // A browser without WebP takes the GIF at once.
        add(pick('poster', scheme, layout, 'webp'), false, pick('animation', scheme, layout, 'webp'));
        add(pick('animation', scheme, layout, 'gif'), false);
      } else {
        add(pick('animation', scheme, layout, 'webp'), false);
        add(pick('animation', scheme, layout, 'gif'), false);
      }
    }
  }
  return out;
}
