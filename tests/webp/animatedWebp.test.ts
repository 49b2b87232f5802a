import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeAnimation } from '../../src/gif/encodeAnimation';
import { makeRendition } from '../../src/pipeline/renditions/plan';
import { AnimatedWebpWriter } from '../../src/webp/animatedWebp';

/** A small moving plot: a line whose end moves and a dot travelling along it. */
function frameOf(i: number, scheme: 'light' | 'dark') {
  const r = makeRendition({ layout: 'phone', scheme, pixelRatio: 1 }, 'full');
  const fig = r.figure({ height: 120 });
  const ax = fig.axes({ x: { domain: [0, 10] }, y: { domain: [0, 10] } });
  ax.line([0, 10], [0, i % 7], { color: r.theme.palette[0] });
  ax.scatter([i], [5], { color: r.theme.palette[1] });
  return fig;
}

async function decodeAll(bytes: Uint8Array) {
  const img = sharp(bytes, { animated: true });
  const meta = await img.metadata();
  const { data } = await img.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { meta, data };
}

describe('animated WebP from the GIF writer', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has exactly the GIF's pixels, delays and loop (${scheme})`, async () => {
      let webp: AnimatedWebpWriter | undefined;
      const anim = await encodeAnimation({
        frames: 11,
        render: (i) => frameOf(i, scheme),
        delay: (i) => 50 + 10 * i,
        onFrame: (f, pal) => {
          webp ??= new AnimatedWebpWriter(f.w, f.h, pal);
          webp.add(f);
        },
      });
      const w = await webp!.finish();
      const [g, v] = await Promise.all([decodeAll(anim.gif), decodeAll(w)]);
      expect(v.meta.pages).toBe(g.meta.pages);
      expect(v.meta.delay).toEqual(g.meta.delay);
      expect(v.meta.loop).toBe(g.meta.loop);
      expect(v.meta.width).toBe(g.meta.width);
      expect(Buffer.compare(v.data, g.data)).toBe(0);
    });
  }

});
