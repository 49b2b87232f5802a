/**
 * How a figure worker's memory is set up: a hard limit on its V8 heap (a
 * runaway allocation fails its figure instead of swapping the machine), a
 * large initial old generation, and a canvas allocator that keeps the memory
 * it frees (CANVAS_ALLOCATOR_ENV below).
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

/**
 * mimalloc, the allocator linked into @napi-rs/canvas, returns freed memory
 * to the system 10 ms after it is freed (its `purge_delay`). Every frame a
 * figure draws is read back into a new buffer of 1–2 MB, freed a frame or two
 * later; with the purge, the next one lands on pages the kernel must fault in
 * and zero again (2 MB huge pages here: perf shows clear_page_erms in
 * do_huge_pmd_anonymous_page as 68 % of a read-back loop, 0.3 → 5 ms a read
 * on a virtual machine whose host backs freed guest memory lazily). Never
 * purging keeps those pages for the next frame. mimalloc reads its options
 * from the environment once, when the library is loaded in the first worker,
 * so this is set process-wide (C's environment, which only the main thread's
 * process.env writes to) before any worker starts; an explicit setting wins.
 * Measured on whole cold figure runs (`npm run figures -- --force`, five
 * alternating pairs): CPU 83–90 s without, 78–85 s with; 1.5–2 s less system
 * time, a third fewer page faults, peak RSS 1.0–1.07 → 1.10–1.17 GB.
 */
export const CANVAS_ALLOCATOR_ENV = { MIMALLOC_PURGE_DELAY: '-1' } as const;

export function startWorker(entry: string, memoryLimitMb: number): Worker {
  for (const [name, value] of Object.entries(CANVAS_ALLOCATOR_ENV)) process.env[name] ??= value;
  // At most half the limit, so a small limit (the out-of-memory test's 256 MB) still leaves room to grow.
  const initial = Math.min(INITIAL_OLD_SPACE_MB, Math.floor(memoryLimitMb / 2));
  v8.setFlagsFromString(`--initial-old-space-size=${initial}`);
  return new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb } });
}
