/**
 * The order stale figures are handed to the worker pool: longest first, by
 * the duration each one's newest cache entry recorded (any key, so a
 * `--force` run or a renderer change that makes everything stale uses the
 * last real timing). On 2 cores the build ends when the last worker does;
 * starting the 30-second animation last would leave one worker idle while the
 * other finishes it.
 *
 * Figures with no recorded duration (all of them in a cold clone) come after
 * the known ones: first the scripts that publish an animation (drawing,
 * quantising and encoding hundreds of frames in every rendition is what makes
 * a figure slow), then the rest, each group in discovery order. On this
 * project's cold build that alone moved the 30-second animation from the
 * 7th script started to the 3rd (see bench/build.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { recordedDurations } from './shard';

interface Schedulable { key: string; script: string; description: { id: string } }

/** Whether a script calls `out.animated(…)` itself (a cheap look at its source, no loading). */
async function publishesAnimation(root: string, script: string): Promise<boolean> {
  const source = await readFile(path.resolve(root, script), 'utf8').catch(() => '');
  return /\.animated\s*\(/.test(source);
}

export async function longestFirst<F extends Schedulable>(root: string, figures: F[]): Promise<F[]> {
  // An empty current key: entries under every key count here (see recordedDurations).
  const durations = await recordedDurations(root, figures.map((f) => ({ id: f.description.id, key: '' })));
  const ms = new Map(durations.map((d) => [d.id, d.durationMs]));
  const unknown = figures.filter((f) => ms.get(f.description.id) === undefined);
  const animated = new Set<string>();
  await Promise.all(unknown.map(async (f) => { if (await publishesAnimation(root, f.script)) animated.add(f.description.id); }));
  const rank = (f: F) => ms.get(f.description.id) ?? (animated.has(f.description.id) ? -1 : -2);
  // Array.prototype.sort is stable: equal ranks keep their order.
  return [...figures].sort((a, b) => rank(b) - rank(a));
}
