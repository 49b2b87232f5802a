/**
 * `npm run figures -- <command>`:
 *   (none) | generate [--force] [--shard K/N] [id…]
 *                                       generate stale figures (all, or the given script/output ids;
 *                                       with --shard, only shard K of N: see shard.ts)
 *   list                                ids, titles, outputs, cached or stale
 *   clean                               remove the cache, the manifest and the published copies
 * Options: --root DIR (default: current directory).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readEntry, FIGURES_STATE_DIR } from './cacheStore';
import { PipelineError, PipelineUsageError } from './errors';
import { planFigures } from './planFigures';
import { PUBLISH_SUBDIR, readManifest } from './publishFigures';
import { consoleLogger, ttyLiveLine } from './reporter';
import { runPipeline } from './runPipeline';
import { parseShard } from './shard';
import { defaultPoolSize, WorkerPool } from './workerPool';

const USAGE = `usage: npm run figures -- [generate [--force] [--shard K/N] [id…] | list | clean] [--root DIR]`;

export async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let root = process.cwd();
  const rootAt = args.indexOf('--root');
  if (rootAt >= 0) {
    root = path.resolve(args[rootAt + 1] ?? '.');
    args.splice(rootAt, 2);
  }
  const shardAt = args.indexOf('--shard');
  const shardText = shardAt >= 0 ? (args.splice(shardAt, 2)[1] ?? '') : undefined;
  const force = args.includes('--force');
  const rest = args.filter((a) => a !== '--force');
  const command = rest[0] && !rest[0].startsWith('-') && ['generate', 'list', 'clean'].includes(rest[0]) ? rest.shift()! : 'generate';
  const unknownFlag = rest.find((a) => a.startsWith('-'));
  if (unknownFlag || (command !== 'generate' && rest.length)) {
    console.error(unknownFlag ? `unknown option ${unknownFlag}\n${USAGE}` : USAGE);
    return 2;
  }

  try {
    if (command === 'list') return await list(root);
    if (command === 'clean') {
      await rm(path.join(root, FIGURES_STATE_DIR), { recursive: true, force: true });
      await rm(path.join(root, 'public', PUBLISH_SUBDIR), { recursive: true, force: true });
      console.log(`removed ${FIGURES_STATE_DIR}/ and public/${PUBLISH_SUBDIR}/`);
      return 0;
    }
    const shard = shardText === undefined ? undefined : parseShard(shardText);
    await runPipeline({ root, force, only: rest, shard, logger: consoleLogger, live: ttyLiveLine(process.stdout) });
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
