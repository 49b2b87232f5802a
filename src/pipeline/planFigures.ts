/**
 * Planning: discover the scripts, hash their dependency graphs, load each
 * definition (id, title, seed, validated params) and compute its cache key.
 *
 * Loading a definition means importing the script, which happens in a worker
 * (TypeScript, fresh module state). Since a definition is fully determined
 * by its sources and the lockfile, the result is remembered under the source
 * key in `.figures/cache/.definitions/`: a warm run starts no worker at all.
 */
import { rendererHash } from './renditions/rendererHash';
import { cacheKey, hashInputs, sourceKey, type InputHash } from './cacheKey';
import { readDefinition, writeDefinition } from './definitionStore';
import { dependencyGraph } from './dependencyGraph';
import { discoverScripts } from './discoverScripts';
import { readLockfile, type LockfileInfo } from './lockfile';
import { timeLimitMs } from './timeLimit';
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

export async function planFigures(root: string, getPool: () => WorkerPool): Promise<Plan> {
  const { scripts, problems } = await discoverScripts(root);
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
          // Loading a script runs its top level: bound it like a render.
          .run({ type: 'describe', root, script }, { timeLimitMs: timeLimitMs(undefined) })
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
  const refused = problems.map((p): PlannedFigure => ({ script: p.path, inputs: [], inputHashes: [], error: `figures: ${p.message}` }));
  return { figures: [...refused, ...figures], lockfile };
}
