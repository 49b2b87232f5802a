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
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
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

export default function figures(options: FiguresIntegrationOptions = {}): AstroIntegration {
  let root = process.cwd();
  let publicDir = path.join(root, 'public');
  let dependencies = new Set<string>();
  /** Manifest of the last run, to reload the browser only when something changed. */
  let published = 'null';
  let buildLock: RunLock | undefined;

  const run = async (logger: AstroIntegrationLogger, signal?: AbortSignal): Promise<PipelineResult> => {
    try {
      const result = await runPipeline({ root, publicDir, logger: adapt(logger), live: ttyLiveLine(process.stdout), signal });
      dependencies = new Set(result.dependencies);
      return result;
    } catch (err) {
      const result = (err as { result?: PipelineResult }).result;
      if (result) dependencies = new Set(result.dependencies);
      throw err;
    }
  };

  return {
    name: 'reproducible-figures',
    hooks: {
      'astro:config:setup': async ({ config, command, logger }) => {
        if (command !== 'build' && command !== 'dev') return;
        root = fileURLToPath(config.root);
        publicDir = fileURLToPath(config.publicDir);
        if (command === 'build') buildLock = await acquireRunLock(root, { log: (l) => logger.info(l), what: 'astro build' });
        try {
          published = JSON.stringify((await run(logger)).manifest);
        } catch (err) {
          const message = err instanceof PipelineError ? err.message : (err as Error).stack ?? String(err);
          // In dev, keep the server up so the author can fix the script and save.
          if (command === 'dev') logDevFailure(logger, err);
          else {
            await buildLock?.release();
            throw new Error(`Figure pipeline failed:\n${message}`);
          }
        }
      },

      'astro:build:done': async () => {
        await buildLock?.release();
        buildLock = undefined;
      },

      'astro:server:setup': ({ server, logger }) => {
        const debounceMs = options.debounceMs ?? 200;
        let timer: NodeJS.Timeout | undefined;
        const latest = new LatestRun(async (signal) => {
          let result: PipelineResult | undefined;
          try {
            result = await run(logger, signal);
          } catch (err) {
            // Figures that did succeed were still published: reload for them too.
            result = (err as { result?: PipelineResult }).result;
            if (!signal.aborted) logDevFailure(logger, err);
          }
          const now = JSON.stringify(result?.manifest ?? null);
          if (result && now !== published) {
            published = now;
            server.ws.send({ type: 'full-reload' });
          }
          server.watcher.add([...dependencies].map((d) => path.join(root, d)));
        });
        const rerun = (): void => {
          if (latest.running) logger.info('figures: a file changed during a run; cancelling it and starting again');
          void latest.request();
        };

        const onFile = (file: string): void => {
          const rel = path.relative(root, file).split(path.sep).join('/');
          if (!dependencies.has(rel) && !isScriptPath(rel)) return;
          clearTimeout(timer);
          timer = setTimeout(rerun, debounceMs);
        };

        server.watcher.add([path.join(root, 'figures'), ...[...dependencies].map((d) => path.join(root, d))]);
        server.watcher.on('change', onFile);
        server.watcher.on('add', onFile);
        server.watcher.on('unlink', onFile);
        server.httpServer?.once('close', () => clearTimeout(timer));
      },
    },
  };
}

/** PipelineErrors were already logged figure by figure; anything else is unexpected. */
function logDevFailure(logger: AstroIntegrationLogger, err: unknown): void {
  if (err instanceof PipelineError) logger.error('figures failed (see above); fix and save to retry');
  else logger.error(`figure pipeline crashed; save a file to retry:\n${(err as Error).stack ?? String(err)}`);
}

function adapt(logger: AstroIntegrationLogger): Logger {
  return { info: (l) => logger.info(l), error: (l) => logger.error(l) };
}
