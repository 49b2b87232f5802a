/**
 * An animation's plot box stays put when its titles or axis label change
 * height from frame to frame (math such as a fraction or a superscript is
 * taller than plain digits). Before vertical space was locked too, three
 * published animations (model-alpha, loss-alpha-fixed, loss-alpha-dynamic)
 * moved their plot by one pixel row part-way through. Oracle: the rows of the
 * plot frame's top and bottom edges in every frame of the real renderer's GIF.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Rendition } from '../../../src/pipeline/contract';
import { makeRendition } from '../../../src/pipeline/renditions/plan';
import { renderAnimated } from '../../../src/pipeline/renditions/renderAnimated';

/** Frame 0 has short titles and label; frame 1 taller ones (a fraction, a superscript, a subscript). */
function frame(r: Rendition, i: number) {
  const fig = r.figure({ aspect: 0.6, title: i === 0 ? '$t = 1$' : '$t = \\frac{1}{2}$' });
  const ax = fig.axes({
    x: { domain: [0, 1], label: i === 0 ? '$x$' : '$x_{\\mathrm{low}}$' },
    y: { domain: [0, 1], label: '$y$' },
    title: i === 0 ? '$a$' : '$a^{2}$',
    legend: false,
  });
  ax.line([0, 1], [0, 0.5 + 0.4 * i], { color: r.theme.palette[0] });
  return fig;
}

/** Rows (from the top) of each frame's horizontal dark lines longer than half the width: the plot frame's edges. */
async function frameEdgeRows(gif: Uint8Array): Promise<number[][]> {
  const { data, info } = await sharp(Buffer.from(gif), { animated: true }).raw().toBuffer({ resolveWithObject: true });
  const W = info.width, H = info.pageHeight!, ch = info.channels;
  return Array.from({ length: info.pages! }, (_, k) => {
    const rows: number[] = [];
    for (let y = 0; y < H; y++) {
      let dark = 0;
      for (let x = 0; x < W; x++) {
        const p = ((k * H + y) * W + x) * ch;
        if (data[p] + data[p + 1] + data[p + 2] < 300) dark++;
      }
      if (dark > W / 2) rows.push(y);
    }
    return [rows[0], rows[rows.length - 1]];
  });
}

describe('locked layout of animation frames', () => {
  it('keeps the plot box in place when titles and the x label change height', async () => {
    const r = makeRendition({ layout: 'desktop', scheme: 'light', pixelRatio: 1 }, 'full');
    // Unlocked, the two frames lay out differently (else this test would prove nothing).
    const [a, b] = [0, 1].map((i) => frame(r, i));
    expect(b.titleSpace()).toBeGreaterThan(a.titleSpace() + 1);
    const [ia, ib] = [a.measureInsets()[0], b.measureInsets()[0]];
    expect(ib.top).toBeGreaterThan(ia.top + 1);
    expect(ib.bottom).toBeGreaterThan(ia.bottom + 1);

    const files: Record<string, Uint8Array> = {};
    await renderAnimated('t', { frames: 2, draw: frame }, (f, bytes) => { files[f] = bytes; });
    const gif = Object.entries(files).find(([f]) => f.startsWith('t.desktop-light') && f.endsWith('.gif'))![1];
    const [first, second] = await frameEdgeRows(gif);
    expect(first[0]).toBeGreaterThan(0);
    expect(first[1]).toBeGreaterThan(first[0]);
    expect(second).toEqual(first);
  });
});
