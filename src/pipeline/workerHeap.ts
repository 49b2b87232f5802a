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
 * CPU by `perf stat`): 106–123 s of CPU and 54–63 s wall without it, 92–96 s
 * and 47–49 s with it; 256 MB gave the same, 128 MB half the gain. The
 * figures are byte-identical; the process's peak RSS went 0.93 → 1.14 GB.
 *
 * Node's Worker takes no initial heap size (`resourceLimits` has only
 * maxima) and refuses V8 flags in `execArgv`, so the flag is set process-wide
 * just before the isolate is created: V8 reads it when it configures a new
 * heap, so it changes the workers started after it and not the heap of the
 * process that is already running (Astro's, the CLI's).
 */
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';

export const INITIAL_OLD_SPACE_MB = 512;

export function startWorker(entry: string, memoryLimitMb: number): Worker {
  // Never above half the limit: a small limit (tests of the out-of-memory path) keeps its meaning.
  const initial = Math.min(INITIAL_OLD_SPACE_MB, Math.floor(memoryLimitMb / 2));
  v8.setFlagsFromString(`--initial-old-space-size=${initial}`);
  return new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb } });
}
