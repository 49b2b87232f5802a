/**
 * Generate: render every stale figure in the worker pool, each into its own
 * staging dir, and commit it atomically into the cache the moment it is done
 * (so a later failure, a kill or a time limit elsewhere loses nothing that
 * finished). A figure that throws, runs out of time or memory, or cannot be
 * stored fails alone, with a message naming it and the step it was in.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { buildProvenance } from './buildProvenance';
import { commitEntry, createStagingDir, FIGURES_STATE_DIR, pruneEntries, type CommitEffects } from './cacheStore';
import type { CheckedFigure } from './checkFigures';
import { forgetDefinition, sameDefinition } from './definitionStore';
import { fsCause, realCause } from './fsCause';
import type { Provenance } from './provenance';
import { formatBytes, formatSeconds, type Reporter } from './reporter';
import type { RunRecord } from './runRecord';
import { timeLimitMs } from './timeLimit';
import { TimeLimitError, type WorkerPool } from './workerPool';

export interface GenerateContext {
  root: string;
  pool: () => WorkerPool;
  reporter: Reporter;
  record: RunRecord;
  /** Staging dirs in use, for the signal handler to remove. */
  staging: Set<string>;
  commitEffects: CommitEffects;
  keepEntries: number;
  libraries: Record<string, string>;
  /** Limit for scripts that do not set `timeLimitSeconds`. */
  defaultTimeLimitMs?: number;
  /** Aborted when the run is cancelled (a newer edit in dev). */
  signal?: AbortSignal;
}

class FigureRunError extends Error {}

const DEFINITIONS_NOTE = 'params, seed or title in .figures/cache/.definitions/';

const reasonText = (reason: unknown): string => (reason instanceof Error ? reason.message : String(reason ?? 'the run was cancelled'));

/** Provenance of every figure generated and committed, by script path. */
export async function generateFigures(ctx: GenerateContext, stale: CheckedFigure[]): Promise<Map<string, Provenance>> {
  const results = new Map<string, Provenance>();
  // Figures join the pool's queue in the order given (longest first, see
  // longestFirst.ts). Each first makes its staging dir, and those mkdirs
  // finish in any order: without a turn, a cold build queued the 20-second
  // animation last and one core idled while it ran alone.
  let previous: Promise<void> = Promise.resolve();
  await Promise.all(
    stale.map(async (f) => {
      const turn = inTurn(previous);
      previous = turn.queued;
      const prov = await generateOne(ctx, f, turn);
      if (prov) results.set(f.script, prov);
    }),
  );
  return results;
}

/** A figure's place in the queue: wait for the one before, then let the next one go (once queued or failed). */
interface Turn {
  after: Promise<void>;
  queued: Promise<void>;
  pass: () => void;
}

function inTurn(after: Promise<void>): Turn {
  let pass!: () => void;
  const queued = new Promise<void>((resolve) => (pass = resolve));
  return { after, queued, pass: () => void after.then(pass) };
}

async function generateOne(ctx: GenerateContext, f: CheckedFigure, turn: Turn): Promise<Provenance | undefined> {
  const { reporter } = ctx;
  const id = f.description.id;
  let label: string | undefined;
  let fraction = 0;
  let dir: string | undefined;
  try {
    dir = await createStagingDir(ctx.root, id).catch(async (err: NodeJS.ErrnoException) => {
      const cause = await realCause(err, path.join(ctx.root, FIGURES_STATE_DIR));
      throw new FigureRunError(`figure ${id} (${f.script}): cannot regenerate: ${fsCause(cause, `the figure cache ${FIGURES_STATE_DIR}/`)}`);
    });
    ctx.staging.add(dir);
    const limitMs = timeLimitMs(f.description.timeLimitSeconds, ctx.defaultTimeLimitMs);
    await turn.after;
    const running = ctx
      .pool()
      .run(
        { type: 'render', root: ctx.root, script: f.script, stagingDir: dir },
        {
          onProgress: (fr, l) => {
            fraction = fr;
            if (l) label = l;
            reporter.progress(id, fr, l);
          },
          // The clock starts when a worker takes the figure, not while it waits in the queue.
          onStart: () => reporter.started(id),
          timeLimitMs: limitMs,
        },
      )
      .catch((err: Error) => ({ type: 'failed' as const, error: { name: err.name, message: err.message, param: undefined }, cause: err }));
    turn.pass();
    const reply = await running;
    if (reply.type === 'failed') {
      const where = label ? ` during "${label}" (${Math.floor(fraction * 100)}%)` : '';
      const cause = 'cause' in reply ? reply.cause : undefined;
      let msg: string;
      if (ctx.signal?.aborted) msg = `figure ${id} (${f.script}): cancelled${where}: ${reasonText(ctx.signal.reason)}`;
      else if (cause instanceof TimeLimitError) {
        msg = `figure ${id} (${f.script}) was stopped${where}: ${cause.message}; if it really needs longer, raise timeLimitSeconds in its definition`;
      } else if (reply.error.param) msg = reply.error.message;
      else msg = `figure ${id} (${f.script}) failed${where}: ${reply.error.name === 'Error' ? '' : `${reply.error.name}: `}${reply.error.message}`;
      throw new FigureRunError(msg);
    }
    if (reply.type !== 'rendered') throw new FigureRunError(`figure ${id}: unexpected worker reply`);
    if (!sameDefinition(reply.description, f.description)) {
      // The key was computed from a stored definition the script does not give: never file the render under it.
      await forgetDefinition(ctx.root, f.script);
      throw new FigureRunError(
        `figure ${id} (${f.script}): its stored definition (${DEFINITIONS_NOTE}) does not match the script; it was removed, run again`,
      );
    }
    const prov = await buildProvenance(f, dir, reply.written, reply.durationMs, ctx.libraries);
    await commitEntry(ctx.root, dir, prov, ctx.commitEffects);
    ctx.staging.delete(dir);
    await pruneEntries(ctx.root, id, ctx.keepEntries, f.key);
    const o = ctx.record.done(f, 'generated', prov);
    reporter.finished(id);
    reporter.status(id, `generated ${formatBytes(o.bytes!)} in ${formatSeconds(prov.durationMs)}`);
    return prov;
  } catch (err) {
    reporter.finished(id);
    const message = err instanceof FigureRunError ? err.message : `figure ${id} (${f.script}): could not store its outputs: ${(err as Error).message}`;
    ctx.record.fail(f, message);
    reporter.status(id, 'failed', 'error');
    return undefined;
  } finally {
    turn.pass(); // also when the figure failed before it was queued
    if (dir && ctx.staging.has(dir)) {
      ctx.staging.delete(dir);
      await rm(dir, { recursive: true, force: true });
    }
  }
}
