/**
 * Contours (marching squares) and their drawing on log–log axes, and stems.
 * Oracles: level sets known in closed form (a plane, a cone), and the pixel
 * positions the axes' scales give for the same data points.
 */
import { describe, expect, it } from 'vitest';
import { createFigure, RecordingContext } from '../../src/plot';
import { contourSegments } from '../../src/plot/contour';

function field(rows: number, cols: number, f: (r: number, c: number) => number): Float64Array {
  const v = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) v[r * cols + c] = f(r, c);
  return v;
}

describe('contourSegments', () => {
  it('a plane v = c has the straight level line c = level, one segment per row of cells', () => {
    const s = contourSegments(field(5, 6, (_, c) => c), 5, 6, 2.5);
    expect(s.length).toBe(4 * 4);
    for (let k = 0; k < s.length; k += 4) { expect(s[k + 1]).toBeCloseTo(2.5, 12); expect(s[k + 3]).toBeCloseTo(2.5, 12); }
  });

  it('a cone v = distance from the centre has level sets on the circle (within the cell-size error of linear interpolation)', () => {
    const n = 41, c0 = 20;
    const s = contourSegments(field(n, n, (r, c) => Math.hypot(r - c0, c - c0)), n, n, 12);
    expect(s.length).toBeGreaterThan(4 * 40);
    for (let k = 0; k < s.length; k += 2) expect(Math.abs(Math.hypot(s[k] - c0, s[k + 1] - c0) - 12)).toBeLessThan(0.05);
  });

  it('no lines for a level outside the range, and NaN cells are skipped', () => {
    expect(contourSegments(field(3, 3, (r, c) => r + c), 3, 3, 10).length).toBe(0);
    const v = field(3, 3, (r, c) => r + c);
    v[4] = NaN; // the centre node: every cell touches it
    expect(contourSegments(v, 3, 3, 1.5).length).toBe(0);
  });
});

describe('contour and stem marks', () => {
  it('on log–log axes, a field log10(v) = −log10 x − ½ log10 y draws its level lines through the right pixels', () => {
    const xs = Array.from({ length: 9 }, (_, i) => 10 ** (-1 + 0.5 * i)); // 0.1 … 1000
    const ys = Array.from({ length: 7 }, (_, i) => 10 ** (1 + 0.5 * i)); // 10 … 10^4
    const values = field(7, 9, (r, c) => -Math.log10(xs[c]) - 0.5 * Math.log10(ys[r]));
    const fig = createFigure({ width: 500, height: 400 });
    const ax = fig.axes({ x: { domain: [0.1, 1000], type: 'log' }, y: { domain: [10, 1e4], type: 'log' } });
    ax.contour({ x: xs, y: ys, values, levels: [-2], color: '#123456', levelLabel: (l) => `$10^{${l}}$` });
    const rec = new RecordingContext();
    const [L] = fig.draw(rec);
    const paint = rec.paints.find((p) => p.style === '#123456' && p.kind === 'stroke')!;
    const pts = paint.path.filter((s): s is { op: 'M' | 'L'; x: number; y: number } => 'x' in s);
    expect(pts.length).toBeGreaterThan(4);
    // On the line, log10 y = 2 (2 − log10 x) … i.e. y = 10^4 / x²; check every vertex against the scales.
    const lx = (px: number) => -1 + ((px - L.plot.x) / L.plot.w) * 4;
    const ly = (py: number) => 1 + ((L.plot.y + L.plot.h - py) / L.plot.h) * 3;
    for (const p of pts) expect(ly(p.y)).toBeCloseTo(2 * (2 - lx(p.x)), 6);
    expect(rec.texts.map((t) => t.text)).toContain('$10^{-2}$');
  });

  it('stems run from the bottom of a log plot (or from `base`) to each value, in per-point colours', () => {
    const fig = createFigure({ width: 400, height: 300 });
    const ax = fig.axes({ x: { domain: [0, 4] }, y: { domain: [0.01, 10], type: 'log' } });
    ax.stem([1, 2, 3], [5, 0.5, 0.05], { color: ['#aa0000', '#00aa00', '#0000aa'], radius: 3, label: 'spectrum' });
    ax.stem([3.5], [1], { base: 0.1, color: '#444444', radius: 0 });
    const rec = new RecordingContext();
    const [L] = fig.draw(rec);
    const bottom = L.plot.y + L.plot.h;
    const stroke = (c: string) => rec.paints.find((p) => p.kind === 'stroke' && p.style === c)!;
    const first = stroke('#aa0000').path as { x: number; y: number }[];
    expect(first[0].y).toBeCloseTo(bottom, 9);
    expect(first[1].y).toBeCloseTo(L.plot.y + L.plot.h * (1 - (Math.log10(5) + 2) / 3), 6);
    expect(rec.paints.some((p) => p.kind === 'fill' && p.style === '#0000aa')).toBe(true);
    const based = stroke('#444444').path as { x: number; y: number }[];
    expect(based[0].y).toBeCloseTo(L.plot.y + L.plot.h * (2 / 3), 6);
    expect(rec.texts.map((t) => t.text)).toContain('spectrum');
  });
});
