/**
 * The renditions every output gets, drawn by the script's own function: the
 * right widths, densities and themes, text sizes recorded from what was
 * drawn, a figure of the wrong size refused, an animation whose plot box
 * stays put while its tick labels change width, and the same bytes twice.
 */
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { CanvasContext } from '../../../src/plot/canvasContext';
import type { Rendition } from '../../../src/pipeline/contract';
import { renderAnimated, renderStill } from '../../../src/pipeline/renditions';
import { makeRendition, PHONE_WIDTH, renditionKeys, SLOT_WIDTH } from '../../../src/pipeline/renditions/plan';
import { darkTheme, lightTheme } from '../../../src/plot/theme';

function collect() {
  const files = new Map<string, Uint8Array>();
  return { files, write: (f: string, b: Uint8Array) => void files.set(f, b) };
}

/** A plot whose y range grows with i, so its y tick labels widen (1 → 10000). */
function growing(r: Rendition, i = 0) {
  const fig = r.figure({ aspect: r.layout === 'phone' ? 0.9 : 0.6 });
  const top = 10 ** (i % 5);
  const ax = fig.axes({ x: { domain: [0, 1], label: '$x$' }, y: { domain: [0, top], label: '$y$' } });
  ax.line([0, 1], [0, top], { color: r.theme.palette[0], label: 'line' });
  return fig;
}

describe('rendition plan', () => {
  it('draws stills for phone at 2× and desktop at 1× and 2×, animations for phone 1.5× and desktop 1×, each light and dark', () => {
    const tags = (k: 'still' | 'animated') => renditionKeys(k).map((r) => `${r.layout}-${r.scheme}-${r.pixelRatio}`).sort();
    expect(tags('still')).toEqual(['desktop-dark-1', 'desktop-dark-2', 'desktop-light-1', 'desktop-light-2', 'phone-dark-2', 'phone-light-2']);
    expect(tags('animated')).toEqual(['desktop-dark-1', 'desktop-light-1', 'phone-dark-1.5', 'phone-light-1.5']);
  });
  it('sizes a rendition for its slot and gives it the scheme’s theme', () => {
    const half = makeRendition({ layout: 'desktop', scheme: 'dark', pixelRatio: 2 }, 'half');
    expect(half.width).toBe(SLOT_WIDTH.half);
    expect(half.theme.background).toBe(darkTheme.background);
    const fig = half.figure({ aspect: 0.5 });
    expect([fig.width, fig.height, fig.pixelRatio]).toEqual([SLOT_WIDTH.half, Math.round(SLOT_WIDTH.half / 2), 2]);
    const phone = makeRendition({ layout: 'phone', scheme: 'light', pixelRatio: 2 }, 'third');
    expect(phone.width).toBe(PHONE_WIDTH);
    expect(phone.narrow).toBe(true);
    expect(phone.theme.background).toBe(lightTheme.background);
  });
});

describe('renderStill', () => {
  it('writes one lossless WebP per rendition plus the canonical PNG, with pixel sizes and smallest text', async () => {
    const { files, write } = collect();
    const out = await renderStill('demo', { slot: 'half', draw: (r) => growing(r) }, write);
    expect(out.renditions).toHaveLength(renditionKeys('still').length);
    expect(files.has('demo.png')).toBe(true);
    for (const r of out.renditions) {
      const meta = await sharp(files.get(r.file)!).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.width).toBe(Math.round(r.width * r.pixelRatio));
      expect(meta.height).toBe(Math.round(r.height * r.pixelRatio));
      // Tick labels and the legend are the smallest text: the theme's sizes for that layout.
      const fs = makeRendition(r, 'half').theme.fontSize;
      expect(r.minTextPx).toBe(Math.min(fs.tick, fs.legend));
    }
    // Dark renditions are dark: the corner pixel is the dark background.
    const dark = out.renditions.find((r) => r.scheme === 'dark')!;
    const { data } = await sharp(files.get(dark.file)!).raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]]).toEqual([0x15, 0x17, 0x1a]);
  });

  it('refuses a figure not drawn at the rendition’s size, naming the output', async () => {
    const { write } = collect();
    const wrong = (r: Rendition) => makeRendition({ ...r, pixelRatio: r.pixelRatio }, r.layout === 'phone' ? 'full' : 'third').figure({ height: 100 });
    await expect(renderStill('bad', { draw: (r) => (r.layout === 'desktop' ? wrong(r) : growing(r)) }, write)).rejects.toThrow(/output "bad".*r\.figure/);
  });

  it('is deterministic: the same drawing gives the same bytes', async () => {
    const a = collect(), b = collect();
    await renderStill('same', { draw: (r) => growing(r) }, a.write);
    await renderStill('same', { draw: (r) => growing(r) }, b.write);
    for (const [name, bytes] of a.files) expect(Buffer.compare(Buffer.from(bytes), Buffer.from(b.files.get(name)!)), name).toBe(0);
  });
});

