/**
 * The provenance record of a finished render, built from its staging dir:
 * pixel sizes read back from the files, and a checksum of every file.
 */
import path from 'node:path';
import sharp from 'sharp';
import { checksumFiles } from './cacheStore';
import { PIPELINE_FORMAT_VERSION } from './cacheKey';
import type { CheckedFigure } from './checkFigures';
import type { DataRecord, OutputRecord } from './outputWriter';
import type { Provenance, ProvenanceOutput } from './provenance';

/** Every file an output lists (canonical file, poster, renditions, social preview), so callers never assume a fixed set. */
export function outputFiles(o: OutputRecord): string[] {
  return [o.file, ...(o.poster ? [o.poster] : []), ...(o.renditions ?? []).map((r) => r.file), ...(o.social ? [o.social] : [])];
}

export async function buildProvenance(
  f: CheckedFigure,
  dir: string,
  written: { outputs: OutputRecord[]; data: DataRecord[] },
  durationMs: number,
  libraries: Record<string, string>,
): Promise<Provenance> {
  const outputs: ProvenanceOutput[] = [];
  for (const o of written.outputs) {
    const meta = await sharp(path.join(dir, o.file)).metadata();
    // For an animated GIF, height is one frame's (pageHeight when sharp reads all pages).
    outputs.push({ ...o, pixelWidth: meta.width ?? 0, pixelHeight: meta.pageHeight ?? meta.height ?? 0 });
  }
  const files = await checksumFiles(dir, [...written.outputs.flatMap(outputFiles), ...written.data.map((d) => d.file)]);
  const d = f.description;
  return {
    format: PIPELINE_FORMAT_VERSION,
    script: { id: d.id, title: d.title, path: f.script },
    params: d.params,
    seed: d.seed,
    key: f.key,
    inputs: f.inputHashes,
    generatedAt: new Date().toISOString(),
    durationMs: Math.round(durationMs),
    node: f.runtime?.node ?? process.version,
    platform: `${process.platform}-${process.arch}`,
    libraries,
    packages: f.runtime?.packages ?? [],
    outputs,
    data: written.data,
    files,
  };
}
