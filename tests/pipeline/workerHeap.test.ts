/**
 * Figure workers start with a large old generation (src/pipeline/workerHeap.ts),
 * so promoting a stream of short-lived objects does not run a full
 * mark-compact every few MB. Measured from inside each worker with a GC
 * observer: a plain Worker first (the baseline, which also shows the test can
 * fail), then one from startWorker. Same code, same allocation.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
});
