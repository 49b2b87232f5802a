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
import { checkFigureFits } from './checkFigure';

export interface RenderedOutput {
  renditions: RenditionRecord[];
  /** Canonical file (PNG for stills, GIF for animations) and its size. */
  canonical: { file: string; pixelWidth: number; pixelHeight: number; pixelRatio: number };
  poster?: string;
  /** 1200×630 social preview PNG, when asked for. */
  social?: string;
}

export type WriteBytes = (file: string, bytes: Uint8Array) => void;

export async function renderStill(id: string, spec: StillSpec, write: WriteBytes): Promise<RenderedOutput> {
  const slot: Slot = spec.slot ?? 'full';
  const renditions: RenditionRecord[] = [];
  let canonical: RenderedOutput['canonical'] | undefined;
  for (const key of renditionKeys('still')) {
    const r = makeRendition(key, slot);
    const fig: Figure = await spec.draw(r);
    checkFigureFits(id, fig, r);
    const img = fig.rgba();
    const png = await paletteStillPng(img);
    const tag = renditionTag(key);
    const file = `${id}.${tag}.webp`;
    write(file, await stillWebp(png));
    renditions.push({ ...key, role: 'image', format: 'webp', file, width: fig.width, height: fig.height, minTextPx: fig.minTextPx });
    if (key.layout === 'desktop' && key.scheme === 'light' && key.pixelRatio === 2) {
      const pngFile = `${id}.png`;
      write(pngFile, png);
      canonical = { file: pngFile, pixelWidth: img.width, pixelHeight: img.height, pixelRatio: key.pixelRatio };
    }
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
  write(file, await paletteStillPng(fig.rgba()));
  return file;
}
