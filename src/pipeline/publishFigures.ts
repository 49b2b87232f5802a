/**
 * Publishing: copy every output of the current figures from the cache into
 * `public/figures/` under content-hashed names (so browsers may cache them
 * forever and a new version never collides with an old one), remove files no
 * figure references any more, and write `.figures/manifest.json` atomically.
 */
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { entryDir } from './cacheStore';
import { sha256 } from './hash';
import { MANIFEST_PATH, type Manifest, type ManifestEntry, type PublishedRendition } from './manifest';
import { PROVENANCE_FILE, type Provenance } from './provenance';

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

export async function readManifest(root: string): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(await readFile(path.join(root, MANIFEST_PATH), 'utf8')) as Manifest;
    return m.version === 1 ? m : undefined;
  } catch {
    return undefined;
  }
}

const slug = (scriptId: string): string => scriptId.replace(/[^A-Za-z0-9_-]/g, '-');

export async function publishFigures(opts: PublishOptions): Promise<Manifest> {
  const publicDir = opts.publicDir ?? path.join(opts.root, 'public');
  const outDir = path.join(publicDir, PUBLISH_SUBDIR);
  await mkdir(outDir, { recursive: true });
  const keep = new Set<string>();
  const figures: Record<string, ManifestEntry> = {};

  const place = async (from: string, name: string): Promise<string> => {
    keep.add(name);
    const dest = path.join(outDir, name);
    const [src, existing] = await Promise.all([stat(from), stat(dest).catch(() => null)]);
    // Content-hashed name: same name and size means the same bytes are already there.
    if (!existing || existing.size !== src.size) {
      const tmp = `${dest}.${process.pid}.tmp`;
      await copyFile(from, tmp);
      await rename(tmp, dest);
    }
    return `${PUBLISH_SUBDIR}/${name}`;
  };

  for (const prov of opts.figures) {
    const dir = entryDir(opts.root, prov.script.id, prov.key);
    const hashOf = (p: string): string => prov.files.find((f) => f.path === p)!.sha256.slice(0, 8);
    const s = slug(prov.script.id);

    const sourceText = await readFile(path.join(opts.root, prov.script.path));
    const sourceName = `${s}.${sha256(sourceText).slice(0, 8)}.ts.txt`;
    keep.add(sourceName);
    const sourceDest = path.join(outDir, sourceName);
    if (!(await stat(sourceDest).catch(() => null))) {
      await writeFile(`${sourceDest}.${process.pid}.tmp`, sourceText);
      await rename(`${sourceDest}.${process.pid}.tmp`, sourceDest);
    }
    const source = `${PUBLISH_SUBDIR}/${sourceName}`;

    const provText = await readFile(path.join(dir, PROVENANCE_FILE));
    const provenance = await place(path.join(dir, PROVENANCE_FILE), `${s}.provenance.${sha256(provText).slice(0, 8)}.json`);

    const data: ManifestEntry['data'] = [];
    for (const d of prov.data) {
      const ext = path.extname(d.file);
      data.push({ name: d.name, src: await place(path.join(dir, d.file), `${s}.${d.name}.${hashOf(d.file)}${ext}`) });
    }

    for (const o of prov.outputs) {
      const ext = path.extname(o.file);
      const src = await place(path.join(dir, o.file), `${o.id}.${hashOf(o.file)}${ext}`);
      const poster = o.poster ? await place(path.join(dir, o.poster), `${o.id}.${hashOf(o.poster)}.poster.png`) : undefined;
      const renditions: PublishedRendition[] = [];
      for (const r of o.renditions ?? []) {
        const { file, ...rest } = r;
        const suffix = file.slice(o.id.length + 1); // e.g. "phone-dark-2x.poster.webp"
        const dot = suffix.indexOf('.');
        const name = `${o.id}.${suffix.slice(0, dot)}.${hashOf(file)}${suffix.slice(dot)}`;
        renditions.push({ ...rest, src: await place(path.join(dir, file), name), bytes: prov.files.find((f) => f.path === file)!.bytes });
      }
      figures[o.id] = {
        id: o.id,
        kind: o.kind,
        src,
        ...(poster ? { poster } : {}),
        ...(o.slot ? { slot: o.slot } : {}),
        ...(renditions.length ? { renditions } : {}),
        width: Math.round(o.pixelWidth / o.pixelRatio),
        height: Math.round(o.pixelHeight / o.pixelRatio),
        pixelRatio: o.pixelRatio,
        bytes: prov.files.find((f) => f.path === o.file)!.bytes,
        alt: o.alt,
        caption: o.caption,
        ...(o.notes ? { notes: o.notes } : {}),
        ...(o.social ? { social: await place(path.join(dir, o.social), `${o.id}.social.${hashOf(o.social)}.png`) } : {}),
        script: { id: prov.script.id, title: prov.script.title, path: prov.script.path, source },
        params: prov.params as Record<string, unknown>,
        seed: prov.seed,
        key: prov.key,
        data,
        provenance,
      };
    }
  }

  for (const entry of opts.carried ?? []) {
    if (figures[entry.id]) continue;
    const files = [entry.src, entry.poster, entry.script.source, entry.provenance, ...entry.data.map((d) => d.src), ...(entry.renditions ?? []).map((r) => r.src), entry.social];
    const names = files.filter((f): f is string => !!f).map((f) => f.slice(PUBLISH_SUBDIR.length + 1));
    // Only carry an old entry whose files are all still published.
    const present = await Promise.all(names.map((n) => stat(path.join(outDir, n)).then(() => true, () => false)));
    if (present.every(Boolean)) {
      names.forEach((n) => keep.add(n));
      figures[entry.id] = entry;
    }
  }

  for (const name of await readdir(outDir)) {
    if (!keep.has(name)) await rm(path.join(outDir, name), { recursive: true, force: true });
  }

  const manifest: Manifest = { version: 1, figures: sortById(figures) };
  const file = path.join(opts.root, MANIFEST_PATH);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.${process.pid}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
  await rename(`${file}.${process.pid}.tmp`, file);
  return manifest;
}

function sortById(figures: Record<string, ManifestEntry>): Record<string, ManifestEntry> {
  return Object.fromEntries(Object.keys(figures).sort().map((k) => [k, figures[k]]));
}