describe('renderAnimated', () => {
  it('keeps the plot box fixed across frames whose tick labels change width', async () => {
    const boxes = new Map<string, string>();
    const { files, write } = collect();
    const out = await renderAnimated('anim', {
      frames: 5,
      draw: (r, i) => {
        const fig = growing(r, i);
        const rgba = fig.rgba.bind(fig);
        // Record where the plot box ends up when the engine renders this frame.
        fig.rgba = () => {
          const img = rgba();
          const box = JSON.stringify(fig.axesLayouts()[0].plot);
          const key = `${r.layout}-${r.scheme}`;
          if (boxes.has(key)) expect(box, `${key} frame ${i}`).toBe(boxes.get(key));
          else boxes.set(key, box);
          return img;
        };
        return fig;
      },
    }, write);
    expect(boxes.size).toBe(4);
    const kinds = out.renditions.map((r) => `${r.layout}-${r.scheme}-${r.role}-${r.format}`).sort();
    expect(kinds).toContain('phone-dark-animation-webp');
    expect(kinds).toContain('desktop-light-animation-gif');
    // Only the canonical rendition is also a GIF.
    expect(kinds.filter((k) => k.endsWith('-gif'))).toEqual(['desktop-light-animation-gif']);
    expect(kinds).toContain('desktop-light-poster-webp');
    expect(files.has('anim.poster.png')).toBe(true);
    const webp = out.renditions.find((r) => r.format === 'webp' && r.role === 'animation')!;
    expect((await sharp(files.get(webp.file)!, { animated: true }).metadata()).pages).toBe(5);
  });

  it('lets the event loop turn between two frames it reads, so the canvas can free each frame’s pixels', async () => {
    // Node runs the canvas's buffer finalisers on the event loop; a frame
    // loop that never yields keeps every frame it read (see renderAnimated).
    let turns = 0;
    let ticking = true;
    const tick = () => { turns++; if (ticking) setImmediate(tick); };
    setImmediate(tick);
    const seen: number[] = [];
    const { write } = collect();
    try {
      await renderAnimated('anim', {
        frames: 6,
        draw: (r, i) => {
          const fig = growing(r, i);
          const rgba = fig.rgba.bind(fig);
          fig.rgba = () => { seen.push(turns); return rgba(); };
          return fig;
        },
      }, write);
    } finally {
      ticking = false;
    }
    // 4 renditions × 6 frames, each read once.
    expect(seen).toHaveLength(24);
    for (let k = 1; k < seen.length; k++) expect(seen[k], `read ${k}`).toBeGreaterThan(seen[k - 1]);
  });

  it('draws what lies under the marks once per rendition, even while another output of the same size draws its frames', async () => {
    let drawnOnCanvas = 0;
    const original = CanvasContext.prototype.drawUnderLayer;
    const spy = vi.spyOn(CanvasContext.prototype, 'drawUnderLayer').mockImplementation(function (this: CanvasContext, bg, draw) {
      original.call(this, bg, (ctx) => { if (ctx instanceof CanvasContext) drawnOnCanvas++; draw(ctx); });
    });
    // Same size, different axis labels: on one shared canvas their frames would take turns.
    const moving = (label: string) => (r: Rendition, i = 0) => {
      const fig = r.figure({ aspect: 0.6 });
      const ax = fig.axes({ x: { domain: [0, 1], label }, y: { domain: [0, 1], label: '$y$' } });
      ax.line([0, 1], [0, i / 8], { color: r.theme.palette[0] });
      return fig;
    };
    const { write } = collect();
    try {
      await Promise.all([
        renderAnimated('a', { frames: 8, draw: moving('$s$') }, write),
        renderAnimated('b', { frames: 8, draw: moving('$t$') }, write),
      ]);
    } finally {
      spy.mockRestore();
    }
    // 2 outputs × 4 renditions, each drawing its under layer for its first frame only.
    expect(drawnOnCanvas).toBe(8);
  });
});
