/**
 * Draw a still output in every rendition of the plan and encode each:
 * lossless WebP of the palette-reduced image for the page, plus one palette
 * PNG (desktop, light, 2×) as the canonical file a download link gives.
 */
import type { Figure } from '../../plot/figure';
import type { Slot, StillSpec } from '../contract';
import { paletteStillPng, stillWebp } from './encode';
import { makeRendition, renditionKeys, renditionTag } from './plan';
import type { RenditionRecord } from './record';
import { checkFigureFits } from './checkFigure';

export interface RenderedOutput {
  renditions: RenditionRecord[];
  /** Canonical file (PNG for stills, GIF for animations) and its size. */
  canonical: { file: string; pixelWidth: number; pixelHeight: number; pixelRatio: number };
  poster?: string;
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
  return { renditions, canonical: canonical! };
}
