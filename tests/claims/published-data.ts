/**
 * Read what the last pipeline run published, for tests that check each
 * figure's claim on the numbers it actually plotted. The e2e global setup
 * builds the site (and so runs every figure) before these tests run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest, ManifestEntry } from '../../src/pipeline/manifest';
import { MANIFEST_PATH } from '../../src/pipeline/manifest';

const root = process.cwd();

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(root, MANIFEST_PATH), 'utf8')) as Manifest;
}

/** The manifest entry of one output id, e.g. `weight-matrix-10`. */
export function figureEntry(outputId: string): ManifestEntry {
  const entry = readManifest().figures[outputId];
  if (!entry) throw new Error(`no published figure "${outputId}" in ${MANIFEST_PATH}`);
  return entry;
}

/** A data file (JSON) the script of `outputId` wrote with `out.data(name, …)`. */
export function figureData<T = unknown>(outputId: string, name: string): T {
  const entry = figureEntry(outputId);
  const file = entry.data.find((d) => d.name === name || d.name === `${name}.json`);
  if (!file) {
    throw new Error(`figure "${outputId}" has no data "${name}"; it has: ${entry.data.map((d) => d.name).join(', ')}`);
  }
  return JSON.parse(readFileSync(join(root, 'public', file.src), 'utf8')) as T;
}
