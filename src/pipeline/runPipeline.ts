/**
 * One pipeline run: plan (discover, hash, load definitions), take what the
 * cache has, render the stale scripts in a worker pool, commit each finished
 * figure atomically into the cache, publish, and report.
 *
 * A failing figure never takes the others down: they finish, stay cached and
 * are published; the run then throws a PipelineError naming every failure.
 */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import {
  checksumFiles,
  cleanStaleStaging,
  commitEntry,
  createStagingDir,
  pruneEntries,
  readEntry,
  realCommitEffects,
  type CommitEffects,
} from './cacheStore';
import { PIPELINE_FORMAT_VERSION } from './cacheKey';
import { PipelineError, type FigureFailure } from './errors';
import type { Manifest, ManifestEntry } from './manifest';
import { planFigures, type PlannedFigure } from './planFigures';
import type { Provenance, ProvenanceOutput } from './provenance';
import { publishFigures, readManifest } from './publishFigures';
import { consoleLogger, formatBytes, formatSeconds, Reporter, type LiveLine, type Logger } from './reporter';
import { selectFigures } from './selectFigures';
import { defaultPoolSize, WorkerPool } from './workerPool';

export interface PipelineOptions {
  root: string;
  publicDir?: string;
  /** Regenerate even when the cache has a valid entry. */
  force?: boolean;
  /** Only these script ids (`ntk/ellipses`) or output ids (`ellipses`); others are left as they are. */
  only?: string[];
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
}

export interface FigureOutcome {
  script: string;
  id: string;
  title?: string;
  status: 'cached' | 'generated' | 'failed' | 'skipped';
  key?: string;
  durationMs?: number;
  bytes?: number;
  outputs: string[];
}

export interface PipelineResult {
  figures: FigureOutcome[];
  manifest: Manifest;
  failures: FigureFailure[];
  /** Every local file some script depends on, plus the scripts (for the dev watcher). */
  dependencies: string[];
  durationMs: number;
}

