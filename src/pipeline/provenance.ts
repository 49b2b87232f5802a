/**
 * The provenance record of one cache entry: how the outputs were made and a
 * checksum of every file. It is written last (its presence marks a finished
 * entry) and published next to the figure so readers can check it.
 */
import type { InputHash } from './cacheKey';
import type { DataRecord, OutputRecord } from './outputWriter';

export interface FileRecord {
  /** Path inside the cache entry. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ProvenanceOutput extends OutputRecord {
  /** Device pixels of the image (or the GIF's logical screen). */
  pixelWidth: number;
  pixelHeight: number;
}

export interface Provenance {
  format: number;
  script: { id: string; title: string; path: string };
  params: unknown;
  seed: number;
  key: string;
  inputs: InputHash[];
  generatedAt: string;
  durationMs: number;
  node: string;
  platform: string;
  /** Versions of the project's direct dependencies, from the lockfile (informative: not in the key). */
  libraries: Record<string, string>;
  /** Exact `name@version` of every package the figure loads (in the key, with `node`). */
  packages: string[];
  outputs: ProvenanceOutput[];
  data: DataRecord[];
  files: FileRecord[];
}

export const PROVENANCE_FILE = 'provenance.json';

/**
 * What is published of a provenance record: everything but the timings of
 * this particular run, which stay in the cache (and the CLI's output). The
 * published file is content-hashed into its name and that name into the
 * HTML, so a timestamp there would make two builds of one commit differ.
 */
export function publishedProvenance(prov: Provenance): Omit<Provenance, 'generatedAt' | 'durationMs'> {
  const { generatedAt: _at, durationMs: _ms, ...rest } = prov;
  return rest;
}
