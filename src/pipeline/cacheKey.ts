/**
 * The cache key of a figure script: a sha256 over everything that can change
 * its outputs — the pipeline format version, the content of the script and of
 * every local module it imports, the validated params, the seed, the exact
 * versions of the packages it loads and Node's version. Content only: touching a file without changing it keeps the key.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson, sha256 } from './hash';

/** Bump when the cache layout or what a render receives changes. */
export const PIPELINE_FORMAT_VERSION = 3;

export interface InputHash {
  path: string;
  sha256: string;
}

/** Hash each input file's content (paths repository-relative). */
export async function hashInputs(root: string, inputs: string[]): Promise<InputHash[]> {
  return Promise.all(
    inputs.map(async (p) => ({ path: p, sha256: sha256(await readFile(path.join(root, p))) })),
  );
}

/**
 * What a figure runs on besides its own sources: the exact versions of the
 * npm packages its bundle loads (and the renderer's), and Node's version.
 */
export interface Runtime {
  /** Sorted `name@version` (see packageVersions.ts). */
  packages: string[];
  node: string;
}

/** Key of the sources alone (script, its modules, packages, Node): what decides the definition. */
export function sourceKey(inputs: InputHash[], runtime: Runtime): string {
  return sha256(canonicalJson({ v: PIPELINE_FORMAT_VERSION, inputs, packages: runtime.packages, node: runtime.node }));
}

export function cacheKey(parts: {
  inputs: InputHash[];
  params: unknown;
  seed: number;
  runtime: Runtime;
  /** Hash of the renderer's sources (renditions, plot, gif): see renditions/rendererHash.ts. */
  renderer?: string;
}): string {
  return sha256(
    canonicalJson({
      v: PIPELINE_FORMAT_VERSION,
      inputs: [...parts.inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      params: canonicalJson(parts.params),
      seed: parts.seed,
      packages: parts.runtime.packages,
      node: parts.runtime.node,
      renderer: parts.renderer ?? '',
    }),
  );
}