export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const root = path.resolve(opts.root);
  const logger = opts.logger ?? consoleLogger;
  const clock = opts.clock ?? (() => performance.now());
  const reporter = new Reporter(logger, clock, opts.live ?? null);
  const t0 = clock();
  let pool: WorkerPool | undefined;
  const staging = new Set<string>();
  const getPool = (): WorkerPool => (pool ??= new WorkerPool(opts.concurrency ?? defaultPoolSize(Infinity)));

  const onSignal = (signal: NodeJS.Signals): void => {
    // Synchronous on purpose: the process exits right after.
    reporter.close();
    logger.error(`figures: ${signal} received — stopping workers and removing unfinished figures`);
    void pool?.terminate();
    for (const dir of staging) rmSync(dir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  if (opts.handleSignals !== false) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  try {
    await cleanStaleStaging(root);
    const plan = await planFigures(root, getPool, (scripts) => reporter.planning(scripts.length));
    const failures: FigureFailure[] = [];
    const outcomes = new Map<string, FigureOutcome>();
    /** One failure (one message) that marks every script involved as failed. */
    const fail = (fs: PlannedFigure | PlannedFigure[], message: string): void => {
      const all = Array.isArray(fs) ? fs : [fs];
      for (const f of all) {
        const id = f.description?.id ?? f.id ?? f.script;
        outcomes.set(f.script, { script: f.script, id, title: f.description?.title, status: 'failed', key: f.key, outputs: [] });
      }
      failures.push({ id: all[0].description?.id ?? all[0].id ?? all[0].script, script: all.map((f) => f.script).join(', '), message });
    };

    const previous = await readManifest(root);
    // Before anything runs: an unknown id is a usage error. Only selected scripts are reported.
    const selected = selectFigures(plan.figures, opts.only, previous);
    for (const f of plan.figures) if (f.error && selected.has(f.script)) fail(f, f.error);
    const ok = plan.figures.filter((f) => !f.error);
    // Two scripts with one definition id would share a cache directory.
    const byId = new Map<string, PlannedFigure[]>();
    for (const f of ok) byId.set(f.description!.id, [...(byId.get(f.description!.id) ?? []), f]);
    for (const [id, fs] of byId) {
      if (fs.length > 1) fail(fs, `figure id "${id}" is defined by more than one script: ${fs.map((x) => x.script).join(' and ')}`);
    }
    const valid = ok.filter((f) => byId.get(f.description!.id)!.length === 1);
    reporter.setIds(valid.filter((f) => selected.has(f.script)).map((f) => f.description!.id));

    // Cache lookup for every valid script (unselected ones are published from cache if they can be).
    const cached = new Map<string, Provenance>();
    const stale: PlannedFigure[] = [];
    for (const f of valid) {
      const id = f.description!.id;
      const entry = await readEntry(root, id, f.key!);
      const isSelected = selected.has(f.script);
      if (entry.ok && !(opts.force && isSelected)) {
        cached.set(f.script, entry.provenance);
        outcomes.set(f.script, outcome(f, 'cached', entry.provenance));
        if (isSelected) reporter.status(id, 'cached');
      } else if (isSelected) {
        if (!entry.ok && entry.reason !== 'missing') reporter.status(id, `cache entry damaged (${entry.reason}), regenerating`);
        stale.push(f);
      } else {
        outcomes.set(f.script, { script: f.script, id, title: f.description!.title, status: 'skipped', key: f.key, outputs: [] });
      }
    }

    reporter.planned(
      [...cached.keys()].filter((s) => selected.has(s)).length,
      stale.length,
      clock() - t0,
    );

    if (stale.length) {
      if (!pool) pool = new WorkerPool(opts.concurrency ?? defaultPoolSize(stale.length));
      const p = pool;
      await Promise.all(
        stale.map(async (f) => {
          const id = f.description!.id;
          let label: string | undefined;
          let fraction = 0;
          const dir = await createStagingDir(root, id);
          staging.add(dir);
          try {
            // The clock starts when a worker takes the figure, not while it waits in the queue.
            const reply = await p
              .run(
                { type: 'render', root, script: f.script, stagingDir: dir },
                (fr, l) => {
                  fraction = fr;
                  if (l) label = l;
                  reporter.progress(id, fr, l);
                },
                () => reporter.started(id),
              )
              .catch((err: Error) => ({ type: 'failed' as const, error: { name: err.name, message: err.message, param: undefined } }));
            if (reply.type === 'failed') {
              const where = label ? ` during "${label}" (${Math.floor(fraction * 100)}%)` : '';
              const msg = reply.error.param
                ? reply.error.message
                : `figure ${id} (${f.script}) failed${where}: ${reply.error.name === 'Error' ? '' : `${reply.error.name}: `}${reply.error.message}`;
              throw new FigureRunError(msg);
            }
            if (reply.type !== 'rendered') throw new FigureRunError(`figure ${id}: unexpected worker reply`);
            const prov = await buildProvenance(f, dir, reply.written, reply.durationMs, plan.lockfile.versions, plan.lockfile.hash);
            await commitEntry(root, dir, prov, opts.commitEffects ?? realCommitEffects);
            staging.delete(dir);
            await pruneEntries(root, id, opts.keepEntries ?? 3, f.key!);
            cached.set(f.script, prov);
            const o = outcome(f, 'generated', prov);
            outcomes.set(f.script, o);
            reporter.finished(id);
            reporter.status(id, `generated ${formatBytes(o.bytes!)} in ${formatSeconds(prov.durationMs)}`);
          } catch (err) {
            reporter.finished(id);
            const message = err instanceof FigureRunError ? err.message : `figure ${id} (${f.script}): could not store its outputs: ${(err as Error).message}`;
            fail(f, message);
            reporter.status(id, 'failed', 'error');
          } finally {
            if (staging.has(dir)) {
              staging.delete(dir);
              await rm(dir, { recursive: true, force: true });
            }
          }
        }),
      );
    }

    // Output ids are global across posts: two scripts writing the same one fail together.
    const owners = new Map<string, string[]>();
    for (const [script, prov] of cached) for (const o of prov.outputs) owners.set(o.id, [...(owners.get(o.id) ?? []), script]);
    for (const [outId, scripts] of owners) {
      if (scripts.length < 2) continue;
      scripts.sort();
      for (const s of scripts) cached.delete(s);
      fail(
        scripts.map((s) => valid.find((x) => x.script === s)!),
        `output id "${outId}" is written by more than one script: ${scripts.join(' and ')}`,
      );
    }

    // Keep previous entries of figures that did not produce a fresh result (failed, not selected).
    const current = new Set([...cached.values()].map((p) => p.script.id));
    const carried: ManifestEntry[] = Object.values(previous?.figures ?? {}).filter(
      (e) => !current.has(e.script.id) && plan.figures.some((f) => f.script === e.script.path),
    );
    const manifest = await publishFigures({ root, publicDir: opts.publicDir, figures: [...cached.values()], carried });

    const list = plan.figures.map((f) => outcomes.get(f.script)!).filter(Boolean);
    // The summary counts what was asked for; unselected scripts were only published from the cache.
    const shown = list.filter((o) => selected.has(o.script));
    const n = (s: FigureOutcome['status']): number => shown.filter((o) => o.status === s).length;
    const durationMs = clock() - t0;
    reporter.close();
    const others = plan.figures.length - selected.size;
    logger.info(
      `${shown.length} figure${shown.length === 1 ? '' : 's'}: ${n('generated')} generated, ${n('cached')} cached, ${n('failed')} failed in ${formatSeconds(durationMs)}` +
        (others ? ` (${others} other${others === 1 ? '' : 's'} not selected)` : '') +
        (n('generated') === 0 && n('failed') === 0 ? ' — nothing regenerated' : ''),
    );
    const result: PipelineResult = {
      figures: list,
      manifest,
      failures,
      dependencies: [...new Set(plan.figures.flatMap((f) => f.inputs))].sort(),
      durationMs,
    };
    if (failures.length) {
      for (const f of failures) logger.error(f.message);
      throw Object.assign(new PipelineError(failures), { result });
    }
    return result;
  } finally {
    reporter.close();
    if (opts.handleSignals !== false) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    await pool?.terminate();
    for (const dir of staging) await rm(dir, { recursive: true, force: true });
  }
}

class FigureRunError extends Error {}

function outcome(f: PlannedFigure, status: 'cached' | 'generated', prov: Provenance): FigureOutcome {
  return {
    script: f.script,
    id: f.description!.id,
    title: f.description!.title,
    status,
    key: f.key,
    durationMs: prov.durationMs,
    bytes: prov.files.reduce((s, x) => s + x.bytes, 0),
    outputs: prov.outputs.map((o) => o.id),
  };
}

async function buildProvenance(
  f: PlannedFigure,
  dir: string,
  written: { outputs: import('./outputWriter').OutputRecord[]; data: import('./outputWriter').DataRecord[] },
  durationMs: number,
  libraries: Record<string, string>,
  lockfileHash: string,
): Promise<Provenance> {
  const outputs: ProvenanceOutput[] = [];
  for (const o of written.outputs) {
    const meta = await sharp(path.join(dir, o.file)).metadata();
    // For an animated GIF, height is one frame's (pageHeight when sharp reads all pages).
    outputs.push({ ...o, pixelWidth: meta.width ?? 0, pixelHeight: meta.pageHeight ?? meta.height ?? 0 });
  }
  const files = await checksumFiles(dir, [
    ...written.outputs.flatMap((o) => [o.file, ...(o.poster ? [o.poster] : []), ...(o.renditions ?? []).map((r) => r.file), ...(o.social ? [o.social] : [])]),
    ...written.data.map((d) => d.file),
  ]);
  const d = f.description!;
  return {
    format: PIPELINE_FORMAT_VERSION,
    script: { id: d.id, title: d.title, path: f.script },
    params: d.params,
    seed: d.seed,
    key: f.key!,
    inputs: f.inputHashes,
    lockfileHash,
    generatedAt: new Date().toISOString(),
    durationMs: Math.round(durationMs),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    libraries,
    outputs,
    data: written.data,
    files,
  };
}
