/**
 * The manifest: what the pipeline tells the site about every published figure
 * output. Written to `.figures/manifest.json` after each pipeline run; read by
 * the `<Figure>` component and the remark plugin that numbers figures.
 * All `src`-like paths are relative to the site's base (no leading slash), so
 * the site prefixes them with `import.meta.env.BASE_URL`.
 */
import type { Slot } from './contract';
import type { RenditionRecord } from './renditions/record';

/** A rendition as the site serves it. */
export interface PublishedRendition extends Omit<RenditionRecord, 'file'> {
  /** Content-hashed file under public/, e.g. `figures/ellipses.phone-dark-2x.3f2a9c1b.webp`. */
  src: string;
  bytes: number;
}

export interface ManifestEntry {
  /** Output id, as used in `<Figure id="…">`. */
  id: string;
  kind: 'image' | 'animation';
  /** Content-hashed file under public/, e.g. `figures/ellipses.3f2a9c1b.gif`. */
  src: string;
  /** Poster frame (animations only), content-hashed PNG. */
  poster?: string;
  /** CSS pixel size (device pixels divided by pixelRatio). */
  width: number;
  height: number;
  pixelRatio: number;
  bytes: number;
  /** Desktop slot the renditions were drawn for. */
  slot?: Slot;
  /** Every rendition (outputs published with `still` / `animated`); absent for single-file outputs. */
  renditions?: PublishedRendition[];
  alt: string;
  /** May contain inline TeX between `$…$`. */
  caption: string;
  /** Longer notes for "How this figure was made" (inline TeX). */
  notes?: string;
  /** Social preview image (1200×630 PNG), content-hashed. */
  social?: string;
  script: {
    /** Definition id, e.g. `ntk/ellipses`. */
    id: string;
    title: string;
    /** Repository-relative path of the script, e.g. `figures/ntk/ellipses.figure.ts`. */
    path: string;
    /** Published copy of the script's source text. */
    source: string;
  };
  params: Record<string, unknown>;
  seed: number;
  /** Content hash that keyed the cache entry. */
  key: string;
  /** Data files of the script (the plotted numbers). */
  data: { name: string; src: string }[];
  /** Published provenance record (JSON). */
  provenance: string;
}

export interface Manifest {
  version: 1;
  figures: Record<string, ManifestEntry>;
}

export const MANIFEST_PATH = '.figures/manifest.json';
