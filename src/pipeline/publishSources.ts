/**
 * Publishes the local modules a figure depends on, so "How this figure was
 * made" can link every file in its cache key, not only the top-level script:
 * the helpers under figures/ and the src/ modules (numerics, plotting, …).
 *
 * A file is published only when its bytes on disk are the ones the cache key
 * recorded (sha256 in the provenance inputs); otherwise the link would show
 * code that did not make the figure, so it is left out. Names carry the
 * content hash, so scripts that share a module share one published copy.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { InputHash } from './cacheKey';
import { sha256 } from './hash';

export interface PublishedSource {
  /** Repository-relative path, e.g. `figures/ntk/toy-model.ts`. */
  path: string;
  /** Site-relative URL of the published copy (plain text). */
  src: string;
}

/** `figures/ntk/toy-model.ts` → `source.figures-ntk-toy-model.ts.<sha8>.txt` */
export function sourceFileName(relPath: string, hash: string): string {
  return `source.${relPath.replace(/[^A-Za-z0-9_.-]/g, '-')}.${hash.slice(0, 8)}.txt`;
}

/** `place` writes `bytes` under `name` in the published folder and returns its site-relative URL. */
export async function publishSources(
  root: string,
  inputs: InputHash[],
  place: (name: string, hash: string, bytes: Uint8Array) => Promise<string>,
): Promise<PublishedSource[]> {
  const published: PublishedSource[] = [];
  for (const input of [...inputs].sort((a, b) => a.path.localeCompare(b.path))) {
    const text = await readFile(path.join(root, input.path)).catch(() => undefined);
    if (!text || sha256(text) !== input.sha256) continue;
    published.push({ path: input.path, src: await place(sourceFileName(input.path, input.sha256), input.sha256, text) });
  }
  return published;
}
