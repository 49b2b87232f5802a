/**
 * Stale figures reach the worker pool in the order they are given
 * (longestFirst.ts), although each first makes its staging dir and those
 * mkdirs finish in any order. Before the figures took turns, a cold build
 * queued its slowest animation last, and one core idled while it ran alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckedFigure } from '../../src/pipeline/checkFigures';
import { generateFigures, type GenerateContext } from '../../src/pipeline/generateFigures';
import type { WorkerPool } from '../../src/pipeline/workerPool';

const FIGURES = 48;

/** A pool that runs nothing: it notes the order of the scripts it is given and fails each one. */
function recordingPool(order: string[]): WorkerPool {
  return {
    run: (task: { script: string }) => {
      order.push(task.script);
      return Promise.resolve({ type: 'failed', error: { name: 'Error', message: 'not run in this test' } });
    },
  } as unknown as WorkerPool;
}

function context(root: string, order: string[], failed: string[]): GenerateContext {
  const silent = { progress() {}, started() {}, finished() {}, status() {} };
  return {
    root,
    pool: () => recordingPool(order),
    reporter: silent as unknown as GenerateContext['reporter'],
    record: { fail: (f: CheckedFigure) => failed.push(f.script), done: () => ({}) } as unknown as GenerateContext['record'],
    staging: new Set(),
    commitEffects: {} as GenerateContext['commitEffects'],
    keepEntries: 3,
    libraries: {},
  };
}

const figure = (i: number): CheckedFigure =>
  ({ script: `figures/demo/f${i}.figure.ts`, key: String(i).padStart(64, '0'), description: { id: `demo/f${i}` } }) as unknown as CheckedFigure;

describe('generateFigures queue order', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('hands figures to the pool in the given order, run after run', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'generate-order-'));
    const given = Array.from({ length: FIGURES }, (_, i) => figure(i));
    // Several runs: one lucky run of mkdirs finishing in order would prove nothing.
    for (let run = 0; run < 5; run++) {
      const order: string[] = [];
      const failed: string[] = [];
      await generateFigures(context(root, order, failed), given);
      expect(order).toEqual(given.map((f) => f.script));
      expect(failed.sort()).toEqual(given.map((f) => f.script).sort());
    }
  });

  it('fails every figure whose staging dir cannot be made, without any waiting forever for its turn', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'generate-order-'));
    const order: string[] = [];
    const failed: string[] = [];
    // A root no staging dir can be made under (a NUL in the path): every figure fails before it is
    // queued, and none may wait forever for a turn that the one before it never passed on.
    const ctx = context(path.join(root, 'missing', '\0bad'), order, failed);
    const given = Array.from({ length: 6 }, (_, i) => figure(i));
    await generateFigures(ctx, given);
    expect(order).toEqual([]);
    expect(failed.sort()).toEqual(given.map((f) => f.script).sort());
  });
});
