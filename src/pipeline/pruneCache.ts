/**
 * Pruning: cache entries of scripts that no longer exist are removed (the
 * last few entries of each existing script are kept by pruneEntries when it
 * commits). Skipped when some script failed to load without saying its id:
 * its entries cannot be told from a deleted script's, and a syntax error
 * must not cost an hour of training.
 */
import { readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_DIR } from './cacheStore';
import { pruneDefinitions } from './definitionStore';
import type { PlannedFigure } from './planFigures';

const KEY = /^[0-9a-f]{64}$/;

/** Ids (`post/name`) of the cache dirs removed. */
export async function pruneDeletedScripts(root: string, planned: PlannedFigure[]): Promise<string[]> {
  if (planned.some((f) => !f.description && !f.id)) return [];
  await pruneDefinitions(root, planned.map((f) => f.script));
  const live = new Set(planned.map((f) => f.description?.id ?? f.id!));
  const base = path.join(root, CACHE_DIR);
  const removed: string[] = [];
  const walk = async (rel: string[]): Promise<boolean> => {
    const dir = path.join(base, ...rel);
    const names = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const subdirs = names.filter((d) => d.isDirectory() && !d.name.startsWith('.'));
    if (rel.length && subdirs.some((d) => KEY.test(d.name))) {
      const id = rel.join('/');
      if (live.has(id)) return false;
      await rm(dir, { recursive: true, force: true });
      removed.push(id);
      return true;
    }
    let emptied = subdirs.length > 0;
    for (const d of subdirs) emptied = (await walk([...rel, d.name])) && emptied;
    // A post directory left empty by its last script goes too.
    if (rel.length && emptied && names.length === subdirs.length) await rmdir(dir).catch(() => undefined);
    return emptied;
  };
  await walk([]).catch(() => undefined);
  return removed.sort();
}
