/**
 * Planning: discover the scripts, hash their dependency graphs, load each
 * definition (id, title, seed, validated params) and compute its cache key.
 *
 * Loading a definition means importing the script, which happens in a worker
 * (TypeScript, fresh module state). Since a definition is fully determined
 * by its sources and the packages they load, the result is remembered under the source
 * key in `.figures/cache/.definitions/`: a warm run starts no worker at all.
 */
import { cacheKey, hashInputs, sourceKey, type InputHash, type Runtime } from './cacheKey';
import { readDefinition, writeDefinition } from './definitionStore';
import { dependencyGraph } from './dependencyGraph';
import { discoverScripts } from './discoverScripts';
import { readLockfile, type LockfileInfo } from './lockfile';
import { PackageResolver } from './packageVersions';
import { rendererDependencies, rendererHash } from './renditions/rendererHash';
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
  /** Exact package versions and Node version the figure runs on (part of its key). */
  runtime?: Runtime;
  /** Set when the script could not be loaded or its params are invalid. */
  error?: string;
}

export interface Plan {
  figures: PlannedFigure[];
  lockfile: LockfileInfo;
}

/** `onDiscovered` hears the script list at once, so a caller can report before the slow part. */
export async function planFigures(root: string, getPool: () => WorkerPool, onDiscovered?: (scripts: string[]) => void): Promise<Plan> {
  const { scripts, problems } = await discoverScripts(root);
  onDiscovered?.(scripts);
  const [graph, lockfile, renderer, rendererDeps] = await Promise.all([
    dependencyGraph(root, scripts),
    readLockfile(root),
    rendererHash(),
    rendererDependencies(),
  ]);
  const resolver = new PackageResolver();
  const figures = await Promise.all(
    scripts.map(async (script): Promise<PlannedFigure> => {
      const deps = graph.get(script)!;
      const inputHashes = await hashInputs(root, deps.inputs);
      const planned: PlannedFigure = { script, inputs: deps.inputs, inputHashes };
      if (deps.error) return { ...planned, error: `figure ${script}: cannot load the script:\n${deps.error}` };
      const runtime: Runtime = { packages: await resolver.closure([...deps.packages, ...rendererDeps.packages]), node: process.version };
      const srcKey = sourceKey(inputHashes, runtime);
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
      const key = cacheKey({ inputs: inputHashes, params: description.params, seed: description.seed, runtime, renderer });
      return { ...planned, description, key, runtime };
    }),
  );
  const refused = problems.map((p): PlannedFigure => ({ script: p.path, inputs: [], inputHashes: [], error: `figures: ${p.message}` }));
  return { figures: [...refused, ...figures], lockfile };
}
