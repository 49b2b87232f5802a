/**
 * Outputs of one script that publish the same drawing share their phone
 * renditions (drawn once, one file, one download); desktop renditions stay
 * per slot; the files belong to the output published first, whichever
 * finishes drawing first; a failure reaches every output that waited on it.
 */
import { describe, expect, it } from 'vitest';
import type { Rendition } from '../../../src/pipeline/contract';
import { renderAnimated, renderStill } from '../../../src/pipeline/renditions';
import { SharedRenditions } from '../../../src/pipeline/renditions/sharedRenditions';

function collect() {
  const files = new Map<string, Uint8Array>();
  return { files, write: (f: string, b: Uint8Array) => void files.set(f, b) };
}

function counted() {
  const calls: string[] = [];
  const draw = (r: Rendition, i = 0) => {
    calls.push(`${r.layout}-${r.scheme}-${r.width}-${i}`);
    const fig = r.figure({ aspect: 0.6 });
    const ax = fig.axes({ x: { domain: [0, 1], label: '$x$' }, y: { domain: [0, 1], label: '$y$' } });
    ax.line([0, 1], [0, i / 3], { color: r.theme.palette[0] });
    return fig;
  };
  return { calls, draw };
}

const phoneFiles = (o: { renditions: { layout: string; file: string }[] }) => o.renditions.filter((r) => r.layout === 'phone').map((r) => r.file);
const desktopFiles = (o: { renditions: { layout: string; file: string }[] }) => o.renditions.filter((r) => r.layout === 'desktop').map((r) => r.file);

describe('shared phone renditions', () => {
  it('draws a still’s phone renditions once for two outputs with the same drawing, desktop ones per slot', async () => {
    const { files, write } = collect();
    const { calls, draw } = counted();
    const shared = new SharedRenditions();
    const [full, half] = await Promise.all([
      renderStill('hero', { slot: 'full', draw }, write, shared),
      renderStill('row', { slot: 'half', draw }, write, shared),
    ]);
    expect(phoneFiles(half)).toEqual(phoneFiles(full));
    expect(phoneFiles(full).every((f) => f.startsWith('hero.'))).toBe(true);
    expect(desktopFiles(half).every((f) => f.startsWith('row.'))).toBe(true);
    expect([...files.keys()].filter((f) => f.startsWith('row.phone'))).toEqual([]);
    // 2 phone (light, dark) + 4 desktop per output.
    expect(calls.filter((c) => c.startsWith('phone'))).toHaveLength(2);
    expect(calls.filter((c) => c.startsWith('desktop'))).toHaveLength(8);
  });

  it('does not share between different drawing functions or different options', async () => {
    const { write } = collect();
    const shared = new SharedRenditions();
    const a = counted(), b = counted();
    const [x, y] = await Promise.all([
      renderStill('x', { draw: a.draw }, write, shared),
      renderStill('y', { draw: b.draw }, write, shared),
    ]);
    expect(phoneFiles(x)).not.toEqual(phoneFiles(y));
    const c = counted();
    const [p, q] = await Promise.all([
      renderAnimated('p', { frames: 3, delay: 100, draw: c.draw }, write, undefined, shared),
      renderAnimated('q', { frames: 3, delay: 200, draw: c.draw }, write, undefined, shared),
    ]);
    expect(phoneFiles(q).every((f) => f.startsWith('q.'))).toBe(true);
    expect(phoneFiles(p).every((f) => f.startsWith('p.'))).toBe(true);
  });

  it('gives an animation’s shared files to the output published first (claimed before any drawing starts)', async () => {
    const { write } = collect();
    const { draw } = counted();
    const slow = async (r: Rendition, i: number) => {
      await new Promise((res) => setTimeout(res, 5));
      return draw(r, i);
    };
    const shared = new SharedRenditions();
    // Same function object for both; every frame yields, so the two outputs' drawing interleaves.
    const first = renderAnimated('first', { frames: 3, draw: slow }, write, undefined, shared);
    const second = renderAnimated('second', { frames: 3, draw: slow }, write, undefined, shared);
    const [a, b] = await Promise.all([first, second]);
    expect(phoneFiles(a)).toEqual(phoneFiles(b));
    expect(phoneFiles(b).every((f) => f.startsWith('first.'))).toBe(true);
  });

  it('fails both outputs when the shared drawing fails, without an unhandled rejection', async () => {
    const { write } = collect();
    const shared = new SharedRenditions();
    const draw = (r: Rendition) => {
      if (r.layout === 'phone') throw new Error('phone drawing broke');
      return counted().draw(r);
    };
    const results = await Promise.allSettled([renderStill('a', { draw }, write, shared), renderStill('b', { draw }, write, shared)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/phone drawing broke/);
  });
});
