/**
 * An OutputWriter for figure-script tests: records what a script publishes
 * (drawing functions, text, data) without encoding anything, plus helpers to
 * draw a recorded output in a real rendition (src/pipeline/renditions/plan.ts)
 * and inspect it with a RecordingContext. Bytes-producing `image`/`animation`
 * throw: the converted scripts must publish drawing functions only.
 */
import { expect } from 'vitest';
import type { AnimatedSpec, FigureDefinition, ImageMeta, OutputWriter, Slot, StillSpec } from '../../src/pipeline/contract';
import { makeRendition, type RenditionKey } from '../../src/pipeline/renditions/plan';
import { RecordingContext } from '../../src/plot/recordingContext';
import type { AxesLayout } from '../../src/plot/axes';
import type { Figure } from '../../src/plot/figure';
import { createRng } from '../../src/numerics';
import { CONTROL_PX } from '../../figures/ntk/controlRoom';

export interface CapturedStill { kind: 'still'; spec: StillSpec; meta: ImageMeta }
export interface CapturedAnimated { kind: 'animated'; spec: AnimatedSpec; meta: ImageMeta }
export type Captured = CapturedStill | CapturedAnimated;

export interface Capture {
  outputs: Record<string, Captured>;
  data: Record<string, any>;
}

export function captureWriter(): { out: OutputWriter; capture: Capture } {
  const capture: Capture = { outputs: {}, data: {} };
  const once = (id: string) => { if (capture.outputs[id]) throw new Error(`output "${id}" published twice`); };
  const out: OutputWriter = {
    async still(id, spec, meta) { once(id); capture.outputs[id] = { kind: 'still', spec, meta }; },
    async animated(id, spec, meta) { once(id); capture.outputs[id] = { kind: 'animated', spec, meta }; },
    image: (id) => { throw new Error(`output "${id}": out.image (raw bytes) is not allowed; publish with out.still`); },
    animation: (id) => { throw new Error(`output "${id}": out.animation (raw bytes) is not allowed; publish with out.animated`); },
    data: (name, value) => { capture.data[name] = value; },
  };
  return { out, capture };
}

/** Runs a figure script on (small) overrides of its params with the capturing writer. */
export async function runScript(def: FigureDefinition, overrides: Record<string, unknown>): Promise<Capture> {
  const { out, capture } = captureWriter();
  const params = def.params.parse(overrides);
  await def.render({ params, seed: def.seed, rng: createRng(def.seed), progress: () => {}, out } as never);
  return capture;
}

export const PHONE_DARK: RenditionKey = { layout: 'phone', scheme: 'dark', pixelRatio: 2 };
export const DESKTOP_LIGHT: RenditionKey = { layout: 'desktop', scheme: 'light', pixelRatio: 1 };

/** Draws frame `frame` (ignored for stills) of a captured output in one rendition. */
export async function drawOutput(c: Captured, key: RenditionKey, frame = 0): Promise<{ fig: Figure; rec: RecordingContext; layouts: AxesLayout[] }> {
  const slot: Slot = c.spec.slot ?? 'full';
  const r = makeRendition(key, slot);
  const fig = c.kind === 'still' ? await c.spec.draw(r) : await c.spec.draw(r, frame);
  expect(fig.width).toBe(r.width);
  expect(fig.pixelRatio).toBe(r.pixelRatio);
  const rec = new RecordingContext();
  const layouts = fig.draw(rec);
  return { fig, rec, layouts };
}

/** Every colour a recording painted or wrote text in (lower case). */
export function colorsUsed(rec: RecordingContext): Set<string> {
  return new Set([...rec.paints.map((p) => p.style), ...rec.texts.map((t) => t.style)].map((s) => s.toLowerCase()));
}

/**
 * The play button sits over the bottom-right corner of an animation: the
 * rightmost x tick label (the one nearest the corner) must end above it, at
 * the smallest display scale (0.8 on phones, 0.9 on desktops). Returns that label.
 */
export async function expectControlCornerFree(c: Captured, key: RenditionKey, frame: number): Promise<string> {
  const { fig, rec, layouts } = await drawOutput(c, key, frame);
  const below = layouts[0].plot.y + layouts[0].plot.h;
  const ticks = rec.texts.filter((t) => t.y > below && t.y < below + 40 && t.rotation === 0).sort((a, b) => b.x - a.x);
  expect(ticks.length).toBeGreaterThan(0);
  expect(ticks[0].y).toBeLessThan(fig.height - CONTROL_PX / (key.layout === 'phone' ? 0.8 : 0.9));
  return ticks[0].text;
}
