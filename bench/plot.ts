/**
 * Plot/GIF benchmark (printed numbers, not a timed test):
 *  - frames/s drawn + encoded: 800×600, 100 lines × 500 points;
 *  - frames/s for a 1000×1000 heatmap drawn into 600×600;
 *  - bytes of an 800×600, 200-frame animation of 7 moving ellipses with accumulating dots
 *    (target ≤ 1.2 MB; the original's comparable GIF is 3.4 MB);
 *  - bytes of a 750×570, 100-frame, 100-line training animation (target ≤ 2 MB; original 3.3 MB / 130 frames).
 * Synthetic but realistic motion, from the seeded RNG.
 */
import { pathToFileURL } from 'node:url';
import { createRng } from '../src/numerics/rng';
import { createFigure, defaultTheme } from '../src/plot';
import { encodeAnimation, GifWriter, buildPalette } from '../src/gif';

function linesFrame(t: number, nLines: number, nPts: number, w: number, h: number, phases: Float64Array, amps: Float64Array) {
  const x = new Float64Array(nPts);
  for (let i = 0; i < nPts; i++) x[i] = -3 + (6 * i) / (nPts - 1);
  const ys = new Float64Array(nLines * nPts);
  for (let k = 0; k < nLines; k++) {
    // Each "network function" relaxes from a random curve towards a common target.
    const a = Math.exp(-t * 0.04);
    for (let i = 0; i < nPts; i++) ys[k * nPts + i] = (1 - a) * Math.sin(1.3 * x[i]) + a * amps[k] * Math.sin(phases[k] + x[i] * (1 + amps[k]));
  }
  const fig = createFigure({ width: w, height: h });
  const ax = fig.axes({ x: { domain: [-3, 3], label: '$x$' }, y: { domain: [-2.5, 2.5], label: '$f(x, w(n))$' }, title: `Step $${t}$` });
  ax.lines(x, ys, nLines, { color: (k) => defaultTheme.palette[k % 7], width: 1, alpha: 0.6 });
  ax.scatter([-2, 2], [Math.sin(-2.6), Math.sin(2.6)], { color: '#111', radius: 5, label: 'data' });
  return fig;
}

/** `only`: run just the named parts ('lines', 'heatmap', 'ellipses', 'training'); default all. */
export async function runPlotBench(only: string[] = []): Promise<void> {
  const want = (name: string) => only.length === 0 || only.includes(name);
  const rng = createRng(42);
  const phases = new Float64Array(100).map(() => rng.uniform() * 6.28);
  const amps = new Float64Array(100).map(() => 0.3 + rng.uniform());

  // 1. 100 lines × 500 points, drawn + encoded.
  if (want('lines')) {
    const frames = 40;
    const sample = linesFrame(0, 100, 500, 800, 600, phases, amps).rgba();
    const writer = new GifWriter({ width: 800, height: 600, palette: buildPalette([sample]) });
    const t0 = performance.now();
    for (let f = 0; f < frames; f++) writer.add(linesFrame(f, 100, 500, 800, 600, phases, amps).rgba(), 80);
    writer.finish();
    const s = (performance.now() - t0) / 1000;
    console.log(`lines 800×600, 100×500 pts: ${(frames / s).toFixed(1)} frames/s drawn+encoded (target ≥ 20)`);
  }
  // 2. 1000×1000 heatmap into 600×600.
  if (want('heatmap')) {
    const M = 1000, v = new Float64Array(M * M);
    for (let i = 0; i < v.length; i++) v[i] = rng.normal();
    const mk = () => {
      const fig = createFigure({ width: 600, height: 600 });
      fig.axes({ x: { domain: [0, M] }, y: { domain: [M, 0] }, aspect: 'equal', bare: true }).heatmap({ values: v, rows: M, cols: M, domain: [-3, 3] });
      return fig;
    };
    const writer = new GifWriter({ width: 600, height: 600, palette: buildPalette([mk().rgba()]) });
    const frames = 15, t0 = performance.now();
    for (let f = 0; f < frames; f++) {
      v[f] += 1; // a small change per frame
      writer.add(mk().rgba(), 80);
    }
    writer.finish();
    console.log(`heatmap 1000×1000 → 600×600: ${(frames / ((performance.now() - t0) / 1000)).toFixed(1)} frames/s drawn+encoded`);
  }
  // 3. Ellipses with accumulating dots.
  if (want('ellipses')) {
    const n = 200, E = 7;
    const cx = new Float64Array(E), cy = new Float64Array(E), ang = new Float64Array(E);
    for (let e = 0; e < E; e++) { cx[e] = rng.normal() * 0.5; cy[e] = rng.normal() * 0.5; ang[e] = rng.uniform() * Math.PI; }
    const state = (f: number) => {
      // deterministic positions of frame f
      const X = new Float64Array(E), Y = new Float64Array(E), R = new Float64Array(E);
      for (let e = 0; e < E; e++) {
        const a = Math.exp(-f / 60);
        X[e] = cx[e] * a + (1 - a) * Math.cos((2 * Math.PI * e) / E);
        Y[e] = cy[e] * a + (1 - a) * Math.sin((2 * Math.PI * e) / E);
        R[e] = 0.15 + 0.35 * a;
      }
      return { X, Y, R };
    };
    const t0 = performance.now();
    const res = await encodeAnimation({
      frames: n,
      render: (f) => {
        const fig = createFigure({ width: 800, height: 600 });
        const ax = fig.axes({ x: { domain: [-2, 2], label: '$y_1 = f(-2, w(n))$' }, y: { domain: [-1.5, 1.5], label: '$y_2 = f(2, w(n))$' }, title: `Iteration $${f}$` });
        const s = state(f);
        for (let e = 0; e < E; e++) {
          const xs: number[] = [], ys: number[] = [];
          for (let g = 0; g <= f; g += 4) { const p = state(g); xs.push(p.X[e]); ys.push(p.Y[e]); }
          ax.scatter(xs, ys, { color: defaultTheme.palette[e], radius: 2.5 });
          ax.ellipse({ cx: s.X[e], cy: s.Y[e], rx: s.R[e], ry: s.R[e] * 0.5, angle: ang[e], stroke: defaultTheme.palette[e], width: 2 });
        }
        return fig;
      },
    });
    console.log(`ellipses 800×600×200: ${res.gif.length} bytes (target ≤ 1.2 MB; original 3.4 MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  // 4. Training animation 750×570, 100 frames, 100 lines.
  if (want('training')) {
    const t0 = performance.now();
    // Shade ramps of the drawn colours (as figures/ntk/training-100-nets does): hues kept with 47 colours.
    const ramps = [...defaultTheme.palette.slice(0, 7), '#111111', defaultTheme.foreground];
    const res = await encodeAnimation({ frames: 100, render: (f) => linesFrame(f, 100, 200, 750, 570, phases, amps), palette: { maxColors: 47, ramps, rampSteps: 4 } });
    console.log(`training 750×570×100, 100 lines: ${res.gif.length} bytes (target ≤ 2 MB; original 3.3 MB for 130 frames) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runPlotBench(process.argv.slice(2));
}
