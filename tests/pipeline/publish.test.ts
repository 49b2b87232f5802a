/**
 * Publishing (issue 10, items 1 and 8): every published file equals its
 * provenance hash, whatever was at its name before; files another live run
 * is still writing are not deleted; and nothing run-specific (timestamps,
 * durations) reaches the published, content-hashed files.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/pipeline/hash';
import { publishedName } from '../../src/pipeline/publishedName';
import { createProject, script, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject;
beforeEach(() => {
  p = createProject({
    'figures/demo/a.figure.ts': script({ id: 'demo/a', out: 'a-img' }),
    'figures/demo/b.figure.ts': script({ id: 'demo/b', out: 'b-anim', kind: 'gif' }),
  });
});
afterEach(() => p.remove());

const publicDir = (): string => path.join(p.root, 'public/figures');

/** Every file the manifest references, with the bytes its provenance promises (or the file's own name hash). */
function checkAllPublished(): void {
  const m = JSON.parse(p.read('.figures/manifest.json'));
  for (const e of Object.values(m.figures) as { key: string; script: { id: string }; src: string }[]) {
    const prov = JSON.parse(readFileSync(path.join(p.root, '.figures/cache', ...e.script.id.split('/'), e.key, 'provenance.json'), 'utf8'));
    for (const f of prov.files) {
      const name = publishedName(e.script.id, f.path, f.sha256);
      expect(sha256(readFileSync(path.join(publicDir(), name)))).toBe(f.sha256);
    }
  }
}

describe('publishing is hash-checked', () => {
  it('a same-size corruption of a published file is repaired by the next (fully cached) run', async () => {
    const first = await run(p);
    const src = first.result!.manifest.figures['a-img'].src;
    const file = path.join(p.root, 'public', src);
    const bytes = readFileSync(file);
    const good = sha256(bytes);
    bytes[bytes.length - 5] ^= 0x01;
    writeFileSync(file, bytes);
    const poster = path.join(p.root, 'public', first.result!.manifest.figures['b-anim'].poster!);
    writeFileSync(poster, Buffer.alloc(readFileSync(poster).length));

    const again = await run(p);
    expect(again.generated).toEqual([]);
    expect(sha256(readFileSync(file))).toBe(good);
    checkAllPublished();
  });

  it("another live process's temp file is left alone; a dead one's is removed", async () => {
    await run(p);
    const live = path.join(publicDir(), `a-img.12345678.png.${process.ppid}.tmp`);
    const dead = path.join(publicDir(), `a-img.12345678.png.999999999.tmp`);
    writeFileSync(live, 'being written');
    writeFileSync(dead, 'left by a killed run');
    await run(p);
    const names = readdirSync(publicDir());
    expect(names).toContain(path.basename(live));
    expect(names).not.toContain(path.basename(dead));
  });
});

describe('published files carry nothing run-specific', () => {
  it('two cold builds give byte-identical published trees and manifests', async () => {
    await run(p);
    const tree = (): Record<string, string> =>
      Object.fromEntries(readdirSync(publicDir()).sort().map((n) => [n, sha256(readFileSync(path.join(publicDir(), n)))]));
    const firstTree = tree();
    const firstManifest = p.read('.figures/manifest.json');
    const prov = JSON.parse(readFileSync(path.join(p.root, 'public', JSON.parse(firstManifest).figures['a-img'].provenance), 'utf8'));
    expect(prov).not.toHaveProperty('generatedAt');
    expect(prov).not.toHaveProperty('durationMs');

    await new Promise((r) => setTimeout(r, 1100)); // a different second on the clock
    const again = await run(p, { force: true });
    expect(again.generated).toEqual(['demo/a', 'demo/b']);
    expect(tree()).toEqual(firstTree);
    expect(p.read('.figures/manifest.json')).toBe(firstManifest);
  });
});

describe('publishedName', () => {
  it('puts the hash after the output id and rendition tag, and prefixes data files with the script slug', () => {
    const h = 'abcdef0123456789';
    expect(publishedName('ntk/x', 'a-img.png', h)).toBe('a-img.abcdef01.png');
    expect(publishedName('ntk/x', 'a-img.poster.png', h)).toBe('a-img.abcdef01.poster.png');
    expect(publishedName('ntk/x', 'a-img.phone-dark-2x.webp', h)).toBe('a-img.phone-dark-2x.abcdef01.webp');
    expect(publishedName('ntk/x', 'a-img.desktop-light-1x.poster.webp', h)).toBe('a-img.desktop-light-1x.abcdef01.poster.webp');
    expect(publishedName('ntk/x', 'a-img.social.png', h)).toBe('a-img.social.abcdef01.png');
    expect(publishedName('ntk/x', 'data/loss.json', h)).toBe('ntk-x.loss.abcdef01.json');
  });
});
