/**
 * Draw a still output in every rendition of the plan and encode each:
 * lossless WebP of the palette-reduced image for the page, plus one palette
 * PNG (desktop, light, 2×) as the canonical file a download link gives.
 */
import type { Figure } from '../../plot/figure';
import type { Slot, StillSpec } from '../contract';
import { paletteStillPng, stillWebp } from './encode';
import { makeRendition, renditionKeys, renditionTag, SOCIAL_KEY } from './plan';
import type { Rendition } from '../contract';
import type { RenditionRecord } from './record';
import { checkFigureFits, checkLegendsClear } from './checkFigure';
import { claimPhoneRenditions, SharedRenditions, sharedOrOwn } from './sharedRenditions';

export interface RenderedOutput {
  renditions: RenditionRecord[];
  /** Canonical file (PNG for stills, GIF for animations) and its size. */
  canonical: { file: string; pixelWidth: number; pixelHeight: number; pixelRatio: number };
  poster?: string;
  /** 1200×630 social preview PNG, when asked for. */
  social?: string;
}

export type WriteBytes = (file: string, bytes: Uint8Array) => void;

export async function renderStill(
  id: string,
  spec: StillSpec,
  write: WriteBytes,
  shared: SharedRenditions = new SharedRenditions(),
): Promise<RenderedOutput> {
  const slot: Slot = spec.slot ?? 'full';
  const renditions: RenditionRecord[] = [];
  let canonical: RenderedOutput['canonical'] | undefined;
  const keys = renditionKeys('still');
  // The phone layout is the same for every slot, so it can be shared (./sharedRenditions.ts).
  const claims = claimPhoneRenditions(shared, spec.draw, {}, keys, renditionTag);
  for (const [k, key] of keys.entries()) {
    const tag = renditionTag(key);
    const encode = async (): Promise<RenditionRecord[]> => {
      const r = makeRendition(key, slot);
      const fig: Figure = await spec.draw(r);
      checkFigureFits(id, fig, r);
      const img = fig.rgba();
      checkLegendsClear(id, fig, r);
      const published = key.layout === 'desktop' && key.scheme === 'light' && key.pixelRatio === 2;
      const png = await paletteStillPng(img, { published });
      const file = `${id}.${tag}.webp`;
      write(file, await stillWebp(png));
      if (published) {
        const pngFile = `${id}.png`;
        write(pngFile, png);
        canonical = { file: pngFile, pixelWidth: img.width, pixelHeight: img.height, pixelRatio: key.pixelRatio };
      }
      return [{ ...key, role: 'image', format: 'webp', file, width: fig.width, height: fig.height, minTextPx: fig.minTextPx }];
    };
    renditions.push(...(await sharedOrOwn(claims[k], encode)));
  }
  const social = spec.social ? await renderSocial(id, (r) => spec.draw(r), write) : undefined;
  return { renditions, canonical: canonical!, social };
}

/** The social preview: one light 1200×630 drawing, saved as a palette PNG (what link previews accept everywhere). */
export async function renderSocial(id: string, draw: (r: Rendition) => Figure | Promise<Figure>, write: WriteBytes): Promise<string> {
  const r = makeRendition(SOCIAL_KEY, 'full');
  const fig = await draw(r);
  checkFigureFits(id, fig, r);
  const file = `${id}.social.png`;
  const img = fig.rgba();
  checkLegendsClear(id, fig, r);
  write(file, await paletteStillPng(img, { published: true }));
  return file;
}
