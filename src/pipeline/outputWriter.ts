/**
 * The OutputWriter handed to `render`: writes into the figure's staging
 * directory and validates at write time, so a bad output fails the figure at
 * the line that produced it (empty alt text, a PNG that is not a PNG, an id
 * used twice) instead of surfacing later in the site.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ImageMeta, OutputWriter, Slot } from './contract';
import type { RenditionRecord } from './renditions/record';
import { renderAnimated, renderStill, type RenderedOutput } from './renditions';
import { SharedRenditions } from './renditions/sharedRenditions';

export interface OutputRecord {
  id: string;
  kind: 'image' | 'animation';
  /** File name inside the cache entry. */
  file: string;
  /** Poster file name (animations). */
  poster?: string;
  alt: string;
  caption: string;
  notes?: string;
  pixelRatio: number;
  /** Social preview image (1200×630 PNG), when the script asked for one. */
  social?: string;
  /** Desktop slot (outputs drawn per rendition). */
  slot?: Slot;
  /** Every rendition file, for outputs published with `still` / `animated`. */
  renditions?: RenditionRecord[];
  /** Device size of `file`, when the writer knows it without reading the file back. */
  pixelWidth?: number;
  pixelHeight?: number;
}

export interface DataRecord {
  name: string;
  file: string;
}

export interface WrittenOutputs {
  outputs: OutputRecord[];
  data: DataRecord[];
  /** Resolves when every `still` / `animated` output has been drawn and written (rejects with the first failure). */
  settle(): Promise<void>;
}

import { OutputError } from './outputError';
export { OutputError };

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > PNG_MAGIC.length && PNG_MAGIC.every((b, i) => bytes[i] === b);
}

