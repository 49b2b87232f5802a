/**
 * The ensemble and width-sweep figure scripts on small params: outputs, slots
 * and captions from params, what each rendition draws (on a RecordingContext),
 * schema validation, determinism of the drawing.
 */
import { describe, expect, it } from 'vitest';
import type { FigureDefinition } from '../../src/pipeline/contract';
import { lightTheme, darkTheme } from '../../src/plot/theme';
import initFunctions from '../../figures/ntk/init-functions.figure';
import training100 from '../../figures/ntk/training-100-nets.figure';
import weightMatrices from '../../figures/ntk/weight-matrices.figure';
import { DESKTOP_LIGHT, PHONE_DARK, colorsUsed, drawOutput, runScript } from './capture-writer';

describe('schemas reject invalid params', () => {
  it.each([
    [initFunctions, { width: -5 }], [initFunctions, { networks: 0 }], [initFunctions, { xRange: [4, -4] }],
    [training100, { width: -100 }], [training100, { lr: 0 }], [training100, { xs: [1, 2], ys: [1] }],
    [weightMatrices, { widths: [10, -100] }], [weightMatrices, { lr: -1e-3 }], [weightMatrices, { stabilityFraction: 1.5 }],
    [weightMatrices, { lossRange: [0, 10] }],
  ] as const)('%#', (def, bad) => {
    expect(() => (def as FigureDefinition).params.parse(bad)).toThrow();
  });
  it('defaults are the published values, and sizes are the pipeline\'s', () => {
    const t = training100.params.parse({});
    expect([t.width, t.networks, t.lr, t.stepsPerFrame, t.frames, t.xs, t.ys]).toEqual([100, 100, 1e-3, 5, 100, [-3, 0.5], [2, -1]]);
    const w = weightMatrices.params.parse({});
    expect([w.widths, w.lr, w.maxSteps, w.tolerance]).toEqual([[10, 100, 1000], 1e-3, 1000, 1e-10]);
    expect(initFunctions.params.parse({}).xRange).toEqual([-4, 4]);
    for (const def of [training100, weightMatrices]) {
      const keys = Object.keys(def.params.parse({}));
      for (const gone of ['figureWidth', 'figureHeight', 'heatmapWidth', 'pixelRatio', 'stillPixelRatio']) expect(keys).not.toContain(gone);
    }
  });
});

describe('init-functions', () => {
  it('draws the same ensemble as training-100-nets, in the rendition\'s theme', async () => {
    const a = await runScript(initFunctions, { networks: 6, width: 20, samples: 50 });
    const b = await runScript(training100, { networks: 6, width: 20, frames: 1, stepsPerFrame: 1, samples: 50 });
    expect(Object.keys(a.outputs)).toEqual(['init-functions']);
    expect(a.outputs['init-functions'].meta.caption).toMatch(/6 networks with 2 hidden layers of width \$m = 20\$/);
    const { rec } = await drawOutput(a.outputs['init-functions'], PHONE_DARK);
    expect([...colorsUsed(rec)].some((c) => lightTheme.palette.includes(c))).toBe(false);
    // Same seed and draw order: the initial loss of network k in training-100-nets is ½Σ(f_k(x̄ᵢ) − ȳᵢ)² of the
    // init-functions network k, whose values at x = −3 and 0.5 lie on the 0.5-spaced data grid.
    const d = a.data['init-functions'];
    const iA = d.x.indexOf(-3), iB = d.x.indexOf(0.5);
    d.values.forEach((row: number[], k: number) => {
      const want = 0.5 * ((row[iA] - 2) ** 2 + (row[iB] + 1) ** 2);
      // Losses are stored to 4 significant digits.
      expect(Math.abs(b.data['training-100-nets'].losses[k][0] - want)).toBeLessThan(1e-3 * want);
    });
  });
});

