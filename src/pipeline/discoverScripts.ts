/**
 * Discovery: every `figures/<post>/<name>.figure.ts` is a figure script.
 * Other .ts files under figures/ are shared modules (they only matter through
 * the dependency graph of the scripts that import them).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export const SCRIPT_SUFFIX = '.figure.ts';
export const FIGURES_DIR = 'figures';

/** Repository-relative POSIX paths of all figure scripts, sorted. */
export async function discoverScripts(root: string): Promise<string[]> {
  const base = path.join(root, FIGURES_DIR);
  let entries: string[];
  try {
    entries = (await readdir(base, { recursive: true })) as string[];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return entries
    .map((p) => p.split(path.sep).join('/'))
    .filter((p) => p.endsWith(SCRIPT_SUFFIX) && !p.split('/').some((s) => s.startsWith('.') || s === 'node_modules'))
    .map((p) => `${FIGURES_DIR}/${p}`)
    .sort();
}

export function isScriptPath(relPath: string): boolean {
  return relPath.startsWith(`${FIGURES_DIR}/`) && relPath.endsWith(SCRIPT_SUFFIX);
}
