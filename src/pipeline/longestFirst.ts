/**
 * The order stale figures are handed to the worker pool: longest first, by
 * the duration each one's newest cache entry recorded (any key, so a
 * `--force` run or a renderer change that makes everything stale uses the
 * last real timing). On 2 cores the build ends when the last worker does;
 * starting the 40-second animation last would leave one worker idle while the
 * other finishes it. Figures with no recorded duration keep their discovery
 * order, after the known ones (a cold clone has none: then it is the order
 * the scripts were found).
 */
import { recordedDurations } from './shard';

export async function longestFirst<F extends { key: string; description: { id: string } }>(root: string, figures: F[]): Promise<F[]> {
  // An empty current key: entries under every key count here (see recordedDurations).
  const durations = await recordedDurations(root, figures.map((f) => ({ id: f.description.id, key: '' })));
  const ms = new Map(durations.map((d) => [d.id, d.durationMs]));
  const rank = (f: F) => ms.get(f.description.id) ?? -1;
  // Array.prototype.sort is stable: equal (and unknown) durations keep their order.
  return [...figures].sort((a, b) => rank(b) - rank(a));
}
