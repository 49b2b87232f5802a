/**
 * Figures reach the reader exactly as the pipeline wrote them: every image
 * the site serves has the bytes (sha256) its provenance record lists, so no
 * build step re-encoded it, and every animation still has all its frames.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { readManifest } from '../claims/published-data';

const sites = inject('sites');
const manifest = readManifest();
const entries = Object.values(manifest.figures);

async function fetchBytes(url: string): Promise<Buffer> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

interface ProvenanceRecord {
  outputs: { id: string; file: string; poster?: string; renditions?: { file: string; format: string; role: string; layout: string; scheme: string; pixelRatio: number }[] }[];
  files: { path: string; sha256: string }[];
}

describe.each(sites)('served figures ($name)', (site) => {
  it('publishes every figure', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  it.each(entries.map((e) => [e.id, e] as const))('%s is served byte-identical to its provenance record', async (_id, entry) => {
    const provenance = JSON.parse((await fetchBytes(site.url + entry.provenance)).toString('utf8')) as ProvenanceRecord;
    const output = provenance.outputs.find((o) => o.id === entry.id);
    expect(output, `provenance lists ${entry.id}`).toBeDefined();
    const expected = new Map(provenance.files.map((f) => [f.path, f.sha256]));

    const served = await fetchBytes(site.url + entry.src);
    expect(sha256(served)).toBe(expected.get(output!.file));
    if (entry.kind === 'animation') {
      const meta = await sharp(served, { animated: true }).metadata();
      expect(meta.format).toBe('gif');
      expect(meta.pages ?? 1).toBeGreaterThan(1);
      const poster = await fetchBytes(site.url + entry.poster!);
      expect(sha256(poster)).toBe(expected.get(output!.poster!));
    }
    // Every rendition too: same bytes as written, and animations keep their frames in both formats.
    const written = output!.renditions ?? [];
    expect(written.length, `${entry.id} has renditions`).toBe(entry.renditions?.length ?? 0);
    for (const r of entry.renditions ?? []) {
      const w = written.find((x) => x.layout === r.layout && x.scheme === r.scheme && x.pixelRatio === r.pixelRatio && x.role === r.role && x.format === r.format)!;
      const bytes = await fetchBytes(site.url + r.src);
      expect(sha256(bytes), r.src).toBe(expected.get(w.file));
      if (r.role === 'animation') expect((await sharp(bytes, { animated: true }).metadata()).pages ?? 1, r.src).toBeGreaterThan(1);
    }
  });
});
