/**
 * Which local files each figure script depends on: the script itself plus
 * every module it imports transitively (figures/**, src/**, any relative
 * import), and which npm packages those modules import (their exact versions
 * are resolved by packageVersions.ts; packages are not bundled here).
 *
 * esbuild resolves exactly like the TypeScript loader does (extensionless
 * specifiers, index files, tsconfig paths), and its metafile lists every
 * input of every entry point, so one bundle pass (write: false) covers all
 * scripts at once.
 */
import { build, type Metafile } from 'esbuild';
import path from 'node:path';
import { packageName, type PackageImport } from './packageVersions';

export interface ScriptDependencies {
  /** Repository-relative POSIX paths, sorted; includes the script. */
  inputs: string[];
  /** Packages imported by those files (bare specifiers), with the importing file. */
  packages: PackageImport[];
  /** Set when the script (or a module it imports) could not be parsed/resolved. */
  error?: string;
}

export async function dependencyGraph(root: string, scripts: string[]): Promise<Map<string, ScriptDependencies>> {
  const result = new Map<string, ScriptDependencies>();
  if (scripts.length === 0) return result;
  try {
    const meta = await bundleMeta(root, scripts);
    for (const script of scripts) result.set(script, reachable(root, meta, script));
  } catch {
    // One broken script must not hide the graph of the others: redo them one
    // by one so the error is attributed to the script that has it.
    for (const script of scripts) {
      try {
        const meta = await bundleMeta(root, [script]);
        result.set(script, reachable(root, meta, script));
      } catch (err) {
        result.set(script, { inputs: [script], packages: [], error: esbuildMessage(err) });
      }
    }
  }
  for (const script of scripts) if (!result.has(script)) result.set(script, { inputs: [script], packages: [] });
  for (const [script, deps] of result) {
    // A module reached through a link or a relative import that leaves the
    // repository would be built into the figure (and its source published).
    const outside = deps.inputs.filter((p) => p.startsWith('../') || path.isAbsolute(p));
    if (outside.length && !deps.error) {
      result.set(script, { ...deps, inputs: deps.inputs.filter((p) => !outside.includes(p)), error: `imports files outside the repository: ${outside.join(', ')}` });
    }
  }
  return result;
}

async function bundleMeta(root: string, scripts: string[]): Promise<Metafile> {
  const res = await build({
    absWorkingDir: path.resolve(root),
    entryPoints: scripts,
    bundle: true,
    write: false,
    packages: 'external',
    metafile: true,
    outdir: '.figures/esbuild-out',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
  return res.metafile;
}

/**
 * Walk the import graph from the script. (The per-output `inputs` would miss
 * modules that tree-shaking removed, e.g. a side-effect-free `import './x'`,
 * yet editing those can still change what the script does.)
 */
function reachable(root: string, meta: Metafile, script: string): ScriptDependencies {
  const seen = new Set<string>();
  const packages: PackageImport[] = [];
  const stack = [script];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imp of meta.inputs[file]?.imports ?? []) {
      if (!imp.external && meta.inputs[imp.path]) stack.push(imp.path);
      const name = imp.external ? packageName(imp.path) : undefined;
      if (name) packages.push({ name, from: path.resolve(root, file) });
    }
  }
  // esbuild prefixes virtual modules with a namespace ("ns:path"); only real files count.
  const inputs = [...seen].filter((p) => !p.includes('node_modules/') && !/^[a-z-]+:/.test(p)).sort();
  return { inputs, packages };
}

function esbuildMessage(err: unknown): string {
  const errors = (err as { errors?: { text: string; location?: { file: string; line: number; column: number } }[] }).errors;
  if (errors?.length) {
    return errors
      .map((e) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}` : e.text))
      .join('\n');
  }
  return err instanceof Error ? err.message : String(err);
}
