/**
 * One pipeline run, stage by stage:
 *
 *   plan      planFigures      discover scripts, hash their sources, load definitions, compute keys
 *   check     checkFigures     drop scripts that cannot run (load errors, invalid params, duplicate ids)
 *   look up   lookUpFigures    verified cache entries; the selected (and in-shard) rest is stale
 *   generate  generateFigures  render stale figures in workers, commit each atomically on its own
 *   publish   publishFigures   hash-checked copies under public/, then the manifest
 *   report    reportRun        one summary line, then every failure
 *
 * Around them: the run lock (one run per checkout), signal handling (a
 * killed run removes its unfinished work) and cancellation (dev). A failing
 * figure never takes the others down: they finish, stay cached and are
 * published; the run then throws a PipelineError naming every failure.
 */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { cleanStaleStaging, FIGURES_STATE_DIR, realCommitEffects, type CommitEffects } from './cacheStore';
import { checkFigures, checkOutputOwners } from './checkFigures';
import { PipelineError } from './errors';
import { fsCause, realCause } from './fsCause';
import { generateFigures } from './generateFigures';
import { longestFirst } from './longestFirst';
import { lookUpFigures } from './lookUpFigures';
import { MANIFEST_PATH, type Manifest } from './manifest';
import { readManifest, writeManifest } from './manifestFile';
import { planFigures } from './planFigures';
import { pruneDeletedScripts } from './pruneCache';
import { carriedEntries, publishFigures } from './publishFigures';
import { reportRun } from './reportRun';
import { consoleLogger, Reporter, type LiveLine, type Logger } from './reporter';
import { acquireRunLock } from './runLock';
import { RunRecord, type FigureOutcome } from './runRecord';
import { selectFigures } from './selectFigures';
import { scriptsInShard, type Shard } from './shard';
import { defaultPoolSize, WorkerPool } from './workerPool';

export type { FigureOutcome } from './runRecord';

export interface PipelineOptions {
  root: string;
  publicDir?: string;
  /** Regenerate even when the cache has a valid entry. */
  force?: boolean;
  /** Only these script ids (`ntk/ellipses`) or output ids (`ellipses`); others are left as they are. */
  only?: string[];
  /** Only the figures of this shard may be generated (the others are published from the cache if there). */
  shard?: Shard;
  logger?: Logger;
  clock?: () => number;
  /** Redrawn status line (terminal only); null for plain lines. */
  live?: LiveLine | null;
  concurrency?: number;
  commitEffects?: CommitEffects;
  /** Terminate workers and remove unfinished work on SIGINT/SIGTERM, then exit (default true). */
  handleSignals?: boolean;
  /** Cache entries kept per script (default 3). */
  keepEntries?: number;
  /** Time limit of a figure whose script sets none (default 600 s). */
  defaultTimeLimitMs?: number;
  /** Heap limit of each worker, in MB (default: a share of the machine's memory). */
  memoryLimitMb?: number;
  /** Without a terminal, a "still running" line per running figure this often (default 30 s). */
  heartbeatMs?: number;
  /** Abort to stop the workers now: running figures fail as cancelled, the rest is published. */
  signal?: AbortSignal;
}

export interface PipelineResult {
  figures: FigureOutcome[];
  manifest: Manifest;
  failures: PipelineError['failures'];
  /** Every local file some script depends on, plus the scripts (for the dev watcher). */
  dependencies: string[];
  durationMs: number;
}

