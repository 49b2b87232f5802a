/**
 * Figure workers start with a large old generation (src/pipeline/workerHeap.ts),
 * so promoting a stream of short-lived objects does not run a full
 * mark-compact every few MB. Measured from inside each worker with a GC
 * observer: a plain Worker first (the baseline, which also shows the test can
 * fail), then one from startWorker. Same code, same allocation.
 *
 * And the canvas library's allocator keeps freed memory in a figure worker:
 * a fresh process loads @napi-rs/canvas in a worker with mimalloc's verbose
 * option on, which prints the options mimalloc really read.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorker } from '../../src/pipeline/workerHeap';

/** Keeps 100k small objects alive in a ring while replacing them 3M times (~0.5 GB promoted); replies with the count of major GCs. */
const CHURN = `
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
let major = 0;
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) major++;
});
obs.observe({ entryTypes: ['gc'] });
const ring = new Array(100_000);
for (let i = 0; i < 3_000_000; i++) ring[i % ring.length] = { i, xs: [i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7] };
// GC entries are delivered asynchronously: let them arrive before counting.
setTimeout(() => { obs.disconnect(); parentPort.postMessage(major); }, 100);
`;

const dir = mkdtempSync(path.join(tmpdir(), 'worker-heap-'));
const entry = path.join(dir, 'churn.mjs');
writeFileSync(entry, CHURN);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function majorGcs(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('message', (n: number) => {
      resolve(n);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('figure worker heap', () => {
  it('a figure worker runs few full GCs where a plain worker runs many', { timeout: 60_000 }, async () => {
    const plain = await majorGcs(new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: 4096 } }));
    const figure = await majorGcs(startWorker(entry, 4096));
    expect(plain).toBeGreaterThanOrEqual(3);
    expect(figure).toBeLessThanOrEqual(1);
  });

  /** mimalloc's purge delay as read by a worker that loads the canvas library, started plainly or by startWorker. */
  function purgeDelayInWorker(how: 'plain' | 'startWorker'): string {
    const canvasUrl = pathToFileURL(createRequire(import.meta.url).resolve('@napi-rs/canvas')).href;
    const loadCanvas = path.join(dir, 'load-canvas.mjs');
    writeFileSync(loadCanvas, `await import(${JSON.stringify(canvasUrl)});\n`);
    const heapUrl = new URL('../../src/pipeline/workerHeap.ts', import.meta.url).href;
    const main = path.join(dir, `main-${how}.mjs`);
    writeFileSync(main, how === 'plain'
      ? `import { Worker } from 'node:worker_threads';\nnew Worker(${JSON.stringify(loadCanvas)});\n`
      : `const { startWorker } = await import(${JSON.stringify(heapUrl)});\nstartWorker(${JSON.stringify(loadCanvas)}, 1024);\n`);
    const env: NodeJS.ProcessEnv = { ...process.env, MIMALLOC_VERBOSE: '1' };
    delete env.MIMALLOC_PURGE_DELAY;
    // mimalloc prints the options it read on stderr when it starts.
    const run = spawnSync(process.execPath, ['--import', 'tsx', main], { env, encoding: 'utf8', timeout: 30_000 });
    return /option 'purge_delay': (-?\d+)/.exec(run.stderr)?.[1] ?? `not printed (exit ${run.status}): ${run.stderr.slice(0, 300)}`;
  }

  it('the canvas allocator keeps freed memory in a figure worker, not in a plain one', { timeout: 60_000 }, () => {
    expect(purgeDelayInWorker('plain')).toBe('10');
    expect(purgeDelayInWorker('startWorker')).toBe('-1');
  });
});
