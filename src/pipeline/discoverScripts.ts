/**
 * Discovery: every `figures/<post>/<name>.figure.ts` is a figure script.
 * Other .ts files under figures/ are shared modules (they only matter through
 * the dependency graph of the scripts that import them).
 *
 * The walk is our own rather than `readdir({ recursive: true })`, which
 * follows symbolic links blindly: a link out of the repository would have its
 * sources built and published, and a link to an ancestor (`loop -> ..`)
 * multiplied the scripts until ELOOP. Links inside the repository are
 * followed; a link that leaves it, or leads back into a directory being
 * walked, is not, and is reported as a problem naming the link.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const SCRIPT_SUFFIX = '.figure.ts';
export const FIGURES_DIR = 'figures';

export interface Discovery {
  /** Repository-relative POSIX paths of all figure scripts, sorted. */
  scripts: string[];
  /** Links that were not followed, by repository-relative path. */
  problems: { path: string; message: string }[];
}

export async function discoverScripts(root: string): Promise<Discovery> {
  const found: Discovery = { scripts: [], problems: [] };
  const realRoot = await realpath(root);
  const base = path.join(root, FIGURES_DIR);
  const realBase = await realpath(base).catch(() => undefined);
  if (!realBase) return found;
  const inside = (p: string): boolean => p === realRoot || p.startsWith(realRoot + path.sep);
  if (!inside(realBase)) {
    found.problems.push({ path: FIGURES_DIR, message: `${FIGURES_DIR}/ is a symbolic link out of the repository; not followed` });
    return found;
  }

  const walk = async (rel: string, ancestors: string[]): Promise<void> => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const child = `${rel}/${e.name}`;
      let isDir = e.isDirectory();
      let real = path.join(ancestors.at(-1)!, e.name);
      if (e.isSymbolicLink()) {
        const target = await realpath(path.join(root, child)).catch((err: NodeJS.ErrnoException) => err);
        if (target instanceof Error) {
          if (target.code !== 'ENOENT') found.problems.push({ path: child, message: `${child}: ${target.code ?? target.message}; not followed` });
          continue; // a dangling link is not a script
        }
        const kind = await stat(target);
        isDir = kind.isDirectory();
        if (!isDir && !e.name.endsWith(SCRIPT_SUFFIX)) continue; // only matters if imported (checked there)
        if (!inside(target)) {
          found.problems.push({ path: child, message: `${child} is a symbolic link out of the repository; not followed` });
          continue;
        }
        if (isDir && ancestors.includes(target)) {
          found.problems.push({ path: child, message: `${child} is a symbolic link loop (back to ${path.relative(realRoot, target) || '.'}); not followed` });
          continue;
        }
        real = target;
      }
      if (isDir) await walk(child, [...ancestors, real]);
      else if (e.name.endsWith(SCRIPT_SUFFIX)) found.scripts.push(child);
    }
  };
  await walk(FIGURES_DIR, [realBase]);
  found.scripts.sort();
  return found;
}

export function isScriptPath(relPath: string): boolean {
  return relPath.startsWith(`${FIGURES_DIR}/`) && relPath.endsWith(SCRIPT_SUFFIX);
}
