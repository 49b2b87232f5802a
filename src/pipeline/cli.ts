/**
 * `npm run figures -- <command>`: generate (the default), list or clean.
 * The commands and options, and their help text, are in cliArgs.ts.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readEntry, FIGURES_STATE_DIR } from './cacheStore';
import { helpText, parseCli } from './cliArgs';
import { PipelineError, PipelineUsageError } from './errors';
import { planFigures } from './planFigures';
import { PUBLISH_SUBDIR, readManifest } from './publishFigures';
import { consoleLogger, ttyLiveLine } from './reporter';
import { runPipeline } from './runPipeline';
import { defaultPoolSize, WorkerPool } from './workerPool';

export async function main(argv: string[]): Promise<number> {
  const args = parseCli(argv, process.cwd());
  if (args.kind === 'help') {
    process.stdout.write(helpText());
    return 0;
  }
  if (args.kind === 'usage-error') {
    console.error(args.message);
    return 2;
  }
  const { command, root, force, ids, shard } = args;

  try {
    if (command === 'list') return await list(root);
    if (command === 'clean') {
      await rm(path.join(root, FIGURES_STATE_DIR), { recursive: true, force: true });
      await rm(path.join(root, 'public', PUBLISH_SUBDIR), { recursive: true, force: true });
      console.log(`removed ${FIGURES_STATE_DIR}/ and public/${PUBLISH_SUBDIR}/`);
      return 0;
    }
    await runPipeline({ root, force, only: ids, shard, logger: consoleLogger, live: ttyLiveLine(process.stdout) });
    return 0;
  } catch (err) {
    if (err instanceof PipelineError) return 1; // each failure was already printed
    console.error(err instanceof PipelineUsageError ? err.message : (err as Error).stack ?? String(err));
    return err instanceof PipelineUsageError ? 2 : 1;
  }
}

async function list(root: string): Promise<number> {
  let pool: WorkerPool | undefined;
  try {
    const plan = await planFigures(root, () => (pool ??= new WorkerPool(defaultPoolSize(Infinity))));
    const manifest = await readManifest(root);
    if (plan.figures.length === 0) console.log('no figure scripts under figures/');
    for (const f of plan.figures) {
      if (!f.description) {
        console.log(`${f.script}\n    error: ${f.error}`);
        continue;
      }
      const d = f.description;
      const entry = await readEntry(root, d.id, f.key!);
      const outputs = entry.ok
        ? entry.provenance.outputs.map((o) => o.id)
        : Object.values(manifest?.figures ?? {}).filter((e) => e.script.id === d.id).map((e) => e.id);
      console.log(`${d.id}  ${entry.ok ? 'cached' : 'stale'}  (${f.script})\n    ${d.title}\n    outputs: ${outputs.join(', ') || '(not generated yet)'}`);
    }
    return 0;
  } finally {
    await pool?.terminate();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
