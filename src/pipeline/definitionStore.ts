/**
 * Remembered definitions: `.figures/cache/.definitions/<hash of path>.json`
 * holds what loading a script gave (id, title, seed, validated params) under
 * its source key, so a warm run starts no worker at all.
 *
 * The records travel with the cache (CI restores them), so they are checked
 * before use: the record must be for this script and these sources, well
 * formed, and match its own checksum; anything else is ignored and the script
 * is loaded again. (A checksum stored beside the data catches accidents, not
 * tampering: on render the worker's own description is compared with the
 * planned one as well, see generateFigures.)
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_DIR } from './cacheStore';
import { canonicalJson, sha256 } from './hash';
import type { Description } from './workerProtocol';

const DEFINITIONS_DIR = `${CACHE_DIR}/.definitions`;

interface DefinitionRecord {
  srcKey: string;
  script: string;
  description: Description;
  sha256: string;
}

export function definitionFile(root: string, script: string): string {
  return path.join(root, DEFINITIONS_DIR, `${sha256(script).slice(0, 16)}.json`);
}

const checksum = (r: Omit<DefinitionRecord, 'sha256'>): string =>
  sha256(canonicalJson({ srcKey: r.srcKey, script: r.script, description: r.description }));

function wellFormed(d: Description | undefined): boolean {
  return (
    !!d &&
    typeof d.id === 'string' &&
    typeof d.title === 'string' &&
    typeof d.seed === 'number' &&
    Number.isFinite(d.seed) &&
    (d.timeLimitSeconds === undefined || (typeof d.timeLimitSeconds === 'number' && d.timeLimitSeconds > 0))
  );
}

/** The stored description, or undefined when there is none usable (the caller loads the script). */
export async function readDefinition(root: string, script: string, srcKey: string): Promise<Description | undefined> {
  let rec: DefinitionRecord;
  try {
    rec = JSON.parse(await readFile(definitionFile(root, script), 'utf8')) as DefinitionRecord;
  } catch {
    return undefined;
  }
  const usable = rec.srcKey === srcKey && rec.script === script && wellFormed(rec.description) && rec.sha256 === checksum(rec);
  return usable ? rec.description : undefined;
}

/** Best effort: on a read-only cache the script is simply loaded again next time. */
export async function writeDefinition(root: string, script: string, srcKey: string, description: Description): Promise<void> {
  const file = definitionFile(root, script);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, JSON.stringify({ srcKey, script, description, sha256: checksum({ srcKey, script, description }) }));
    await rename(tmp, file);
  } catch {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}

export async function forgetDefinition(root: string, script: string): Promise<void> {
  await rm(definitionFile(root, script), { force: true }).catch(() => undefined);
}

/** Remove the records of scripts that no longer exist. */
export async function pruneDefinitions(root: string, scripts: string[]): Promise<void> {
  const dir = path.join(root, DEFINITIONS_DIR);
  const keep = new Set(scripts.map((s) => path.basename(definitionFile(root, s))));
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!keep.has(name)) await rm(path.join(dir, name), { force: true });
  }
}

/** Same definition, as far as the outputs and the key are concerned. */
export function sameDefinition(a: Description, b: Description): boolean {
  const core = (d: Description): string => canonicalJson({ id: d.id, title: d.title, seed: d.seed, params: d.params });
  return core(a) === core(b);
}
