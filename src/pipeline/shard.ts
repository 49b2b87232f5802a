/**
 * Sharding: `generate --shard K/N` lets N machines (CI matrix jobs) share the
 * figures to generate, with the content-addressed cache as the only thing
 * passed between them (entries from different shards merge by copying).
 *
 * The partition is computed over every checked figure, cached or not, so it
 * does not depend on what a job happens to find stale, and from nothing but
 * the sources and the restored cache, so every job computes the same one:
 *
 * - balanced by the durations recorded in provenance for each figure's
 *   previous version (see recordedDurations): longest-processing-time first
 *   (each figure, longest first, goes to the least-loaded shard);
 * - figures without a recorded duration (new ones) come after all the others,
 *   weighted as the mean known duration (so, by count when none is known);
 * - hence stable when a figure is added: the new figure has no duration yet,
 *   is placed last, and no figure with a known duration moves.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_DIR } from './cacheStore';
import { PipelineUsageError } from './errors';
import { PROVENANCE_FILE, type Provenance } from './provenance';

export interface Shard {
  /** 1-based, as written on the command line. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new PipelineUsageError(`invalid --shard "${text}": expected K/N with 1 <= K <= N, e.g. --shard 2/3`);
  }
  return { index, count };
}

export interface Weighted {
  id: string;
  /** Last recorded duration, when the cache has one. */
  durationMs?: number;
}

/** Shard (1-based) of every figure id. */
export function partition(figures: Weighted[], count: number): Map<string, number> {
  const known = figures.filter((f) => f.durationMs !== undefined);
  const unknown = figures.filter((f) => f.durationMs === undefined);
  const mean = known.length ? known.reduce((s, f) => s + f.durationMs!, 0) / known.length : 1;
  const byId = (a: Weighted, b: Weighted): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const order = [...known.sort((a, b) => b.durationMs! - a.durationMs! || byId(a, b)), ...unknown.sort(byId)];
  const load = new Array<number>(count).fill(0);
  const result = new Map<string, number>();
  for (const f of order) {
    let best = 0;
    for (let i = 1; i < count; i++) if (load[i] < load[best]) best = i;
    load[best] += f.durationMs ?? mean;
    result.set(f.id, best + 1);
  }
  return result;
}

/**
 * The duration recorded for each figure id by its previous version: the
 * newest entry of the id under another key. Entries under the current key
 * are ignored on purpose: they are exactly what shards add (their artifacts,
 * a failed attempt's partial results), so counting them would let a rerun
 * of one shard compute a different partition than the first attempt did,
 * and a figure could fall between two shards. Entries of older keys come
 * only from the restored cache, which every job and attempt shares.
 */
export async function recordedDurations(root: string, figures: { id: string; key: string }[]): Promise<Weighted[]> {
  return Promise.all(
    figures.map(async ({ id, key }) => {
      const dir = path.join(root, CACHE_DIR, ...id.split('/'));
      const names = await readdir(dir).catch(() => [] as string[]);
      let best: { at: string; ms: number } | undefined;
      for (const name of names.filter((n) => /^[0-9a-f]{64}$/.test(n) && n !== key)) {
        const prov = await readFile(path.join(dir, name, PROVENANCE_FILE), 'utf8')
          .then((t) => JSON.parse(t) as Provenance)
          .catch(() => undefined);
        if (!prov || typeof prov.durationMs !== 'number') continue;
        if (!best || prov.generatedAt > best.at) best = { at: prov.generatedAt, ms: prov.durationMs };
      }
      return { id, durationMs: best?.ms };
    }),
  );
}

/** Script paths of the figures in `shard`, partitioned over all of `figures`. */
export async function scriptsInShard(
  root: string,
  figures: { script: string; key: string; description: { id: string } }[],
  shard: Shard,
): Promise<Set<string>> {
  const shards = partition(await recordedDurations(root, figures.map((f) => ({ id: f.description.id, key: f.key }))), shard.count);
  return new Set(figures.filter((f) => shards.get(f.description.id) === shard.index).map((f) => f.script));
}
