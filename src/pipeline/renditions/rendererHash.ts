/**
 * A hash of the renderer's own sources (this folder, src/plot, src/gif and
 * whatever else renditions/index.ts imports). A figure's outputs depend on
 * them as much as on its script, but a script does not import them, so the
 * cache key adds this hash: change a theme colour or a rendition width and
 * every figure is redrawn; change nothing and nothing is.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dependencyGraph, type ScriptDependencies } from '../dependencyGraph';
import { sha256 } from '../hash';

const PIPELINE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ENTRY = 'src/pipeline/renditions/index.ts';

let cached: Promise<string> | undefined;
let graph: Promise<ScriptDependencies> | undefined;

/** The renderer's own dependencies: its sources (hashed below) and the packages it loads (part of every key). */
export function rendererDependencies(): Promise<ScriptDependencies> {
  graph ??= dependencyGraph(PIPELINE_ROOT, [ENTRY]).then((g) => g.get(ENTRY)!);
  return graph;
}

export function rendererHash(): Promise<string> {
  cached ??= (async () => {
    const deps = await rendererDependencies();
    if (deps.error) throw new Error(`renderer sources cannot be read: ${deps.error}`);
    const parts = await Promise.all(deps.inputs.map(async (p) => `${p}\0${sha256(await readFile(path.join(PIPELINE_ROOT, p)))}`));
    return sha256(parts.sort().join('\n'));
  })();
  return cached;
}