export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const root = path.resolve(opts.root);
  const logger = opts.logger ?? consoleLogger;
  const clock = opts.clock ?? (() => performance.now());
  const reporter = new Reporter(logger, clock, opts.live ?? null, opts.heartbeatMs);
  const t0 = clock();
  let pool: WorkerPool | undefined;
  const newPool = (tasks: number): WorkerPool =>
    new WorkerPool(opts.concurrency ?? defaultPoolSize(tasks), undefined, opts.memoryLimitMb);
  const getPool = (): WorkerPool => (pool ??= newPool(Infinity));
  const staging = new Set<string>();
  const lock = await acquireRunLock(root, { log: logger.info, what: 'figures run' });

  const onSignal = (signal: NodeJS.Signals): void => {
    // Synchronous on purpose: the process exits right after.
    reporter.close();
    logger.error(`figures: ${signal} received — stopping workers and removing unfinished figures`);
    void pool?.terminate();
    for (const dir of staging) rmSync(dir, { recursive: true, force: true });
    lock.releaseSync();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const onAbort = (): void => void pool?.terminate();
  if (opts.handleSignals !== false) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  opts.signal?.addEventListener('abort', onAbort);

  try {
    if (lock.held) await cleanStaleStaging(root);
    const plan = await planFigures(root, getPool, (scripts) => reporter.planning(scripts.length));
    const record = new RunRecord();
    const previous = await readManifest(root);
    // Before anything runs: an unknown id is a usage error. Only selected scripts are reported.
    const selected = selectFigures(plan.figures, opts.only, previous);
    const valid = checkFigures(plan.figures, record, selected);
    if (lock.held) await pruneDeletedScripts(root, plan.figures);
    if (opts.shard) {
      const mine = await scriptsInShard(root, valid, opts.shard);
      for (const s of [...selected]) if (!mine.has(s)) selected.delete(s);
    }
    reporter.setIds(valid.filter((f) => selected.has(f.script)).map((f) => f.description.id));
    const { cached, stale } = await lookUpFigures(root, valid, selected, !!opts.force, record, reporter);
    reporter.planned([...cached.keys()].filter((s) => selected.has(s)).length, stale.length, clock() - t0);

    if (stale.length && !opts.signal?.aborted) {
      pool ??= newPool(stale.length);
      const generated = await generateFigures(
        {
          root,
          pool: () => pool!,
          reporter,
          record,
          staging,
          commitEffects: opts.commitEffects ?? realCommitEffects,
          keepEntries: opts.keepEntries ?? 3,
          libraries: plan.lockfile.versions,
          defaultTimeLimitMs: opts.defaultTimeLimitMs,
          signal: opts.signal,
        },
        await longestFirst(root, stale),
      );
      for (const [script, prov] of generated) cached.set(script, prov);
    }
    checkOutputOwners(cached, valid, record);

    const current = new Set([...cached.values()].map((p) => p.script.id));
    const carried = carriedEntries(previous, current, plan.figures.map((f) => f.script));
    let manifest: Manifest = previous ?? { version: 1, figures: {} };
    try {
      manifest = await publishFigures({ root, publicDir: opts.publicDir, figures: [...cached.values()], carried });
      await writeManifest(root, manifest).catch(async (err: NodeJS.ErrnoException) => {
        const cause = await realCause(err, path.join(root, FIGURES_STATE_DIR));
        throw new Error(`could not write ${MANIFEST_PATH}: ${fsCause(cause, `${FIGURES_STATE_DIR}/`)}`);
      });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      record.failRun('publish', `figures: ${e.code ? `could not publish: ${fsCause(e, 'public/figures/')}` : e.message}`);
    }

    const list = record.list(plan.figures);
    const durationMs = clock() - t0;
    reporter.close();
    reportRun(logger, list, selected, plan.figures.length, record.failures, durationMs);
    const result: PipelineResult = {
      figures: list,
      manifest,
      failures: record.failures,
      dependencies: [...new Set(plan.figures.flatMap((f) => f.inputs))].sort(),
      durationMs,
    };
    if (record.failures.length) throw Object.assign(new PipelineError(record.failures), { result });
    return result;
  } finally {
    reporter.close();
    if (opts.handleSignals !== false) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    opts.signal?.removeEventListener('abort', onAbort);
    await pool?.terminate();
    for (const dir of staging) await rm(dir, { recursive: true, force: true });
    await lock.release();
  }
}
