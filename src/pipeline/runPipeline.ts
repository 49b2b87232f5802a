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
  const workers: Workers = {
    pool: undefined,
    open: (tasks) => new WorkerPool(opts.concurrency ?? defaultPoolSize(tasks), undefined, opts.memoryLimitMb),
  };
  const staging = new Set<string>();
  const lock = await acquireRunLock(root, { log: logger.info, what: 'figures run' });
  const removeStopHandlers = installStopHandlers(opts, logger, reporter, workers, staging, lock);

  try {
    if (lock.held) await cleanStaleStaging(root);
    const run = await planRun(root, opts, workers, reporter, lock.held);
    reporter.planned([...run.cached.keys()].filter((s) => run.selected.has(s)).length, run.stale.length, clock() - t0);
    if (run.stale.length && !opts.signal?.aborted) {
      const generated = await generateStale(root, opts, workers, reporter, staging, run);
      for (const [script, prov] of generated) run.cached.set(script, prov);
    }
    checkOutputOwners(run.cached, run.valid, run.record);
    const manifest = await publishRun(root, opts.publicDir, run);

    const list = run.record.list(run.plan.figures);
    const durationMs = clock() - t0;
    reporter.close();
    reportRun(logger, list, run.selected, run.plan.figures.length, run.record.failures, durationMs);
    const result: PipelineResult = {
      figures: list,
      manifest,
      failures: run.record.failures,
      dependencies: [...new Set(run.plan.figures.flatMap((f) => f.inputs))].sort(),
      durationMs,
    };
    if (run.record.failures.length) throw Object.assign(new PipelineError(run.record.failures), { result });
    return result;
  } finally {
    reporter.close();
    removeStopHandlers();
    await workers.pool?.terminate();
    for (const dir of staging) await rm(dir, { recursive: true, force: true });
    await lock.release();
  }
}

/** The worker pool, opened on first need (planning needs one only when definitions changed). */
interface Workers {
  pool: WorkerPool | undefined;
  open(tasks: number): WorkerPool;
}

type RunLock = Awaited<ReturnType<typeof acquireRunLock>>;

/**
 * Ctrl-C or SIGTERM stops the workers and removes unfinished figures before
 * the process exits; an abort signal stops the workers. Returns the remover.
 */
function installStopHandlers(opts: PipelineOptions, logger: Logger, reporter: Reporter, workers: Workers, staging: Set<string>, lock: RunLock): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    // Synchronous on purpose: the process exits right after.
    reporter.close();
    logger.error(`figures: ${signal} received — stopping workers and removing unfinished figures`);
    void workers.pool?.terminate();
    for (const dir of staging) rmSync(dir, { recursive: true, force: true });
    lock.releaseSync();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const onAbort = (): void => void workers.pool?.terminate();
  if (opts.handleSignals !== false) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  opts.signal?.addEventListener('abort', onAbort);
  return () => {
    if (opts.handleSignals !== false) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    opts.signal?.removeEventListener('abort', onAbort);
  };
}

type PlannedRun = Awaited<ReturnType<typeof planRun>>;

/** Plan every script, select and check what this run covers, and split it into cached and stale. */
async function planRun(root: string, opts: PipelineOptions, workers: Workers, reporter: Reporter, lockHeld: boolean) {
  const plan = await planFigures(root, () => (workers.pool ??= workers.open(Infinity)), (scripts) => reporter.planning(scripts.length));
  const record = new RunRecord();
  const previous = await readManifest(root);
  // Before anything runs: an unknown id is a usage error. Only selected scripts are reported.
  const selected = selectFigures(plan.figures, opts.only, previous);
  const valid = checkFigures(plan.figures, record, selected);
  if (lockHeld) await pruneDeletedScripts(root, plan.figures);
  if (opts.shard) {
    const mine = await scriptsInShard(root, valid, opts.shard);
    for (const s of [...selected]) if (!mine.has(s)) selected.delete(s);
  }
  reporter.setIds(valid.filter((f) => selected.has(f.script)).map((f) => f.description.id));
  const { cached, stale } = await lookUpFigures(root, valid, selected, !!opts.force, record, reporter);
  return { plan, record, previous, selected, valid, cached, stale };
}

/** Run the stale scripts in the worker pool, longest first. */
async function generateStale(root: string, opts: PipelineOptions, workers: Workers, reporter: Reporter, staging: Set<string>, run: PlannedRun) {
  workers.pool ??= workers.open(run.stale.length);
  return generateFigures(
    {
      root,
      pool: () => workers.pool!,
      reporter,
      record: run.record,
      staging,
      commitEffects: opts.commitEffects ?? realCommitEffects,
      keepEntries: opts.keepEntries ?? 3,
      libraries: run.plan.lockfile.versions,
      defaultTimeLimitMs: opts.defaultTimeLimitMs,
      signal: opts.signal,
    },
    await longestFirst(root, run.stale),
  );
}

/**
 * Publish every current figure and write the manifest. A failure here fails
 * the run (recorded); the result is then the published manifest if publishing
 * got that far, else the previous one.
 */
async function publishRun(root: string, publicDir: string | undefined, { cached, previous, plan, record }: PlannedRun): Promise<Manifest> {
  const current = new Set([...cached.values()].map((p) => p.script.id));
  const carried = carriedEntries(previous, current, plan.figures.map((f) => f.script));
  let manifest: Manifest = previous ?? { version: 1, figures: {} };
  try {
    manifest = await publishFigures({ root, publicDir, figures: [...cached.values()], carried });
    await writeManifest(root, manifest).catch(async (err: NodeJS.ErrnoException) => {
      const cause = await realCause(err, path.join(root, FIGURES_STATE_DIR));
      throw new Error(`could not write ${MANIFEST_PATH}: ${fsCause(cause, `${FIGURES_STATE_DIR}/`)}`);
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    record.failRun('publish', `figures: ${e.code ? `could not publish: ${fsCause(e, 'public/figures/')}` : e.message}`);
  }
  return manifest;
}
