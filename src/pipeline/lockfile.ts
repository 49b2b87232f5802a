/**
 * The dependency lockfile: its hash is part of every cache key (a library
 * upgrade may change what a figure draws), and the versions it pins go into
 * each provenance record.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from './hash';

export const LOCKFILE = 'package-lock.json';

export interface LockfileInfo {
  /** sha256 of the lockfile bytes ('' when there is none). */
  hash: string;
  /** name → version of the root package's direct dependencies. */
  versions: Record<string, string>;
}

export async function readLockfile(root: string): Promise<LockfileInfo> {
  let text: string;
  try {
    text = await readFile(path.join(root, LOCKFILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { hash: '', versions: {} };
    throw err;
  }
  const versions: Record<string, string> = {};
  try {
    const lock = JSON.parse(text) as {
      packages?: Record<string, { version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }>;
    };
    const rootPkg = lock.packages?.[''] ?? {};
    const names = [...Object.keys(rootPkg.dependencies ?? {}), ...Object.keys(rootPkg.devDependencies ?? {})].sort();
    for (const name of names) {
      const v = lock.packages?.[`node_modules/${name}`]?.version;
      if (v) versions[name] = v;
    }
  } catch {
    // An unparsable lockfile still keys the cache by its bytes; versions are informative only.
  }
  return { hash: sha256(text), versions };
}
