/**
 * Draw an animated output in every rendition of the plan. Per rendition:
 * 1. lay out every frame without drawing and lock each axes' insets and the
 *    figure title's height to their largest over all frames, so the plot box
 *    never jumps as tick labels change width or a title's math changes height
 *    (a property of the engine: no animation can opt out by accident);
 * 2. quantise and difference the frames with the GIF writer, which writes GIF
 *    bytes only for the canonical rendition (desktop, light, 1×: the file a
 *    download gives and the fallback where WebP is not accepted);
 * 3. write those frames losslessly as animated WebP (same pixels, delays, loop);
 * 4. the poster frame as a still WebP (and, for desktop/light/1×, a PNG).
 * Phone renditions may be shared with another output of the same script that
 * publishes the same drawing (./sharedRenditions.ts).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { encodeAnimation } from '../../gif/encodeAnimation';
import type { Insets } from '../../plot/axes';
import { CanvasContext } from '../../plot/canvasContext';
import type { Figure } from '../../plot/figure';
import type { AnimatedSpec, Rendition, Slot } from '../contract';
import { checkFigureFits, checkLegendsClear } from './checkFigure';
import { paletteStillPng, stillWebp } from './encode';
import { AnimatedWebpWriter } from '../../webp/animatedWebp';
import { isCanonicalAnimation, makeRendition, renditionKeys, renditionTag, type RenditionKey } from './plan';
import type { RenditionRecord } from './record';
import { renderSocial, type RenderedOutput, type WriteBytes } from './renderStill';
import { claimPhoneRenditions, SharedRenditions, sharedOrOwn } from './sharedRenditions';

export async function renderAnimated(
  id: string,
  spec: AnimatedSpec,
  write: WriteBytes,
  progress: (fraction: number) => void = () => {},
  shared: SharedRenditions = new SharedRenditions(),
): Promise<RenderedOutput> {
  const slot: Slot = spec.slot ?? 'full';
  const keys = renditionKeys('animated');
  const renditions: RenditionRecord[] = [];
  const layoutsByLayout = new Map<string, Promise<LockedLayout>>();
  let canonical: RenderedOutput['canonical'] | undefined;
  let poster: string | undefined;
  const { draw: _draw, slot: _slot, social: _social, ...options } = spec;
  // The phone layout is the same for every slot, so it can be shared.
  const claims = claimPhoneRenditions(shared, spec.draw, options, keys, renditionTag);

  for (const [k, key] of keys.entries()) {
    const r = makeRendition(key, slot);
    const draw = async (i: number): Promise<Figure> => {
      const fig = await spec.draw(r, i);
      checkFigureFits(id, fig, r);
      return fig;
    };
    // Insets are in CSS px and do not depend on colours or density: one pass per layout.
    const locked = () => {
      let p = layoutsByLayout.get(r.layout);
      if (!p) layoutsByLayout.set(r.layout, (p = largestLayout(spec.frames, draw)));
      return p;
    };
    const onProgress = (f: number) => progress((k + f) / keys.length);
    const encode = async (): Promise<RenditionRecord[]> => {
      const done = await encodeRendition(id, spec, key, r, draw, await locked(), write, onProgress);
      if (done.canonical) {
        canonical = done.canonical;
        poster = done.posterPng;
      }
      return done.records;
    };
    renditions.push(...(await sharedOrOwn(claims[k], encode)));
    onProgress(1);
  }
  const posterIndex = spec.poster === 'first' ? 0 : spec.poster === undefined || spec.poster === 'last' ? spec.frames - 1 : spec.poster;
  const social = spec.social ? await renderSocial(id, (r) => spec.draw(r, posterIndex), write) : undefined;
  return { renditions, canonical: canonical!, poster, social };
}

interface EncodedRendition {
  records: RenditionRecord[];
  /** Only for the canonical rendition: its GIF and poster PNG. */
  canonical?: RenderedOutput['canonical'];
  posterPng?: string;
}

