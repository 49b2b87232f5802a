/**
 * The Astro integration: `astro build` and `astro dev` run the figure
 * pipeline in `astro:config:setup`, i.e. before any MDX compiles, so the
 * manifest the <Figure> component and the remark plugin read is current and
 * `npm run build` is the one command. A failing figure fails `astro build`
 * with the figure's message.
 *
 * In dev, every file in any script's dependency graph (and any new script) is
 * watched; a change re-runs the pipeline — only figures whose key changed
 * regenerate — and then asks the browser for a full reload. Runs are
 * debounced and never overlap; a change during a run cancels it (a stuck
 * figure included) and starts a new one.
 *
 * `astro build` holds the figure run lock from config setup to the end of
 * the build, so no other run (a second build, the CLI, a dev server on the
 * same checkout) can publish other figures while pages are rendered.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger, HookParameters } from 'astro';
import { isScriptPath } from './pipeline/discoverScripts';
import { PipelineError } from './pipeline/errors';
import type { Logger } from './pipeline/reporter';
import { ttyLiveLine } from './pipeline/reporter';
import { LatestRun } from './pipeline/latestRun';
import { acquireRunLock, type RunLock } from './pipeline/runLock';
import { runPipeline, type PipelineResult } from './pipeline/runPipeline';

export interface FiguresIntegrationOptions {
  /** Debounce for file changes in dev, in ms (default 200). */
  debounceMs?: number;
}

/** What the hooks share between them. */
interface FiguresState {
  root: string;
  publicDir: string;
  /** Files (relative to root) the last run's scripts depended on: what dev watches. */
  dependencies: Set<string>;
  /** Manifest of the last run, to reload the browser only when something changed. */
  published: string;
  /** Held by `astro build` from config setup until the build is done. */
  buildLock?: RunLock;
}

export default function figures(options: FiguresIntegrationOptions = {}): AstroIntegration {
  const root = process.cwd();
  const state: FiguresState = { root, publicDir: path.join(root, 'public'), dependencies: new Set(), published: 'null' };
  return {
    name: 'reproducible-figures',
    hooks: {
      'astro:config:setup': (params) => generateBeforeBuild(state, params),
      'astro:build:done': () => releaseBuildLock(state),
      'astro:server:setup': (params) => watchFigures(state, options, params),
    },
  };
}

/**
 * One pipeline run. The dependencies are remembered also when it fails: a
 * failed run's result says which files to watch for the fix.
 */
async function runFigures(state: FiguresState, logger: AstroIntegrationLogger, signal?: AbortSignal): Promise<PipelineResult> {
  try {
    const result = await runPipeline({ root: state.root, publicDir: state.publicDir, logger: adapt(logger), live: ttyLiveLine(process.stdout), signal });
    state.dependencies = new Set(result.dependencies);
    return result;
  } catch (err) {
    const result = (err as { result?: PipelineResult }).result;
    if (result) state.dependencies = new Set(result.dependencies);
    throw err;
  }
}

/** `astro:config:setup`: in build and dev, generate the figures before any MDX compiles. */
async function generateBeforeBuild(state: FiguresState, { config, command, logger }: HookParameters<'astro:config:setup'>): Promise<void> {
  if (command !== 'build' && command !== 'dev') return;
  state.root = fileURLToPath(config.root);
  state.publicDir = fileURLToPath(config.publicDir);
  if (command === 'build') state.buildLock = await acquireRunLock(state.root, { log: (l) => logger.info(l), what: 'astro build' });
  try {
    state.published = JSON.stringify((await runFigures(state, logger)).manifest);
  } catch (err) {
    const message = err instanceof PipelineError ? err.message : (err as Error).stack ?? String(err);
    // In dev, keep the server up so the author can fix the script and save.
    if (command === 'dev') logDevFailure(logger, err);
    else {
      await state.buildLock?.release();
      throw new Error(`Figure pipeline failed:\n${message}`);
    }
  }
}

/** `astro:build:done`: pages are rendered, so other runs may publish again. */
async function releaseBuildLock(state: FiguresState): Promise<void> {
  await state.buildLock?.release();
  state.buildLock = undefined;
}

/**
 * `astro:server:setup`: watch every dependency and script; a change reruns
 * the pipeline, debounced, the latest change cancelling a run in progress.
 */
function watchFigures(state: FiguresState, options: FiguresIntegrationOptions, { server, logger }: HookParameters<'astro:server:setup'>): void {
  const debounceMs = options.debounceMs ?? 200;
  let timer: NodeJS.Timeout | undefined;
  const latest = new LatestRun((signal) => rerunAndReload(state, server, logger, signal));
  const rerun = (): void => {
    if (latest.running) logger.info('figures: a file changed during a run; cancelling it and starting again');
    void latest.request();
  };

  const onFile = (file: string): void => {
    const rel = path.relative(state.root, file).split(path.sep).join('/');
    if (!state.dependencies.has(rel) && !isScriptPath(rel)) return;
    clearTimeout(timer);
    timer = setTimeout(rerun, debounceMs);
  };

  server.watcher.add([path.join(state.root, 'figures'), ...[...state.dependencies].map((d) => path.join(state.root, d))]);
  server.watcher.on('change', onFile);
  server.watcher.on('add', onFile);
  server.watcher.on('unlink', onFile);
  server.httpServer?.once('close', () => clearTimeout(timer));
}

/** A dev rerun: the browser reloads when the manifest changed, and the watcher learns new dependencies. */
async function rerunAndReload(state: FiguresState, server: HookParameters<'astro:server:setup'>['server'], logger: AstroIntegrationLogger, signal: AbortSignal): Promise<void> {
  let result: PipelineResult | undefined;
  try {
    result = await runFigures(state, logger, signal);
  } catch (err) {
    // Figures that did succeed were still published: reload for them too.
    result = (err as { result?: PipelineResult }).result;
    if (!signal.aborted) logDevFailure(logger, err);
  }
  const now = JSON.stringify(result?.manifest ?? null);
  if (result && now !== state.published) {
    state.published = now;
    server.ws.send({ type: 'full-reload' });
  }
  server.watcher.add([...state.dependencies].map((d) => path.join(state.root, d)));
}

/** PipelineErrors were already logged figure by figure; anything else is unexpected. */
function logDevFailure(logger: AstroIntegrationLogger, err: unknown): void {
  if (err instanceof PipelineError) logger.error('figures failed (see above); fix and save to retry');
  else logger.error(`figure pipeline crashed; save a file to retry:\n${(err as Error).stack ?? String(err)}`);
}

function adapt(logger: AstroIntegrationLogger): Logger {
  return { info: (l) => logger.info(l), error: (l) => logger.error(l) };
}
