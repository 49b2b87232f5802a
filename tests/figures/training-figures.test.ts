/**
 * The three training figure scripts on small params: outputs and ids,
 * captions built from params, decoded GIFs, schema validation, determinism.
 */
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { FigureDefinition, ImageMeta, OutputWriter } from '../../src/pipeline/contract';
import { createRng } from '../../src/numerics';
import initFunctions from '../../figures/ntk/init-functions.figure';
import training100 from '../../figures/ntk/training-100-nets.figure';
import weightMatrices, { niceCeil } from '../../figures/ntk/weight-matrices.figure';

interface Captured { images: Record<string, { png: Uint8Array; meta: ImageMeta }>; anims: Record<string, { gif: Uint8Array; poster: Uint8Array; meta: ImageMeta }>; data: Record<string, any> }

async function run(def: FigureDefinition, overrides: Record<string, unknown>): Promise<Captured> {
  const c: Captured = { images: {}, anims: {}, data: {} };
  const out: OutputWriter = {
    image: (id, png, meta) => { c.images[id] = { png, meta }; },
    animation: (id, gif, poster, meta) => { c.anims[id] = { gif, poster, meta }; },
    data: (name, v) => { c.data[name] = v; },
  };
  const params = def.params.parse(overrides);
  await def.render({ params, seed: def.seed, rng: createRng(def.seed), progress: () => {}, out } as never);
  return c;
}

describe('schemas reject invalid params', () => {
  it.each([
    [initFunctions, { width: -5 }], [initFunctions, { networks: 0 }], [initFunctions, { xRange: [4, -4] }],
    [training100, { width: -100 }], [training100, { lr: 0 }], [training100, { xs: [1, 2], ys: [1] }],
    [weightMatrices, { widths: [10, -100] }], [weightMatrices, { lr: -1e-3 }], [weightMatrices, { stabilityFraction: 1.5 }],
    [weightMatrices, { lossRange: [0, 10] }],
  ] as const)('%#', (def, bad) => {
    expect(() => (def as FigureDefinition).params.parse(bad)).toThrow();
  });
  it('defaults are the published values', () => {
    const t = training100.params.parse({});
    expect([t.width, t.networks, t.lr, t.stepsPerFrame, t.frames, t.xs, t.ys]).toEqual([100, 100, 1e-3, 5, 100, [-3, 0.5], [2, -1]]);
    const w = weightMatrices.params.parse({});
    expect([w.widths, w.lr, w.maxSteps, w.tolerance]).toEqual([[10, 100, 1000], 1e-3, 1000, 1e-10]);
    expect(initFunctions.params.parse({}).xRange).toEqual([-4, 4]);
  });
});

describe('init-functions', () => {
  it('draws the same ensemble as training-100-nets and writes a caption from its params', async () => {
    const a = await run(initFunctions, { networks: 6, width: 20, samples: 50, figureWidth: 320, figureHeight: 240 });
    const b = await run(training100, { networks: 6, width: 20, frames: 1, stepsPerFrame: 1, samples: 50, figureWidth: 320, figureHeight: 240 });
    expect(Object.keys(a.images)).toEqual(['init-functions']);
    expect(a.images['init-functions'].meta.caption).toMatch(/6 networks with 2 hidden layers of width \$m = 20\$/);
    const meta = await sharp(Buffer.from(a.images['init-functions'].png)).metadata();
    // Stills are drawn at 2 device pixels per CSS pixel, and say so.
    expect(a.images['init-functions'].meta.pixelRatio).toBe(2);
    expect([meta.width, meta.height]).toEqual([640, 480]);
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
  it('renders frames + 1 GIF frames, records per-frame losses that fall, and is deterministic', async () => {
    const opts = { networks: 4, width: 30, frames: 6, stepsPerFrame: 20, samples: 60, figureWidth: 320, figureHeight: 240 };
    const a = await run(training100, opts);
    const anim = a.anims['training-100-nets'];
    const m = await sharp(Buffer.from(anim.gif), { animated: true }).metadata();
    expect(m.pages).toBe(7);
    expect(anim.meta.caption).toMatch(/20 steps per frame, 120 steps in all/);
    expect(anim.meta.caption).toMatch(/width \$m = 30\$/);
    const d = a.data['training-100-nets'];
    expect(d.steps).toEqual([0, 20, 40, 60, 80, 100, 120]);
    for (const l of d.losses) expect(l[6]).toBeLessThan(l[0]);
    const b = await run(training100, opts);
    expect(Buffer.from(b.anims['training-100-nets'].gif).equals(Buffer.from(anim.gif))).toBe(true);
  });
});

describe('weight-matrices', () => {
  it('writes one GIF per width plus the two line charts, and wider nets move their weights less', async () => {
    const c = await run(weightMatrices, { widths: [8, 64], maxSteps: 40, frameEvery: 10, heatmapWidth: 300, heatmapHeight: 260, figureWidth: 320, figureHeight: 240 });
    expect(Object.keys(c.anims).sort()).toEqual(['weight-matrix-64', 'weight-matrix-8']);
    expect(Object.keys(c.images).sort()).toEqual(['loss-curves', 'weight-change']);
    const m = await sharp(Buffer.from(c.anims['weight-matrix-8'].gif), { animated: true }).metadata();
    expect(m.pages).toBe(5); // steps 0, 10, 20, 30, 40
    expect(c.anims['weight-matrix-64'].meta.caption).toMatch(/64×64 weight matrix/);
    expect(c.images['loss-curves'].meta.caption).toMatch(/up to 40 steps/);
    const runs = c.data['weight-matrices'].runs;
    expect(runs.map((r: any) => r.width)).toEqual([8, 64]);
    for (const r of runs) {
      expect(r.losses).toHaveLength(r.steps + 1);
      expect(r.weightChange[0]).toBe(0);
      expect(r.frameSteps).toEqual([0, 10, 20, 30, 40]);
    }
    expect(runs[1].finalWeightChange).toBeLessThan(runs[0].finalWeightChange);
  });
  it('niceCeil rounds up to 1, 2, 2.5 or 5 × 10^k', () => {
    expect(niceCeil(0.136)).toBe(0.2);
    expect(niceCeil(0.021)).toBeCloseTo(0.025, 15);
    expect(niceCeil(3)).toBe(5);
    expect(niceCeil(1)).toBe(1);
  });
});