async function encodeRendition(
  id: string,
  spec: AnimatedSpec,
  key: RenditionKey,
  r: Rendition,
  draw: (i: number) => Promise<Figure>,
  locked: LockedLayout,
  write: WriteBytes,
  progress: (fraction: number) => void,
): Promise<EncodedRendition> {
  let minText = Infinity;
  let size = { width: 0, height: 0 };
  const palette = typeof spec.palette === 'function' ? spec.palette(r.theme) : spec.palette;
  let webp: AnimatedWebpWriter | undefined;
  let canvas: CanvasContext | undefined;
  const isCanonical = isCanonicalAnimation(key);
  const anim = await encodeAnimation({
    onFrame: (f, pal) => {
      // The first frame the GIF reports is the full canvas.
      webp ??= new AnimatedWebpWriter(f.w, f.h, pal);
      webp.add(f);
    },
    frames: spec.frames,
    render: async (i) => {
      const fig = (await draw(i)).lockInsets(locked.insets, locked.titleSpace);
      // Each rendition draws on a canvas of its own, even while other outputs of the
      // script draw theirs: from one frame to the next, what lies under the marks is
      // usually unchanged and can be copied (Figure.renderTo).
      if (!canvas || canvas.width !== fig.width || canvas.height !== fig.height) canvas = new CanvasContext(fig.width, fig.height, fig.pixelRatio);
      const img = fig.rgba(canvas, { reuseUnderLayer: true });
      checkLegendsClear(id, fig, r, i);
      await releaseReadBuffers();
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
    progress: (f) => progress(f * 0.8),
    encodeGif: isCanonical,
  });
  const tag = renditionTag(key);
  const common = { ...key, width: size.width, height: size.height, minTextPx: minText };
  const webpFile = `${id}.${tag}.webp`;
  write(webpFile, await webp!.finish());
  const posterPng = await paletteStillPng(anim.posterImage, { published: isCanonical });
  const posterFile = `${id}.${tag}.poster.webp`;
  write(posterFile, await stillWebp(posterPng));
  const records: RenditionRecord[] = [
    { ...common, role: 'animation', format: 'webp', file: webpFile },
    { ...common, role: 'poster', format: 'webp', file: posterFile },
  ];
  if (!isCanonical) return { records };
  const gifFile = `${id}.${tag}.gif`;
  write(gifFile, anim.gif);
  records.push({ ...common, role: 'animation', format: 'gif', file: gifFile });
  const posterPngFile = `${id}.poster.png`;
  write(posterPngFile, posterPng);
  return {
    records,
    canonical: { file: gifFile, pixelWidth: anim.width, pixelHeight: anim.height, pixelRatio: key.pixelRatio },
    posterPng: posterPngFile,
  };
}

/** What an animation keeps fixed over its frames: each axes' insets and the figure title's height. */
interface LockedLayout {
  insets: Insets[];
  titleSpace: number;
}

/** The largest of each over all frames (layout only, no pixels). */
async function largestLayout(frames: number, draw: (i: number) => Promise<Figure>): Promise<LockedLayout> {
  let insets: Insets[] = [];
  let titleSpace = 0;
  for (let i = 0; i < frames; i++) {
    const fig = await draw(i);
    titleSpace = Math.max(titleSpace, fig.titleSpace());
    insets = fig.measureInsets().map((a, j) => {
      const b = insets[j] ?? { left: 0, right: 0, top: 0, bottom: 0 };
      return { left: Math.max(a.left, b.left), right: Math.max(a.right, b.right), top: Math.max(a.top, b.top), bottom: Math.max(a.bottom, b.bottom) };
    });
  }
  return { insets, titleSpace };
}

export type { Rendition };

/**
 * Let the event loop turn once. The canvas hands each frame's pixels over in a
 * buffer that native code frees only in a finaliser, and Node runs those on the
 * event loop, not between promise reactions. A frame loop that never yields
 * therefore keeps every frame it ever read (about 2 MB each, gigabytes per
 * animation) and each read lands on fresh memory, whose page faults cost more
 * than the drawing: 4–6 ms a read against 0.3 ms with memory reused.
 */
function releaseReadBuffers(): Promise<void> {
  return nextTurn();
}
