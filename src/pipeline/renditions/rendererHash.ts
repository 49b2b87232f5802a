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
import { dependencyGraph } from '../dependencyGraph';
import { sha256 } from '../hash';

const PIPELINE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ENTRY = 'src/pipeline/renditions/index.ts';

let cached: Promise<string> | undefined;

export function rendererHash(): Promise<string> {
  cached ??= (async () => {
    const deps = (await dependencyGraph(PIPELINE_ROOT, [ENTRY])).get(ENTRY)!;
    if (deps.error) throw new Error(`renderer sources cannot be read: ${deps.error}`);
    const parts = await Promise.all(deps.inputs.map(async (p) => `${p}\0${sha256(await readFile(path.join(PIPELINE_ROOT, p)))}`));
    return sha256(parts.sort().join('\n'));
  })();
  return cached;
}
