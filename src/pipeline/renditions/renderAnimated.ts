/**
 * Draw an animated output in every rendition of the plan. Per rendition:
 * 1. lay out every frame without drawing and lock each axes' insets to the
 *    widest frame, so the plot box never jumps as tick labels change width
 *    (a property of the engine: no animation can opt out by accident);
 * 2. quantise and difference the frames with the GIF writer, which writes GIF
 *    bytes only for the canonical rendition (desktop, light, 1×: the file a
 *    download gives and the fallback where WebP is not accepted);
 * 3. write those frames losslessly as animated WebP (same pixels, delays, loop);
 * 4. the poster frame as a still WebP (and, for desktop/light/1×, a PNG).
 */
import { encodeAnimation } from '../../gif/encodeAnimation';
import type { Insets } from '../../plot/axes';
import type { Figure } from '../../plot/figure';
import type { AnimatedSpec, Rendition, Slot } from '../contract';
import { checkFigureFits } from './checkFigure';
import { paletteStillPng, stillWebp } from './encode';
import { AnimatedWebpWriter } from '../../webp/animatedWebp';
import { isCanonicalAnimation, makeRendition, renditionKeys, renditionTag } from './plan';
import type { RenditionRecord } from './record';
import { renderSocial, type RenderedOutput, type WriteBytes } from './renderStill';
import sharp from 'sharp';

export async function renderAnimated(
  id: string,
  spec: AnimatedSpec,
  write: WriteBytes,
  progress: (fraction: number) => void = () => {},
): Promise<RenderedOutput> {
  const slot: Slot = spec.slot ?? 'full';
  const keys = renditionKeys('animated');
  const renditions: RenditionRecord[] = [];
  const insetsByLayout = new Map<string, Insets[]>();
  let canonical: RenderedOutput['canonical'] | undefined;
  let poster: string | undefined;

  for (const [k, key] of keys.entries()) {
    const r = makeRendition(key, slot);
    const draw = async (i: number): Promise<Figure> => {
      const fig = await spec.draw(r, i);
      checkFigureFits(id, fig, r);
      return fig;
    };
    // Insets are in CSS px and do not depend on colours or density: one pass per layout.
    let insets = insetsByLayout.get(r.layout);
    if (!insets) {
      insets = await widestInsets(spec.frames, draw);
      insetsByLayout.set(r.layout, insets);
    }
    let minText = Infinity;
    let size = { width: 0, height: 0 };
    const palette = typeof spec.palette === 'function' ? spec.palette(r.theme) : spec.palette;
    let webp: AnimatedWebpWriter | undefined;
    const anim = await encodeAnimation({
      onFrame: (f, pal) => {
        // The first frame the GIF reports is the full canvas.
        webp ??= new AnimatedWebpWriter(f.w, f.h, pal);
        webp.add(f);
      },
      frames: spec.frames,
      render: async (i) => {
        const fig = (await draw(i)).lockInsets(insets!);
        const img = fig.rgba();
        minText = Math.min(minText, fig.minTextPx);
        size = { width: fig.width, height: fig.height };
        return img;
      },
      delay: spec.delay,
      firstDelay: spec.firstDelay,
      lastDelay: spec.lastDelay,
      poster: spec.poster,
      palette,
      tolerance: spec.tolerance,
      paletteSamples: spec.paletteSamples,
      progress: (f) => progress((k + f * 0.8) / keys.length),
      encodeGif: isCanonicalAnimation(key),
    });
    const tag = renditionTag(key);
    const common = { ...key, width: size.width, height: size.height, minTextPx: minText };
    const gifFile = `${id}.${tag}.gif`;
    if (isCanonicalAnimation(key)) write(gifFile, anim.gif);
    const webpFile = `${id}.${tag}.webp`;
    write(webpFile, await webp!.finish());
    const posterPng = await paletteStillPng(await pngToRgba(anim.poster));
    const posterFile = `${id}.${tag}.poster.webp`;
    write(posterFile, await stillWebp(posterPng));
    renditions.push(
      { ...common, role: 'animation', format: 'webp', file: webpFile },
      { ...common, role: 'poster', format: 'webp', file: posterFile },
    );
    if (isCanonicalAnimation(key)) {
      renditions.push({ ...common, role: 'animation', format: 'gif', file: gifFile });
      canonical = { file: gifFile, pixelWidth: anim.width, pixelHeight: anim.height, pixelRatio: key.pixelRatio };
      poster = `${id}.poster.png`;
      write(poster, posterPng);
    }
    progress((k + 1) / keys.length);
  }
  const posterIndex = spec.poster === 'first' ? 0 : spec.poster === undefined || spec.poster === 'last' ? spec.frames - 1 : spec.poster;
  const social = spec.social ? await renderSocial(id, (r) => spec.draw(r, posterIndex), write) : undefined;
  return { renditions, canonical: canonical!, poster, social };
}

/** Each axes' largest insets over all frames (layout only, no pixels). */
async function widestInsets(frames: number, draw: (i: number) => Promise<Figure>): Promise<Insets[]> {
  let widest: Insets[] = [];
  for (let i = 0; i < frames; i++) {
    const ins = (await draw(i)).measureInsets();
    widest = ins.map((a, j) => ({ left: Math.max(a.left, widest[j]?.left ?? 0), right: Math.max(a.right, widest[j]?.right ?? 0) }));
  }
  return widest;
}

async function pngToRgba(png: Uint8Array) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
}

export type { Rendition };
