/**
 * Byte formats of a still rendition, through sharp (libvips, libimagequant,
 * libwebp), deterministic for the same input and library versions.
 *
 * - Stills: reduced to a ≤ 256-colour palette (libimagequant; a plot has a
 *   few flat colours plus their anti-aliasing blends, so the loss is
 *   invisible), then lossless WebP. Measured on the article's stills this is
 *   −75 % against the RGBA PNGs, against −52 % for lossless WebP of the RGBA
 *   and −68 % for the palette PNG alone.
 * - Animations are not encoded here: the GIF is the canonical artifact and
 *   the animated WebP is written from the GIF's own frames by our own
 *   lossless encoder (src/webp/animatedWebp.ts), so its pixels, delays and
 *   loop are identical to the GIF's.
 */
import sharp from 'sharp';
import type { RgbaImage } from '../../plot/context';

/**
 * sharp's palette effort 1–10 is libimagequant's speed 10–1. Measured on the
 * 114 still and poster renditions of a build, quantised without dithering
 * and then encoded as below (one thread): effort 7, sharp's default, took
 * 5.8 s; 5 took 3.3 s, for the same mean error against the RGBA (0.035
 * levels; largest 33 against 47) and 0.15 % more WebP bytes. 4 had a little
 * more error (0.037); 3 and below ten times more (0.40), from coarser blends.
 */
const PALETTE_EFFORT = 5;

/**
 * libwebp effort 0–6. 4 was within 1 % of 6 on our figures at half the time;
 * on the 114 palette images of a build (one thread, two runs each) 3 gave
 * 0.8 % fewer bytes than 4 in 1.65 s against 1.7–2.1 s, and 2 gave 0.6 % more.
 */
const WEBP_EFFORT = 3;
/**
 * For lossless WebP, quality is how hard libwebp searches, not fidelity. On
 * 64 of our still renditions 25 took about a third less CPU than the default
 * 80 for 0.6 % more bytes.
 */
const WEBP_QUALITY = 25;

function raw(img: RgbaImage) {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), {
    raw: { width: img.width, height: img.height, channels: 4 },
  });
}

/**
 * Palette PNG of a still. `published`: the canonical, downloadable file,
 * compressed hard. Otherwise it is only the input of stillWebp, which decodes
 * it again: the same quantisation (so the same pixels and the same WebP
 * bytes) with the fastest deflate: 17–33 % less CPU on 64 of our stills.
 */
export async function paletteStillPng(img: RgbaImage, { published }: { published: boolean }): Promise<Uint8Array> {
  // No dithering: on 47 of our stills (up to 37k input colours) error diffusion gave the same
  // error against the RGBA (max 36, mean 0.047 levels), changed 1 % of pixels and 0.4 % of the
  // WebP bytes, and quantising and encoding them took 4.5 s of CPU with it, 3.85 s without.
  const png = { palette: true, colours: 256, effort: PALETTE_EFFORT, dither: 0, compressionLevel: published ? 9 : 1 };
  return new Uint8Array(await raw(img).png(png).toBuffer());
}

/** Lossless WebP of the palette-reduced image. */
export async function stillWebp(palettePng: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await sharp(palettePng).webp({ lossless: true, effort: WEBP_EFFORT, quality: WEBP_QUALITY }).toBuffer());
}
