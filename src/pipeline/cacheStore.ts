/**
 * The figure cache on disk: `.figures/cache/<script-id>/<key>/`.
 *
 * A render writes into a private staging directory; when it has finished, the
 * pipeline checksums the files, writes provenance.json last and renames the
 * whole directory into place in one step. So an entry either exists complete
 * or not at all, whatever is killed when. On read every file's size and
 * sha256 are checked against the provenance: a truncated, edited or deleted
 * file makes the entry invalid, and the figure is regenerated.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { PIPELINE_FORMAT_VERSION } from './cacheKey';
import { isLive } from './liveness';
import { PROVENANCE_FILE, type FileRecord, type Provenance } from './provenance';

export const FIGURES_STATE_DIR = '.figures';
export const CACHE_DIR = `${FIGURES_STATE_DIR}/cache`;
export const STAGING_DIR = `${FIGURES_STATE_DIR}/staging`;

/** File-system effects used when committing, injectable so tests can fail them mid-write. */
export interface CommitEffects {
  writeFile(file: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

export const realCommitEffects: CommitEffects = {
  writeFile: (f, d) => fsp.writeFile(f, d),
  rename: (a, b) => fsp.rename(a, b),
};

export function entryDir(root: string, scriptId: string, key: string): string {
  return path.join(root, CACHE_DIR, ...scriptId.split('/'), key);
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export type EntryStatus = { ok: true; provenance: Provenance } | { ok: false; reason: string };

/** Read and verify an entry. `missing` is the normal stale case; anything else is damage. */
export async function readEntry(root: string, scriptId: string, key: string): Promise<EntryStatus> {
  const dir = entryDir(root, scriptId, key);
  let prov: Provenance;
  try {
    prov = JSON.parse(await fsp.readFile(path.join(dir, PROVENANCE_FILE), 'utf8')) as Provenance;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'missing' : `unreadable provenance (${(err as Error).message})` };
  }
  if (prov.format !== PIPELINE_FORMAT_VERSION || prov.key !== key || !Array.isArray(prov.files)) {
    return { ok: false, reason: 'provenance does not match the key' };
  }
  for (const f of prov.files) {
    const file = path.join(dir, f.path);
    let size: number;
    try {
      size = (await fsp.stat(file)).size;
    } catch {
      return { ok: false, reason: `${f.path} is missing` };
    }
    if (size !== f.bytes) return { ok: false, reason: `${f.path} has ${size} bytes, expected ${f.bytes}` };
    if ((await fileSha256(file)) !== f.sha256) return { ok: false, reason: `${f.path} does not match its checksum` };
  }
  return { ok: true, provenance: prov };
}

export async function createStagingDir(root: string, scriptId: string): Promise<string> {
  const name = `${scriptId.replace(/[^A-Za-z0-9_-]/g, '-')}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const dir = path.join(root, STAGING_DIR, name);
  await fsp.mkdir(dir, { recursive: true });
  return dir;
}

/** Checksums of every file the render wrote, relative to the staging dir. */
export async function checksumFiles(dir: string, files: string[]): Promise<FileRecord[]> {
  return Promise.all(
    files.map(async (p) => {
      const full = path.join(dir, p);
      return { path: p, bytes: (await fsp.stat(full)).size, sha256: await fileSha256(full) };
    }),
  );
}

/**
 * Write the provenance (last) and move the staging dir into the cache. An
 * entry already at the destination (damaged, or replaced by --force) is never
 * removed before the new one is in place: it is renamed aside (one atomic
 * step), the new entry renamed in, and only then the old one deleted. If the
 * second rename fails, the old entry is put back. A reader therefore sees the
 * old entry, the new one, or (for an instant) none: never a partial one, and
 * never nothing after a failed commit.
 */
export async function commitEntry(
  root: string,
  stagingDir: string,
  prov: Provenance,
  effects: CommitEffects = realCommitEffects,
): Promise<void> {
  await effects.writeFile(path.join(stagingDir, PROVENANCE_FILE), JSON.stringify(prov, null, 2) + '\n');
  const dest = entryDir(root, prov.script.id, prov.key);
  await fsp.mkdir(path.dirname(dest), { recursive: true });
  // Named like a staging dir of this process, so a crash here is cleaned up like one.
  const aside = path.join(path.dirname(stagingDir), `replaced-${path.basename(stagingDir)}`);
  let moved = false;
  try {
    await effects.rename(dest, aside);
    moved = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    await effects.rename(stagingDir, dest);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (moved) await fsp.rename(aside, dest).catch(() => undefined);
    // Another run committed the same key meanwhile: its (identical-key) entry wins.
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    await fsp.rm(stagingDir, { recursive: true, force: true });
    return;
  }
  if (moved) await fsp.rm(aside, { recursive: true, force: true });
}

/** Remove staging dirs left by runs that no longer exist (killed, crashed). */
export async function cleanStaleStaging(root: string): Promise<number> {
  const base = path.join(root, STAGING_DIR);
  let names: string[];
  try {
    names = await fsp.readdir(base);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pid = Number(/-(\d+)-[0-9a-f]+$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && isLive(pid)) continue;
    if (pid === process.pid) continue; // our own run removes its own dirs
    await fsp.rm(path.join(base, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/** Keep the `keep` most recent entries of a script (older keys are unlikely to come back). */
export async function pruneEntries(root: string, scriptId: string, keep: number, protect: string): Promise<void> {
  const dir = path.join(root, CACHE_DIR, ...scriptId.split('/'));
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return;
  }
  const entries = await Promise.all(
    names
      .filter((n) => /^[0-9a-f]{64}$/.test(n))
      .map(async (n) => ({ n, t: (await fsp.stat(path.join(dir, n)).catch(() => null))?.mtimeMs ?? 0 })),
  );
  entries.sort((a, b) => b.t - a.t);
  for (const e of entries.slice(keep)) {
    if (e.n !== protect) await fsp.rm(path.join(dir, e.n), { recursive: true, force: true });
  }
}
