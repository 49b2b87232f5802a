import { describe, expect, it } from 'vitest';
import { createFigure, RecordingContext } from '../../src/plot';

const W = 640, H = 480;

describe('axes on a recording context', () => {
  it('linear axes: tick labels centred on linearly spaced ticks; margins fit every label', () => {
    const fig = createFigure({ width: W, height: H });
    fig.axes({ x: { domain: [0, 10], label: 'Parameter $w$' }, y: { domain: [-1, 1], label: '$f(x, w)$' }, title: '$\\alpha = 48.25$' });
    const rec = new RecordingContext();
    const [L] = fig.draw(rec);
    const labels = rec.texts.map((t) => t.text);
    expect(labels).toEqual(expect.arrayContaining(['$0$', '$2$', '$4$', '$6$', '$8$', '$10$', 'Parameter $w$', '$f(x, w)$', '$\\alpha = 48.25$']));
    // d3's minus (U+2212) is kept in the source and typeset as a TeX minus.
    expect(labels.some((s) => /^\$[−-]1\.0\$$/.test(s))).toBe(true);
    for (const v of [0, 2, 4, 6, 8, 10]) {
      const t = rec.texts.find((t) => t.text === `$${v}$` && t.rotation === 0 && t.y > L.plot.y + L.plot.h)!;
      const expected = L.plot.x + (v / 10) * L.plot.w;
      expect(t.x + t.width / 2).toBeCloseTo(expected, 6);
    }
    // y ticks: value → pixel is linear and reversed (up is larger).
    const ys = L.y.ticks.map((t) => [t.value, t.pos]);
    for (const [v, p] of ys) expect(p).toBeCloseTo(L.plot.y + ((1 - v) / 2) * L.plot.h, 6);
    // Every unrotated text lies inside the page.
    for (const t of rec.texts.filter((t) => t.rotation === 0)) {
      expect(t.x).toBeGreaterThanOrEqual(0);
      expect(t.x + t.width).toBeLessThanOrEqual(W + 1e-9);
      expect(t.y).toBeLessThanOrEqual(H);
    }
    // Tick marks: a vertical segment below the frame at each x tick (snapped to the device-pixel centre nearby).
    const bottom = L.plot.y + L.plot.h;
    const hasTick = (x: number) =>
      rec.paints.some((p) => p.kind === 'stroke' && p.path.some((s, i) => {
        const n = p.path[i + 1];
        return s.op === 'M' && 'x' in s && Math.abs(s.x - x) <= 0.5 && (s.x * 2) % 2 === 1 && Math.abs(s.y - bottom) < 1e-9 &&
          n?.op === 'L' && 'y' in n && n.x === s.x && n.y > bottom; // downward from the frame
      }));
    for (const v of [0, 4, 10]) expect(hasTick(L.plot.x + (v / 10) * L.plot.w)).toBe(true);
    expect(hasTick(L.plot.x + 0.5 * L.plot.w)).toBe(false);
  });

  it('aspect equal: axis labels and title stay next to the (smaller, centred) plot', () => {
    const draw = (aspect?: 'equal') => {
      const fig = createFigure({ width: W, height: H });
      fig.axes({ x: { domain: [0, 10], label: 'Column $j$' }, y: { domain: [10, 0], label: 'Row $k$' }, title: 'Matrix', aspect });
      const rec = new RecordingContext();
      const [L] = fig.draw(rec);
      const find = (text: string) => rec.texts.find((t) => t.text === text)!;
      const b = L.plot.y + L.plot.h;
      return { x: find('Column $j$').y - b, y: L.plot.x - find('Row $k$').x, t: L.plot.y - find('Matrix').y, plot: L.plot };
    };
    const free = draw(), equal = draw('equal');
    // The equal-aspect plot is square and smaller than the free one in one direction…
    expect(equal.plot.w).toBeCloseTo(equal.plot.h, 6);
    expect(Math.min(free.plot.w - equal.plot.w, free.plot.h - equal.plot.h)).toBeLessThan(1e-6);
    // …and its labels sit at the same distances from the plot as in the free layout.
    expect(equal.x).toBeCloseTo(free.x, 6);
    expect(equal.y).toBeCloseTo(free.y, 6);
    expect(equal.t).toBeCloseTo(free.t, 6);
  });

  it('log axes: powers of ten labelled $10^{k}$, evenly spaced, with unlabelled minor ticks', () => {
    const fig = createFigure({ width: W, height: H });
    fig.axes({ x: { domain: [1, 1000], type: 'log', label: 'width $m$' }, y: { domain: [0.01, 10], type: 'log' } });
    const rec = new RecordingContext();
    const [L] = fig.draw(rec);
    const xMajor = L.x.ticks.filter((t) => t.major);
    expect(xMajor.map((t) => t.label)).toEqual(['$10^{0}$', '$10^{1}$', '$10^{2}$', '$10^{3}$']);
    for (let k = 0; k < 4; k++) expect(xMajor[k].pos).toBeCloseTo(L.plot.x + (k / 3) * L.plot.w, 6);
    const minor = L.x.ticks.filter((t) => !t.major);
    expect(minor.length).toBe(8 * 3);
    const two = minor.find((t) => t.value === 2)!;
    expect(two.pos).toBeCloseTo(L.plot.x + (Math.log10(2) / 3) * L.plot.w, 6);
    expect(minor.every((t) => t.label === '')).toBe(true);
    expect(rec.texts.map((t) => t.text)).toEqual(expect.arrayContaining(['$10^{-2}$', '$10^{-1}$', '$10^{0}$', '$10^{1}$']));
  });

  it('lines are drawn as paths through the mapped points, clipped to the plot box', () => {
    const fig = createFigure({ width: W, height: H });
    const ax = fig.axes({ x: { domain: [0, 10] }, y: { domain: [0, 2] } });
    ax.line([0, 5, 10], [0, 2, 0], { color: '#ff0000', width: 3, label: 'a line' });
    ax.lines([0, 10], new Float64Array([0, 1, 1, 2, 2, 0]), 3, { color: '#00ff00' });
    const rec = new RecordingContext();
    const [L] = fig.draw(rec);
    const red = rec.paints.find((p) => p.kind === 'stroke' && p.style === '#ff0000' && p.path.length === 3)!;
    expect(red.lineWidth).toBe(3);
    const pts = red.path.map((s) => ('x' in s ? [s.op, s.x, s.y] : [s.op]));
    expect(pts).toEqual([
      ['M', L.plot.x, L.plot.y + L.plot.h],
      ['L', L.plot.x + L.plot.w / 2, L.plot.y],
      ['L', L.plot.x + L.plot.w, L.plot.y + L.plot.h],
    ]);
    // One colour for many lines: one stroke holding all three polylines.
    const green = rec.paints.filter((p) => p.style === '#00ff00');
    expect(green).toHaveLength(1);
    expect(green[0].path.filter((s) => s.op === 'M')).toHaveLength(3);
    expect(rec.clips[0][0]).toEqual({ op: 'rect', args: [L.plot.x, L.plot.y, L.plot.w, L.plot.h] });
    expect(rec.texts.map((t) => t.text)).toContain('a line'); // legend
  });

  it('NaN breaks a line into pieces', () => {
    const fig = createFigure({ width: W, height: H });
    fig.axes({ x: { domain: [0, 4] }, y: { domain: [0, 4] } }).line([0, 1, 2, 3, 4], [0, 1, NaN, 3, 4], { color: '#123456' });
    const rec = new RecordingContext();
    fig.draw(rec);
    const p = rec.paints.find((p) => p.style === '#123456')!;
    expect(p.path.filter((s) => s.op === 'M')).toHaveLength(2);
  });
});
