/**
 * Planning: discover the scripts, hash their dependency graphs, load each
 * definition (id, title, seed, validated params) and compute its cache key.
 *
 * Loading a definition means importing the script, which happens in a worker
 * (TypeScript, fresh module state). Since a definition is fully determined
 * by its sources and the lockfile, the result is remembered under the source
 * key in `.figures/cache/.definitions/`: a warm run starts no worker at all.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { rendererHash } from './renditions/rendererHash';
import { cacheKey, hashInputs, sourceKey, type InputHash } from './cacheKey';
import { CACHE_DIR } from './cacheStore';
import { dependencyGraph } from './dependencyGraph';
import { discoverScripts } from './discoverScripts';
import { sha256 } from './hash';
import { readLockfile, type LockfileInfo } from './lockfile';
import type { Description } from './workerProtocol';
import type { WorkerPool } from './workerPool';

export interface PlannedFigure {
  /** Repository-relative script path. */
  script: string;
  /** Local files the script depends on (script included). */
  inputs: string[];
  inputHashes: InputHash[];
  description?: Description;
  /** Definition id when known even though the description failed (invalid params). */
  id?: string;
  key?: string;
  /** Set when the script could not be loaded or its params are invalid. */
  error?: string;
}

export interface Plan {
  figures: PlannedFigure[];
  lockfile: LockfileInfo;
}

const DEFINITIONS_DIR = `${CACHE_DIR}/.definitions`;

/** `onDiscovered` hears the script list at once, so a caller can report before the slow part. */
export async function planFigures(root: string, getPool: () => WorkerPool, onDiscovered?: (scripts: string[]) => void): Promise<Plan> {
  const scripts = await discoverScripts(root);
  onDiscovered?.(scripts);
  const [graph, lockfile, renderer] = await Promise.all([dependencyGraph(root, scripts), readLockfile(root), rendererHash()]);
  const figures = await Promise.all(
    scripts.map(async (script): Promise<PlannedFigure> => {
      const deps = graph.get(script)!;
      const inputHashes = await hashInputs(root, deps.inputs);
      const planned: PlannedFigure = { script, inputs: deps.inputs, inputHashes };
      if (deps.error) return { ...planned, error: `figure ${script}: cannot load the script:\n${deps.error}` };
      const srcKey = sourceKey(inputHashes, lockfile.hash);
      let description = await readDefinition(root, script, srcKey);
      if (!description) {
        const reply = await getPool()
          .run({ type: 'describe', root, script })
          .catch((err: Error) => ({ type: 'failed' as const, error: { name: err.name, message: err.message, param: undefined, figureId: undefined } }));
        if (reply.type === 'failed') {
          const msg = reply.error.param ? reply.error.message : `figure ${script}: cannot load the script: ${reply.error.message}`;
          return { ...planned, id: reply.error.figureId, error: msg };
        }
        if (reply.type !== 'described') return { ...planned, error: `figure ${script}: unexpected worker reply` };
        description = reply.description;
        await writeDefinition(root, script, srcKey, description);
      }
      const key = cacheKey({ inputs: inputHashes, params: description.params, seed: description.seed, lockfileHash: lockfile.hash, renderer });
      return { ...planned, description, key };
    }),
  );
  return { figures, lockfile };
}

function definitionFile(root: string, script: string): string {
  return path.join(root, DEFINITIONS_DIR, `${sha256(script).slice(0, 16)}.json`);
}

async function readDefinition(root: string, script: string, srcKey: string): Promise<Description | undefined> {
  try {
    const rec = JSON.parse(await readFile(definitionFile(root, script), 'utf8')) as { srcKey: string; description: Description };
    return rec.srcKey === srcKey ? rec.description : undefined;
  } catch {
    return undefined;
  }
}

async function writeDefinition(root: string, script: string, srcKey: string, description: Description): Promise<void> {
  const file = definitionFile(root, script);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify({ srcKey, script, description }));
  await rename(tmp, file);
}
