/**
 * Animation frames reuse the layer beneath their marks when it is drawn the
 * same as in the previous frame. Oracles: every frame's pixels equal those of
 * the same frame rendered alone on a fresh canvas (frames whose tick labels
 * change and frames whose axes do not, light and dark, 1× and 1.5×, a
 * colorbar); the copy is really taken when nothing under the marks changed
 * and never when something did; recorded text sizes survive a copy.
 */
import { describe, expect, it } from 'vitest';
import { createFigure } from '../../src/plot';
import { CanvasContext } from '../../src/plot/canvasContext';
import { sameCalls, SignatureContext } from '../../src/plot/signatureContext';
import { darkTheme, lightTheme, type Theme } from '../../src/plot/theme';
import type { Figure } from '../../src/plot/figure';

/** Frame i: a moving dot and line; the y range (and its tick labels) changes every `every` frames. */
function frame(i: number, theme: Theme, pixelRatio: number, every: number): Figure {
  // Titles that change every frame, as animations' titles often do: they belong to the
  // layer over the marks. (Their text changes but not their height, which sets the layout.)
  const tag = 'ab'.repeat(1 + (i % 4));
  const fig = createFigure({ width: 480, height: 240, pixelRatio, theme, title: `Frame ${tag}` });
  const top = 1 + Math.floor(i / every);
  const ax = fig.axes({ rect: [0, 0, 0.55, 1], x: { domain: [0, 1], label: '$t$' }, y: { domain: [0, top], label: '$y$' }, legend: 'upper left', title: `$t_{${tag}}$` });
  ax.line([0, 1], [0, (i % 7) / 7 * top], { color: theme.palette[0], label: 'line' });
  ax.scatter([i / 20], [top / 2], { color: theme.palette[1], radius: 4, label: 'dot' });
  const heat = fig.axes({ rect: [0.55, 0, 1, 1], x: { domain: [0, 1] }, y: { domain: [0, 1] }, colorbar: { label: '$w$' } });
  heat.heatmap({ values: Float64Array.from({ length: 16 }, (_, k) => Math.sin(k + i)), rows: 4, cols: 4, extent: [0, 1, 0, 1], domain: [-1, 1] });
  return fig;
}

describe('reusing the layer under the marks', () => {
  for (const [theme, pixelRatio] of [[lightTheme, 1], [darkTheme, 1.5]] as const) {
    it(`gives every frame the pixels it has when drawn alone (${theme === darkTheme ? 'dark' : 'light'}, ${pixelRatio}×)`, () => {
      for (const every of [1, 4, 1000]) {
        const shared = new CanvasContext(480, 240, pixelRatio);
        for (let i = 0; i < 10; i++) {
          const reused = frame(i, theme, pixelRatio, every);
          const got = reused.rgba(shared, { reuseUnderLayer: true }).data;
          const alone = frame(i, theme, pixelRatio, every);
          const want = alone.rgba(new CanvasContext(480, 240, pixelRatio)).data;
          expect(Buffer.from(got).equals(Buffer.from(want)), `frame ${i}, labels change every ${every}`).toBe(true);
          expect(reused.minTextPx).toBe(alone.minTextPx);
        }
      }
    });
  }

  it('copies the layer exactly when nothing beneath the marks changed', () => {
    const c = new CanvasContext(480, 240, 1);
    let drawnOnCanvas = 0;
    const render = (i: number, every: number) => {
      const fig = frame(i, lightTheme, 1, every);
      const original = c.drawUnderLayer.bind(c);
      c.drawUnderLayer = (bg, draw) => original(bg, (ctx) => { if (ctx === c) drawnOnCanvas++; draw(ctx); });
      fig.renderTo(c, { reuseUnderLayer: true });
      c.drawUnderLayer = original;
    };
    // Fixed axes (only titles and marks change): drawn for the first frame only.
    for (let i = 0; i < 6; i++) render(i, 1000);
    expect(drawnOnCanvas).toBe(1);
    // Tick labels changing every frame (frame 0 would match the frames above): drawn every frame.
    drawnOnCanvas = 0;
    for (let i = 1; i <= 6; i++) render(i, 1);
    expect(drawnOnCanvas).toBe(6);
  });

  it('tells drawings apart by any argument, text outline or image pixel', () => {
    const record = (f: (s: SignatureContext) => void) => { const s = new SignatureContext(1); f(s); return s.calls; };
    const base = (s: SignatureContext, x = 1, fill = '#000', pixel = 0) => {
      s.fillStyle = fill;
      s.beginPath(); s.rect(x, 2, 3, 4); s.fill();
      s.drawText({ d: 'M0 0L1 1Z', width: 1, ascent: 1, descent: 0 } as never, 5, 6, 11);
      s.drawImage({ width: 1, height: 1, data: new Uint8ClampedArray([pixel, 0, 0, 255]) }, 0, 0, 1, 1);
    };
    expect(sameCalls(record((s) => base(s)), record((s) => base(s)))).toBe(true);
    expect(sameCalls(record((s) => base(s)), record((s) => base(s, 1.0001)))).toBe(false);
    expect(sameCalls(record((s) => base(s)), record((s) => base(s, 1, '#111')))).toBe(false);
    expect(sameCalls(record((s) => base(s)), record((s) => base(s, 1, '#000', 1)))).toBe(false);
    expect(sameCalls(record((s) => base(s)), record((s) => { base(s); s.stroke(); }))).toBe(false);
  });
});
