/**
 * Reads the figure manifest the pipeline wrote. Shared by the remark plugin
 * (which needs the known ids) and <Figure> (which needs sizes and URLs).
 *
 * Read on every call rather than once at import: in `astro dev` the pipeline
 * rewrites the manifest while the server keeps running. `FIGURES_MANIFEST`
 * points elsewhere (fixture manifests in tests); the default is the agreed
 * `.figures/manifest.json` relative to the project root (the cwd of astro).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { MANIFEST_PATH, type Manifest } from '../pipeline/manifest';

export function manifestPath(): string {
  return resolve(process.env.FIGURES_MANIFEST ?? MANIFEST_PATH);
}

let cached: { path: string; mtimeMs: number; size: number; manifest: Manifest } | undefined;

/** The manifest, or an empty one when the pipeline has not run yet. */
export function readManifest(path = manifestPath()): Manifest {
  if (!existsSync(path)) return { version: 1, figures: {} };
  const st = statSync(path);
  if (cached && cached.path === path && cached.mtimeMs === st.mtimeMs && cached.size === st.size) {
    return cached.manifest;
  }
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  cached = { path, mtimeMs: st.mtimeMs, size: st.size, manifest };
  return manifest;
}
