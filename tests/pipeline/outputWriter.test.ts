/** Output validation at write time, on an in-memory file system. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rendition } from '../../src/pipeline/contract';
import { createOutputWriter, isGif, isPng } from '../../src/pipeline/outputWriter';

let png: Uint8Array;
let gif: Uint8Array;
const dir = mkdtempSync(path.join(os.tmpdir(), 'writer-'));
beforeAll(async () => {
  const img = sharp({ create: { width: 4, height: 3, channels: 3, background: '#123456' } });
  png = new Uint8Array(await img.clone().png().toBuffer());
  gif = new Uint8Array(await img.clone().gif().toBuffer());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function memoryWriter() {
  const files = new Map<string, Uint8Array | string>();
  const w = createOutputWriter(dir, (f, b) => files.set(path.relative(dir, f), b));
  return { ...w, files };
}
const meta = { alt: 'alt', caption: 'caption' };

describe('createOutputWriter', () => {
  it('lists drawn outputs in the order they were published, not the order their drawing finished', async () => {
    const { out, written } = memoryWriter();
    const slowDraw = async (r: Rendition) => {
      await new Promise((res) => setTimeout(res, 30));
      return r.figure({ aspect: 0.5 });
    };
    const p = [
      out.still('slow', { draw: slowDraw }, meta),
      out.still('fast', { draw: (r) => r.figure({ aspect: 0.5 }) }, meta),
    ];
    await Promise.all(p);
    await written.settle();
    expect(written.outputs.map((o) => o.id)).toEqual(['slow', 'fast']);
  });

  it('recognises PNG and GIF by their magic bytes', () => {
    expect([isPng(png), isGif(png), isGif(gif), isPng(gif), isPng(new Uint8Array())]).toEqual([true, false, true, false, false]);
  });

  it('records images, animations and data with their files', () => {
    const { out, written, files } = memoryWriter();
    out.image('one', png, { ...meta, pixelRatio: 2 });
    out.animation('two', gif, png, meta);
    out.data('numbers', { x: new Float64Array([1, 2]) });
    out.data('table', 'a,b\n1,2\n');
    expect(written.outputs).toEqual([
      { id: 'one', kind: 'image', file: 'one.png', alt: 'alt', caption: 'caption', pixelRatio: 2 },
      { id: 'two', kind: 'animation', file: 'two.gif', poster: 'two.poster.png', alt: 'alt', caption: 'caption', pixelRatio: 1 },
    ]);
    expect([...files.keys()]).toEqual(['one.png', 'two.gif', 'two.poster.png', 'data/numbers.json', 'data/table.csv']);
    expect(files.get('data/numbers.json')).toBe('{"x":[1,2]}');
  });

  it.each([
    ['empty alt', (o: ReturnType<typeof memoryWriter>['out']) => o.image('a', png, { alt: ' ', caption: 'c' }), /output "a" has no alt text/],
    ['empty caption', (o: ReturnType<typeof memoryWriter>['out']) => o.image('a', png, { alt: 'a', caption: '' }), /output "a" has no caption/],
    ['GIF given as image', (o: ReturnType<typeof memoryWriter>['out']) => o.image('a', gif, meta), /not a PNG/],
    ['PNG given as animation', (o: ReturnType<typeof memoryWriter>['out']) => o.animation('a', png, png, meta), /not a GIF/],
    ['bad poster', (o: ReturnType<typeof memoryWriter>['out']) => o.animation('a', gif, gif, meta), /poster.*not a PNG/],
    ['empty bytes', (o: ReturnType<typeof memoryWriter>['out']) => o.image('a', new Uint8Array(), meta), /empty/],
    ['bad id', (o: ReturnType<typeof memoryWriter>['out']) => o.image('../a', png, meta), /id "\.\.\/a" is invalid/],
    ['bad pixelRatio', (o: ReturnType<typeof memoryWriter>['out']) => o.image('a', png, { ...meta, pixelRatio: 0 }), /pixelRatio/],
  ])('rejects %s and writes nothing', (_what, write, error) => {
    const w = memoryWriter();
    expect(() => write(w.out)).toThrow(error);
    expect(w.files.size).toBe(0);
  });

  describe('a legend that hides a data point fails the output, naming the rendition (and frame)', () => {
    /** One axes, legend lower left; a dot in that corner in the frames listed in `coveredIn`, else in the middle. */
    const plot = (coveredIn: (r: Rendition, k: number) => boolean) => (r: Rendition, k = 0) => {
      const fig = r.figure({ aspect: 0.6 });
      const ax = fig.axes({ x: { domain: [0, 1] }, y: { domain: [0, 1] }, title: 'Panel', legend: 'lower left' });
      const at = coveredIn(r, k) ? 0.1 : 0.5;
      ax.scatter([at], [at], { label: 'measurements' });
      return fig;
    };

    it('a still: only its phone rendition covers the dot', async () => {
      const { out } = memoryWriter();
      await expect(out.still('covered', { draw: plot((r) => r.layout === 'phone') }, meta)).rejects.toThrow(
        /output "covered": in the phone\/(light|dark) rendition, the legend of the axes titled Panel hides 1 data point: \(0\.1, 0\.1\)\. Move it/,
      );
    });

    it('an animation: only frame 2 covers the dot', async () => {
      const { out } = memoryWriter();
      const spec = { frames: 4, delay: 100, draw: plot((_r, k) => k === 2) };
      await expect(out.animated('moving', spec, meta)).rejects.toThrow(/output "moving": in the \w+\/\w+ rendition, frame 2, the legend .* hides 1 data point/);
    });

    it('a legend clear of every dot passes', async () => {
      const { out, written } = memoryWriter();
      await out.still('clear', { draw: plot(() => false) }, meta);
      await written.settle();
      expect(written.outputs.map((o) => o.id)).toEqual(['clear']);
    });
  });

  it('rejects an id written twice', () => {
    const { out } = memoryWriter();
    out.image('a', png, meta);
    expect(() => out.animation('a', gif, png, meta)).toThrow('output id "a" is written twice');
    out.data('d', {});
    expect(() => out.data('d', {})).toThrow('data "d" is written twice');
  });
});
