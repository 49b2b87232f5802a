/**
 * Reading and writing `.figures/manifest.json`. The write is atomic (a temp
 * file renamed over the old one), leaves no temp file behind when it fails,
 * and is skipped when the bytes would not change: a fully cached build then
 * writes nothing under `.figures/`, so it works on a read-only cache.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_PATH, type Manifest } from './manifest';

export async function readManifest(root: string): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(await readFile(path.join(root, MANIFEST_PATH), 'utf8')) as Manifest;
    return m.version === 1 ? m : undefined;
  } catch {
    return undefined;
  }
}

export function manifestText(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** True when the file was (re)written, false when it already held these bytes. */
export async function writeManifest(root: string, manifest: Manifest): Promise<boolean> {
  const file = path.join(root, MANIFEST_PATH);
  const text = manifestText(manifest);
  if ((await readFile(file, 'utf8').catch(() => undefined)) === text) return false;
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return true;
}
