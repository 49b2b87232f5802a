/**
 * Caching by content (issue 2, item 4) and damaged cache entries (item 5):
 * which figures regenerate after which change, observed through the run's
 * outcome and its log lines, on a throwaway project with three fixture scripts
 * (a and b import a shared module; c does not).
 */
import { readFileSync, statSync, truncateSync, unlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/pipeline/hash';
import { createProject, lockfile, script, SHARED, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject;
beforeEach(() => {
  p = createProject({
    'figures/lib/shared.ts': SHARED,
    'figures/demo/a.figure.ts': script({ id: 'demo/a', out: 'a-img', importShared: true }),
    'figures/demo/b.figure.ts': script({ id: 'demo/b', out: 'b-anim', kind: 'gif', importShared: true }),
    'figures/demo/c.figure.ts': script({ id: 'demo/c', out: 'c-img' }),
  });
});
afterEach(() => p.remove());

const ALL = ['demo/a', 'demo/b', 'demo/c'];

describe('cache by content', () => {
  it('generates everything once, then a second run regenerates nothing and says so', async () => {
    const first = await run(p);
    expect(first.error).toBeUndefined();
    expect(first.generated).toEqual(ALL);
    expect(first.lines.some((l) => /^demo\/a\s+generated \d+(\.\d)? (B|kB|MB) in \d+\.\d s$/.test(l))).toBe(true);

    const second = await run(p);
    expect(second.generated).toEqual([]);
    expect(second.cached).toEqual(ALL);
    expect(second.lines).toContain('demo/a  cached');
    expect(second.lines.at(-1)).toMatch(/^3 figures: 0 generated, 3 cached, 0 failed in \d+\.\d s — nothing regenerated$/);
    // Same keys, same published files.
    expect(second.result!.manifest).toEqual(first.result!.manifest);
  });

  it('editing a default in one script regenerates exactly that script', async () => {
    await run(p);
    p.write('figures/demo/c.figure.ts', script({ id: 'demo/c', out: 'c-img', size: 9 }));
    const r = await run(p);
    expect(r.generated).toEqual(['demo/c']);
    expect(r.cached).toEqual(['demo/a', 'demo/b']);
    expect(r.result!.manifest.figures['c-img'].width).toBe(9);
    expect(r.result!.manifest.figures['c-img'].params).toEqual({ size: 9 });
  });

  it('editing a module imported by two scripts regenerates exactly those two', async () => {
    await run(p);
    p.write('figures/lib/shared.ts', `export const shade = (): number => 200;\n`);
    const r = await run(p);
    expect(r.generated).toEqual(['demo/a', 'demo/b']);
    expect(r.cached).toEqual(['demo/c']);
  });

  it('touching files without changing them regenerates nothing', async () => {
    await run(p);
    const later = new Date(Date.now() + 60_000);
    for (const f of ['figures/lib/shared.ts', 'figures/demo/a.figure.ts', 'package-lock.json']) {
      utimesSync(path.join(p.root, f), later, later);
    }
    const r = await run(p);
    expect(r.generated).toEqual([]);
    expect(r.cached).toEqual(ALL);
  });

  it('a lockfile change alone (a devDependency bump) regenerates nothing', async () => {
    await run(p);
    p.write('package-lock.json', lockfile('1.0.1'));
    const r = await run(p);
    expect(r.generated).toEqual([]);
    expect(r.cached).toEqual(ALL);
  });

  it('a new version of a package a script loads, even transitively, regenerates exactly that script', async () => {
    const pkg = (name: string, version: string, deps: Record<string, string> = {}): void => {
      p.write(`node_modules/${name}/package.json`, JSON.stringify({ name, version, type: 'module', main: 'index.js', dependencies: deps }));
      p.write(`node_modules/${name}/index.js`, `export const k = 1;\n`);
    };
    pkg('fixture-lib', '1.0.0', { 'fixture-dep': '^2' });
    pkg('fixture-dep', '2.0.0');
    p.write('figures/demo/c.figure.ts', `import { k } from 'fixture-lib';\nvoid k;\n${script({ id: 'demo/c', out: 'c-img' })}`);
    const first = await run(p);
    expect(first.generated).toEqual(ALL);
    const prov = JSON.parse(p.read(`public/${first.result!.manifest.figures['c-img'].provenance}`));
    expect(prov.packages).toEqual(expect.arrayContaining(['fixture-lib@1.0.0', 'fixture-dep@2.0.0']));
    expect(prov.node).toBe(process.version);

    pkg('fixture-dep', '2.0.1');
    const r = await run(p);
    expect(r.generated).toEqual(['demo/c']);
    expect(r.cached).toEqual(['demo/a', 'demo/b']);
  });

  it('--force regenerates the selected figure even when cached; selection by output id works', async () => {
    await run(p);
    const r = await run(p, { force: true, only: ['b-anim'] });
    expect(r.generated).toEqual(['demo/b']);
    expect(r.cached).toEqual(['demo/a', 'demo/c']);
  });
});

describe('damaged cache entries', () => {
  const entryFile = (r: Awaited<ReturnType<typeof run>>, outId: string, file: string): string => {
    const e = r.result!.manifest.figures[outId];
    return path.join(p.root, '.figures/cache', ...e.script.id.split('/'), e.key, file);
  };

  it('a truncated cache file is detected and regenerated; the published file is whole', async () => {
    const first = await run(p);
    const gif = entryFile(first, 'b-anim', 'b-anim.gif');
    const whole = readFileSync(gif);
    truncateSync(gif, 10);
    const r = await run(p);
    expect(r.generated).toEqual(['demo/b']);
    expect(r.lines.some((l) => /demo\/b\s+cache entry damaged \(b-anim\.gif has 10 bytes/.test(l))).toBe(true);
    const published = readFileSync(path.join(p.root, 'public', r.result!.manifest.figures['b-anim'].src));
    expect(sha256(published)).toBe(sha256(whole));
    expect((await sharp(published).metadata()).format).toBe('gif');
  });

  it('a deleted cache file (or a same-size edit) is detected and regenerated', async () => {
    const first = await run(p);
    unlinkSync(entryFile(first, 'a-img', 'a-img.png'));
    const poster = entryFile(first, 'b-anim', 'b-anim.poster.png');
    const bytes = readFileSync(poster);
    bytes[bytes.length - 1] ^= 0xff;
    p.write(path.relative(p.root, poster), bytes as unknown as string);
    expect(statSync(poster).size).toBe(bytes.length);
    const r = await run(p);
    expect(r.generated).toEqual(['demo/a', 'demo/b']);
    expect(r.cached).toEqual(['demo/c']);
  });
});

describe('publishing', () => {
  it('publishes content-hashed files with CSS sizes, removes stale ones, and records provenance', async () => {
    p.write('figures/demo/c.figure.ts', script({ id: 'demo/c', out: 'c-img', size: 10, pixelRatio: 2 }));
    const first = await run(p);
    const c = first.result!.manifest.figures['c-img'];
    const file = readFileSync(path.join(p.root, 'public', c.src));
    expect(c.src).toBe(`figures/c-img.${sha256(file).slice(0, 8)}.png`);
    expect([c.width, c.height, c.pixelRatio, c.bytes]).toEqual([5, 3, 2, file.length]);
    expect(first.result!.manifest.figures['b-anim'].poster).toMatch(/^figures\/b-anim\.[0-9a-f]{8}\.poster\.png$/);
    expect(p.read(`public/${c.script.source}`)).toBe(p.read('figures/demo/c.figure.ts'));
    expect(JSON.parse(p.read(`public/${c.data[0].src}`))).toEqual({ size: 10 });
    const prov = JSON.parse(p.read(`public/${c.provenance}`));
    expect(prov).toMatchObject({ params: { size: 10 }, seed: 7, key: c.key, node: process.version });
    expect(prov.files.find((f: { path: string }) => f.path === 'c-img.png')).toEqual({
      path: 'c-img.png', bytes: file.length, sha256: sha256(file),
    });

    p.write('figures/demo/c.figure.ts', script({ id: 'demo/c', out: 'c-img', size: 12, pixelRatio: 2 }));
    const second = await run(p);
    const c2 = second.result!.manifest.figures['c-img'];
    expect(c2.src).not.toBe(c.src);
    expect(p.exists(`public/${c.src}`)).toBe(false);
    expect(p.exists(`public/${c2.src}`)).toBe(true);
    const manifestOnDisk = JSON.parse(p.read('.figures/manifest.json'));
    expect(manifestOnDisk).toEqual(second.result!.manifest);
  });
});
