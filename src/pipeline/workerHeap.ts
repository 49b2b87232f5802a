/**
 * How a figure worker's V8 heap is set up: a hard limit (a runaway allocation
 * fails its figure instead of swapping the machine) and a large initial old
 * generation.
 *
 * Why the initial size: a figure's live heap is small (25–35 MB) but it
 * promotes a steady stream of short-lived objects (each frame's figure,
 * marks and paths outlive a few scavenges while the frame is encoded). V8
 * sizes a new isolate's old generation from its live size, so it ran a full
 * mark-compact every few MB of promotion: 106–123 of them in the ellipses
 * animation alone, with concurrent marking threads competing with the other
 * worker for the two cores. Starting the old generation at 512 MB leaves 6.
 * Measured on a whole cold figure run (`npm run figures -- --force`, total
 * CPU by `perf stat`, four alternating pairs): 112–140 s of CPU without it,
 * 95–108 s with it, 8–16 s less wall in each pair; 256 MB gave the same,
 * 128 MB half the gain. The figures are byte-identical; the process's peak
 * RSS went 0.93 → 1.14 GB.
 *
 * Node's Worker takes no initial heap size (`resourceLimits` has only
 * maxima) and refuses V8 flags in `execArgv`, so the flag is set process-wide
 * before each Worker is constructed; the worker's thread reads it when it
 * creates its isolate. The heap of the process already running (Astro's, the
 * CLI's) is not affected. The flag stays set, so any worker started later in
 * the process starts large too, and two pools with different limits may see
 * each other's value: harmless, since it sets only where a heap starts, and
 * every worker's own maximum still holds (V8 never starts a heap above it).
 */
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';

export const INITIAL_OLD_SPACE_MB = 512;

export function startWorker(entry: string, memoryLimitMb: number): Worker {
  // At most half the limit, so a small limit (the out-of-memory test's 256 MB) still leaves room to grow.
  const initial = Math.min(INITIAL_OLD_SPACE_MB, Math.floor(memoryLimitMb / 2));
  v8.setFlagsFromString(`--initial-old-space-size=${initial}`);
  return new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb } });
}
