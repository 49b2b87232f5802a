/**
 * The npm packages a figure really loads, with their exact installed
 * versions: the packages its bundle imports (from esbuild's metafile), and
 * transitively what those declare as dependencies, resolved the way Node
 * resolves them (nearest node_modules upwards). These, plus Node's version,
 * are what the cache key holds about third-party code, instead of the whole
 * lockfile: bumping vitest no longer retrains every figure, while a new d3
 * patch release retrains exactly the figures that draw with d3.
 *
 * Read from the installed package.json files, so the key is what will run,
 * not what a lockfile says should be installed.
 */
import { readFile, realpath } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';

/** A bare import found in the bundle: the package name and the file that imports it (absolute). */
export interface PackageImport {
  name: string;
  from: string;
}

const BUILTINS = new Set(builtinModules);

/** `d3-scale/x` → `d3-scale`, `@napi-rs/canvas/y` → `@napi-rs/canvas`; undefined for relative paths and builtins. */
export function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return BUILTINS.has(name) ? undefined : name;
}

interface Installed {
  dir: string;
  version: string;
  deps: string[];
}

/** Resolves and reads package.json files, remembering them for the whole run. */
export class PackageResolver {
  private found = new Map<string, Promise<Installed | undefined>>();

  /** `name@version` of every package reachable from the imports, sorted; `name@missing` when not installed. */
  async closure(imports: PackageImport[]): Promise<string[]> {
    const out = new Set<string>();
    const seen = new Set<string>();
    const visit = async (name: string, fromDir: string, required: boolean): Promise<void> => {
      const pkg = await this.resolve(name, fromDir);
      if (!pkg) {
        if (required) out.add(`${name}@missing`);
        return;
      }
      if (seen.has(pkg.dir)) return;
      seen.add(pkg.dir);
      out.add(`${name}@${pkg.version}`);
      await Promise.all(pkg.deps.map((d) => visit(d, pkg.dir, false)));
    };
    await Promise.all(imports.map((i) => visit(i.name, path.dirname(i.from), true)));
    return [...out].sort();
  }

  private resolve(name: string, fromDir: string): Promise<Installed | undefined> {
    const memo = `${fromDir}\0${name}`;
    let p = this.found.get(memo);
    if (!p) {
      p = lookUp(name, fromDir);
      this.found.set(memo, p);
    }
    return p;
  }
}

async function lookUp(name: string, fromDir: string): Promise<Installed | undefined> {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    const text = await readFile(path.join(candidate, 'package.json'), 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const pkg = JSON.parse(text) as { version?: string; dependencies?: object; optionalDependencies?: object; peerDependencies?: object };
      const deps = [...new Set([pkg.dependencies, pkg.optionalDependencies, pkg.peerDependencies].flatMap((d) => Object.keys(d ?? {})))].sort();
      return { dir: await realpath(candidate), version: pkg.version ?? 'unversioned', deps };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