/** "GIF87a" or "GIF89a". */
export function isGif(bytes: Uint8Array): boolean {
  return (
    bytes.length > 6 &&
    bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x38 &&
    (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61
  );
}

export type WriteFileSync = (file: string, bytes: Uint8Array | string) => void;

export function createOutputWriter(
  dir: string,
  writeFile: WriteFileSync = (f, b) => writeFileSync(f, b),
  progress: (fraction: number, label: string) => void = () => {},
): { out: OutputWriter; written: WrittenOutputs } {
  const pending: Promise<void>[] = [];
  /** Output ids in the order the script published them (a Set keeps insertion order). */
  const ids = new Set<string>();
  const written = writtenOutputs(pending, ids);
  const dataNames = new Set<string>();
  mkdirSync(path.join(dir, 'data'), { recursive: true });


  const publishRendered = (id: string, kind: 'image' | 'animation', slot: Slot, meta: ImageMeta, r: RenderedOutput): void => {
    written.outputs.push(renderedEntry(id, kind, slot, meta, r));
  };
  const writeBytes = (file: string, bytes: Uint8Array): void => writeFile(path.join(dir, file), bytes);
  // Outputs of this run that publish the same drawing share their phone renditions.
  const shared = new SharedRenditions();
  const track = (p: Promise<void>): Promise<void> => {
    pending.push(p);
    return p;
  };

  const checkId = (id: string, what: string): void => checkNewId(ids, id, what);

  const out: OutputWriter = {
    still(id, spec, meta) {
      checkId(id, 'image');
      checkMeta(id, meta);
      const slot = checkSlot(id, spec?.slot);
      if (typeof spec?.draw !== 'function') throw new OutputError(`output "${id}": still() needs a draw(rendition) function`);
      ids.add(id);
      return track(renderStill(id, spec, writeBytes, shared).then((r) => publishRendered(id, 'image', slot, meta, r)));
    },
    animated(id, spec, meta) {
      checkId(id, 'animation');
      checkMeta(id, meta);
      const slot = checkSlot(id, spec?.slot);
      if (typeof spec?.draw !== 'function') throw new OutputError(`output "${id}": animated() needs a draw(rendition, frame) function`);
      if (!(Number.isInteger(spec.frames) && spec.frames >= 1)) throw new OutputError(`output "${id}": frames must be a positive integer, got ${spec.frames}`);
      ids.add(id);
      return track(
        renderAnimated(id, spec, writeBytes, (f) => progress(f, `${id}: encoding`), shared).then((r) => publishRendered(id, 'animation', slot, meta, r)),
      );
    },
    image(id, png, meta) {
      checkId(id, 'image');
      const pixelRatio = checkMeta(id, meta);
      checkBytes(id, png, 'PNG');
      const file = `${id}.png`;
      writeFile(path.join(dir, file), png);
      ids.add(id);
      written.outputs.push({ id, kind: 'image', file, alt: meta.alt, caption: meta.caption, pixelRatio });
    },
    animation(id, gif, poster, meta) {
      checkId(id, 'animation');
      const pixelRatio = checkMeta(id, meta);
      checkBytes(id, gif, 'GIF');
      checkBytes(`${id}" poster "`, poster, 'PNG');
      const file = `${id}.gif`;
      const posterFile = `${id}.poster.png`;
      writeFile(path.join(dir, file), gif);
      writeFile(path.join(dir, posterFile), poster);
      ids.add(id);
      written.outputs.push({ id, kind: 'animation', file, poster: posterFile, alt: meta.alt, caption: meta.caption, pixelRatio });
    },
    data(name, value) {
      const { file, text } = dataFile(name, value, dataNames);
      writeFile(path.join(dir, file), text);
      dataNames.add(name);
      written.data.push({ name, file });
    },
  };
  return { out, written };
}

/** What a script wrote; `settle` waits for its drawn outputs and lists them in the order published. */
function writtenOutputs(pending: Promise<void>[], ids: Set<string>): WrittenOutputs {
  const written: WrittenOutputs = {
    outputs: [],
    data: [],
    async settle() {
      // A failed output must fail the figure even if the script forgot to await it.
      const results = await Promise.allSettled(pending);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      // Drawn outputs finish in whatever order their drawing takes: list them in the order published, so provenance is the same every run.
      const rank = new Map([...ids].map((id, i) => [id, i]));
      written.outputs.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    },
  };
  return written;
}

/** The written-output record of a drawn output (all its renditions). */
function renderedEntry(id: string, kind: 'image' | 'animation', slot: Slot, meta: ImageMeta, r: RenderedOutput): WrittenOutputs['outputs'][number] {
  return {
    id, kind, file: r.canonical.file, ...(r.poster ? { poster: r.poster } : {}),
    alt: meta.alt, caption: meta.caption, ...(meta.notes ? { notes: meta.notes } : {}), ...(r.social ? { social: r.social } : {}),
    pixelRatio: r.canonical.pixelRatio, slot, renditions: r.renditions,
    pixelWidth: r.canonical.pixelWidth, pixelHeight: r.canonical.pixelHeight,
  };
}

function checkNewId(ids: Set<string>, id: string, what: string): void {
  if (typeof id !== 'string' || !ID.test(id)) {
    throw new OutputError(`${what} id ${JSON.stringify(id)} is invalid: use letters, digits, "-" and "_"`);
  }
  if (ids.has(id)) throw new OutputError(`output id "${id}" is written twice`);
}

/** Alt text and caption are required; returns the pixel ratio (default 1). */
function checkMeta(id: string, meta: ImageMeta): number {
  if (!meta || typeof meta.alt !== 'string' || meta.alt.trim() === '') {
    throw new OutputError(`output "${id}" has no alt text: pass a non-empty meta.alt`);
  }
  if (typeof meta.caption !== 'string' || meta.caption.trim() === '') {
    throw new OutputError(`output "${id}" has no caption: pass a non-empty meta.caption`);
  }
  const ratio = meta.pixelRatio ?? 1;
  if (!(Number.isFinite(ratio) && ratio > 0)) {
    throw new OutputError(`output "${id}": pixelRatio must be a positive number, got ${meta.pixelRatio}`);
  }
  return ratio;
}

function checkBytes(id: string, bytes: Uint8Array, kind: 'PNG' | 'GIF'): void {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new OutputError(`output "${id}": ${kind} bytes are empty`);
  if (kind === 'PNG' ? !isPng(bytes) : !isGif(bytes)) {
    throw new OutputError(`output "${id}": bytes are not a ${kind} (wrong magic bytes)`);
  }
}

function checkSlot(id: string, slot: unknown): Slot {
  const s = slot ?? 'full';
  if (s !== 'full' && s !== 'half' && s !== 'third') throw new OutputError(`output "${id}": slot must be 'full', 'half' or 'third', got ${JSON.stringify(slot)}`);
  return s;
}

/** A data value's file (CSV for a string, JSON otherwise) and text, after checking its name. */
function dataFile(name: string, value: unknown, taken: Set<string>): { file: string; text: string } {
  if (typeof name !== 'string' || !ID.test(name)) {
    throw new OutputError(`data name ${JSON.stringify(name)} is invalid: use letters, digits, "-" and "_"`);
  }
  if (taken.has(name)) throw new OutputError(`data "${name}" is written twice`);
  const isCsv = typeof value === 'string';
  const file = `data/${name}.${isCsv ? 'csv' : 'json'}`;
  const text = isCsv ? (value as string) : JSON.stringify(value, jsonReplacer);
  if (text === undefined) throw new OutputError(`data "${name}": value cannot be written as JSON`);
  return { file, text };
}

/** Typed arrays become plain arrays so the plotted numbers are readable JSON. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}
