/**
 * Publish: copy every file of the current figures from the cache into
 * `public/figures/` under content-hashed names (so browsers may cache them
 * forever and a new version never collides with an old one), and remove
 * files no figure references any more.
 *
 * A published file is trusted only if its bytes hash to what the provenance
 * says: an existing file of the right name is re-hashed, and replaced when it
 * differs (a same-size corruption would otherwise ship forever). What is
 * published carries no timestamps or durations, so two builds of one commit
 * give byte-identical files and names.
 */
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { entryDir, fileSha256 } from './cacheStore';
import { isLive } from './liveness';
import { sha256 } from './hash';
import type { Manifest, ManifestEntry, PublishedRendition } from './manifest';
import { PROVENANCE_FILE, publishedProvenance, type Provenance } from './provenance';
import { publishedName, slug } from './publishedName';
import { publishSources } from './publishSources';

export { readManifest } from './manifestFile';

export const PUBLISH_SUBDIR = 'figures';

export interface PublishOptions {
  root: string;
  /** Astro's public dir (default `<root>/public`). */
  publicDir?: string;
  /** Verified provenance of every figure to publish. */
  figures: Provenance[];
  /** Entries kept from the previous manifest (figures that failed or were not selected this run). */
  carried?: ManifestEntry[];
}

export async function publishFigures(opts: PublishOptions): Promise<Manifest> {
  const outDir = path.join(opts.publicDir ?? path.join(opts.root, 'public'), PUBLISH_SUBDIR);
  await mkdir(outDir, { recursive: true });
  const placer = new Placer(outDir);
  const figures: Record<string, ManifestEntry> = {};
  for (const prov of opts.figures) {
    for (const entry of await publishScript(opts.root, prov, placer)) figures[entry.id] = entry;
  }
  await carryOver(opts.carried ?? [], figures, placer);
  await removeUnreferenced(outDir, placer.keep);
  return { version: 1, figures: sortById(figures) };
}

/** Places files under their published names and remembers every name placed (the rest is removed). */
class Placer {
  readonly keep = new Set<string>();
  constructor(readonly outDir: string) {}

  /** Make `name` hold exactly the bytes hashing to `hash`, taken from `from` or `bytes`. */
  async place(name: string, hash: string, from: { file: string } | { bytes: Uint8Array }): Promise<string> {
    this.keep.add(name);
    const dest = path.join(this.outDir, name);
    if ((await fileSha256(dest).catch(() => null)) !== hash) {
      const tmp = `${dest}.${process.pid}.tmp`;
      try {
        if ('file' in from) await copyFile(from.file, tmp);
        else await writeFile(tmp, from.bytes);
        await rename(tmp, dest);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    }
    return `${PUBLISH_SUBDIR}/${name}`;
  }

  /** Place bytes under a name made from their hash. */
  placeBytes(name: (h: string) => string, bytes: Uint8Array): Promise<string> {
    const h = sha256(bytes);
    return this.place(name(h.slice(0, 8)), h, { bytes });
  }
}

/** Publish one script's files, sources and provenance; its manifest entries, one per output. */
async function publishScript(root: string, prov: Provenance, placer: Placer): Promise<ManifestEntry[]> {
  const dir = entryDir(root, prov.script.id, prov.key);
  const s = slug(prov.script.id);
  // Every file the provenance lists, whatever outputs it belongs to.
  const published = new Map<string, string>();
  for (const f of prov.files) {
    published.set(f.path, await placer.place(publishedName(prov.script.id, f.path, f.sha256), f.sha256, { file: path.join(dir, f.path) }));
  }
  const sourceText = await readFile(path.join(root, prov.script.path));
  const source = await placer.placeBytes((h) => `${s}.${h}.ts.txt`, sourceText);
  // Every other local file in the cache key (helpers, src/ modules).
  const modules = prov.inputs.filter((i) => i.path !== prov.script.path);
  const sources = await publishSources(root, modules, (name, hash, bytes) => placer.place(name, hash, { bytes }));
  const provText = Buffer.from(JSON.stringify(publishedProvenance(prov), null, 2) + '\n');
  const provenance = await placer.placeBytes((h) => `${s}.provenance.${h}.json`, provText);
  const data = prov.data.map((d) => ({ name: d.name, src: published.get(d.file)! }));

  const bytesOf = (file: string): number => prov.files.find((f) => f.path === file)!.bytes;
  return prov.outputs.map((o): ManifestEntry => {
    const renditions: PublishedRendition[] = (o.renditions ?? []).map(({ file, ...rest }) => ({ ...rest, src: published.get(file)!, bytes: bytesOf(file) }));
    return {
      id: o.id,
      kind: o.kind,
      src: published.get(o.file)!,
      ...(o.poster ? { poster: published.get(o.poster)! } : {}),
      ...(o.slot ? { slot: o.slot } : {}),
      ...(renditions.length ? { renditions } : {}),
      width: Math.round(o.pixelWidth / o.pixelRatio),
      height: Math.round(o.pixelHeight / o.pixelRatio),
      pixelRatio: o.pixelRatio,
      bytes: bytesOf(o.file),
      alt: o.alt,
      caption: o.caption,
      ...(o.notes ? { notes: o.notes } : {}),
      ...(o.social ? { social: published.get(o.social)! } : {}),
      script: { id: prov.script.id, title: prov.script.title, path: prov.script.path, source, ...(sources.length ? { sources } : {}) },
      params: prov.params as Record<string, unknown>,
      seed: prov.seed,
      key: prov.key,
      data,
      provenance,
    };
  });
}

/** Keep old entries of figures not published this run, but only those whose files are all still published. */
async function carryOver(carried: ManifestEntry[], figures: Record<string, ManifestEntry>, placer: Placer): Promise<void> {
  for (const entry of carried) {
    if (figures[entry.id]) continue;
    const names = entryFiles(entry).map((f) => f.slice(PUBLISH_SUBDIR.length + 1));
    const present = await Promise.all(names.map((n) => readFile(path.join(placer.outDir, n)).then(() => true, () => false)));
    if (present.every(Boolean)) {
      names.forEach((n) => placer.keep.add(n));
      figures[entry.id] = entry;
    }
  }
}

/** Every published path a manifest entry references. */
function entryFiles(entry: ManifestEntry): string[] {
  return [
    entry.src,
    entry.poster,
    entry.social,
    entry.script.source,
    ...(entry.script.sources ?? []).map((m) => m.src),
    entry.provenance,
    ...entry.data.map((d) => d.src),
    ...(entry.renditions ?? []).map((r) => r.src),
  ].filter(
    (f): f is string => !!f,
  );
}

/**
 * Entries of the previous manifest to keep: figures that exist (their script
 * is still planned) but got no fresh result this run (failed, not selected).
 */
export function carriedEntries(previous: Manifest | undefined, current: Set<string>, scripts: string[]): ManifestEntry[] {
  return Object.values(previous?.figures ?? {}).filter((e) => !current.has(e.script.id) && scripts.includes(e.script.path));
}

/** Remove what no figure references, except another live process's file still being written. */
async function removeUnreferenced(outDir: string, keep: Set<string>): Promise<void> {
  for (const name of await readdir(outDir)) {
    if (keep.has(name)) continue;
    const writer = Number(/\.(\d+)\.tmp$/.exec(name)?.[1]);
    if (writer && writer !== process.pid && isLive(writer)) continue;
    await rm(path.join(outDir, name), { recursive: true, force: true });
  }
}

function sortById(figures: Record<string, ManifestEntry>): Record<string, ManifestEntry> {
  return Object.fromEntries(Object.keys(figures).sort().map((k) => [k, figures[k]]));
}