describe('training-100-nets', () => {
  const opts = { networks: 4, width: 30, frames: 6, stepsPerFrame: 20, samples: 60 };

  it('publishes frames + 1 frames drawn in the theme, records per-frame losses that fall', async () => {
    const c = await runScript(training100, opts);
    const anim = c.outputs['training-100-nets'];
    expect(anim.kind).toBe('animated');
    if (anim.kind !== 'animated') return;
    expect(anim.spec.frames).toBe(7);
    expect(anim.meta.caption).toMatch(/after 120 steps every one passes within/);
    expect(anim.meta.notes).toMatch(/width \$m = 30\$/);
    const d = c.data['training-100-nets'];
    expect(d.steps).toEqual([0, 20, 40, 60, 80, 100, 120]);
    for (const l of d.losses) expect(l[6]).toBeLessThan(l[0]);
    // Dark phone rendition: curves in the dark palette, the targets in the dark highlight.
    const { rec } = await drawOutput(anim, PHONE_DARK, 6);
    const used = colorsUsed(rec);
    expect(used.has(darkTheme.highlight)).toBe(true);
    expect(darkTheme.palette.slice(0, 4).every((c) => used.has(c))).toBe(true);
    expect([...used].some((c) => lightTheme.palette.includes(c) || c === lightTheme.highlight)).toBe(false);
    // The palette ramps list every colour the rendition draws.
    const pal = typeof anim.spec.palette === 'function' ? anim.spec.palette(darkTheme) : anim.spec.palette;
    expect(pal?.ramps).toEqual(expect.arrayContaining([darkTheme.highlight, darkTheme.foreground, ...darkTheme.palette]));
  });
});

describe('weight-matrices', () => {
  const small = { widths: [8, 64], maxSteps: 40, frameEvery: 10 };

  it('publishes one heatmap animation per width (third slot) and the two line charts (half slot)', async () => {
    const c = await runScript(weightMatrices, small);
    expect(Object.keys(c.outputs).sort()).toEqual(['loss-curves', 'weight-change', 'weight-matrix-64', 'weight-matrix-8']);
    const m8 = c.outputs['weight-matrix-8'];
    expect(m8.kind === 'animated' && m8.spec.frames).toBe(5); // steps 0, 10, 20, 30, 40
    expect(m8.spec.slot).toBe('third');
    expect(c.outputs['loss-curves'].spec.slot).toBe('half');
    expect(c.outputs['weight-change'].spec.slot).toBe('half');
    expect(c.outputs['weight-matrix-64'].meta.caption).toMatch(/64×64 hidden-to-hidden weights/);
    expect(c.outputs['loss-curves'].meta.notes).toMatch(/up to 40 steps/);
    const { rec } = await drawOutput(m8, DESKTOP_LIGHT, 4);
    expect(rec.images).toHaveLength(2); // the matrix and its colourbar
    expect(rec.texts.map((t) => t.text)).toContain('Width $m = 8$, step $40$');
    // aspect 'equal' axes are not locked by the engine: the plot must stay put on its own as the title's step grows.
    for (const key of [PHONE_DARK, DESKTOP_LIGHT]) {
      const [first, last] = [await drawOutput(m8, key, 0), await drawOutput(m8, key, 4)];
      expect(last.layouts[0].plot).toEqual(first.layouts[0].plot);
    }
    const runs = c.data['weight-matrices'].runs;
    expect(runs.map((r: any) => r.width)).toEqual([8, 64]);
    for (const r of runs) {
      expect(r.losses).toHaveLength(r.steps + 1);
      expect(r.weightChange[0]).toBe(0);
      expect(r.frameSteps).toEqual([0, 10, 20, 30, 40]);
    }
    expect(runs[1].finalWeightChange).toBeLessThan(runs[0].finalWeightChange);
  });

  it('draws the weight change on a log axis covering every width\'s line, with one line per width', async () => {
    const c = await runScript(weightMatrices, small);
    const runs = c.data['weight-matrices'].runs;
    for (const key of [PHONE_DARK, DESKTOP_LIGHT]) {
      const { rec, layouts } = await drawOutput(c.outputs['weight-change'], key);
      const y = layouts[0].y;
      expect(y.type).toBe('log');
      for (const r of runs) {
        const end = r.weightChange[r.weightChange.length - 1];
        expect(end).toBeGreaterThanOrEqual(y.domain[0]);
        expect(end).toBeLessThanOrEqual(y.domain[1]);
      }
      // A log axis spanning whole decades: the smallest final change is at least a tenth of the way up.
      const small = Math.min(...runs.map((r: any) => r.weightChange[r.weightChange.length - 1]));
      expect(Math.log10(small / y.domain[0]) / Math.log10(y.domain[1] / y.domain[0])).toBeGreaterThan(0.1);
      const pal = (key.scheme === 'dark' ? darkTheme : lightTheme).palette;
      const strokes = rec.paints.filter((p) => p.kind === 'stroke' && pal.slice(0, 2).includes(p.style));
      expect(strokes.length).toBeGreaterThanOrEqual(2);
    }
  });
});
