/**
 * An OutputWriter for figure tests that does what the pipeline does with a
 * still, minus encoding: calls `spec.draw` with real renditions from
 * `makeRendition` (a phone one and a desktop one for the output's slot, in
 * both schemes), checks each figure was made with `r.figure`, and records the
 * texts and paints it draws so tests can check layout and colours.
 */
import { expect } from 'vitest';
import type { ImageMeta, OutputWriter, Rendition, Slot, StillSpec } from '../../src/pipeline/contract';
import { checkFigureFits } from '../../src/pipeline/renditions/checkFigure';
import { makeRendition, type RenditionKey } from '../../src/pipeline/renditions/plan';
import { RecordingContext, type AxesLayout } from '../../src/plot';
import type { Figure } from '../../src/plot/figure';

export interface DrawnRendition {
  r: Rendition;
  fig: Figure;
  rec: RecordingContext;
  layouts: AxesLayout[];
}

export interface RecordedStill {
  slot: Slot;
  meta: ImageMeta;
  phone: DrawnRendition;
  desktop: DrawnRendition;
  /** The desktop rendition in the dark scheme. */
  dark: DrawnRendition;
}

const KEYS: Record<'phone' | 'desktop' | 'dark', RenditionKey> = {
  phone: { layout: 'phone', scheme: 'light', pixelRatio: 1 },
  desktop: { layout: 'desktop', scheme: 'light', pixelRatio: 1 },
  dark: { layout: 'desktop', scheme: 'dark', pixelRatio: 1 },
};

async function drawOne(id: string, spec: StillSpec, key: RenditionKey, slot: Slot): Promise<DrawnRendition> {
  const r = makeRendition(key, slot);
  const fig = await spec.draw(r);
  checkFigureFits(id, fig, r);
  const rec = new RecordingContext();
  const layouts = fig.draw(rec);
  return { r, fig, rec, layouts };
}

export function renditionWriter(): { out: OutputWriter; stills: Record<string, RecordedStill>; data: Record<string, unknown> } {
  const stills: Record<string, RecordedStill> = {};
  const data: Record<string, unknown> = {};
  const out: OutputWriter = {
    async still(id, spec, meta) {
      expect(meta.alt.length).toBeGreaterThan(20);
      const slot = spec.slot ?? 'full';
      stills[id] = {
        slot, meta,
        phone: await drawOne(id, spec, KEYS.phone, slot),
        desktop: await drawOne(id, spec, KEYS.desktop, slot),
        dark: await drawOne(id, spec, KEYS.dark, slot),
      };
    },
    animated: () => { throw new Error('no animations expected'); },
    image: () => { throw new Error('out.image is the old contract: use out.still'); },
    animation: () => { throw new Error('out.animation is the old contract: use out.animated'); },
    data: (name, v) => { data[name] = v; },
  };
  return { out, stills, data };
}

/** Every colour a drawing stroked or filled, lower-cased (text colours included). */
export function coloursUsed(d: DrawnRendition): Set<string> {
  const s = new Set<string>();
  for (const p of d.rec.paints) s.add(p.style.toLowerCase());
  for (const t of d.rec.texts) s.add(t.style.toLowerCase());
  return s;
}

/** Colours of the rendition's theme: a drawing that uses anything else hard-coded a colour. */
export function themeColours(r: Rendition): Set<string> {
  const t = r.theme;
  return new Set([t.background, t.foreground, t.muted, t.reference, t.highlight, t.grid, t.legendBackground, t.legendBorder, t.halo, ...t.palette]
    .map((c) => c.toLowerCase()));
}
