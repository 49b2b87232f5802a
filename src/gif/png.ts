/** PNG bytes of an RGBA image, through @napi-rs/canvas's encoder. */
import { createCanvas } from '@napi-rs/canvas';
import type { RgbaImage } from '../plot/context';

export function rgbaToPng(img: RgbaImage): Uint8Array {
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  const d = ctx.createImageData(img.width, img.height);
  d.data.set(img.data);
  ctx.putImageData(d, 0, 0);
  return new Uint8Array(c.encodeSync('png'));
}
