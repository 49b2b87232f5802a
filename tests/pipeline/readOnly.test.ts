/**
 * Failures while writing the manifest, and a read-only cache (issue 10,
 * item 4). A manifest that cannot be written fails the run with a message
 * after the per-figure lines and the summary, and leaves no temp file. A
 * read-only `.figures/` (a real read-only bind mount, in a private mount
 * namespace) serves a fully cached run, and `--force` there names the cause.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCli } from './cliProcess';
import { createProject, script, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject | undefined;
afterEach(() => p?.remove());

const two = (): FixtureProject =>
  createProject({
    'figures/demo/a.figure.ts': script({ id: 'demo/a', out: 'a-img' }),
    'figures/demo/b.figure.ts': script({ id: 'demo/b', out: 'b-anim', kind: 'gif' }),
  });

describe('manifest write failures', () => {
  it('are reported after the figures and the summary, and leave no temp file', async () => {
    p = two();
    await run(p);
    p.write('figures/demo/a.figure.ts', script({ id: 'demo/a', out: 'a-img', size: 9 }));
    // A directory in the manifest's place: the rename over it fails, like EROFS or EACCES would.
    rmSync(path.join(p.root, '.figures/manifest.json'));
    mkdirSync(path.join(p.root, '.figures/manifest.json/blocked'), { recursive: true });
    const r = await run(p);
    expect(r.generated).toEqual(['demo/a']);
    expect(r.lines.some((l) => /^demo\/a\s+generated/.test(l))).toBe(true);
    expect(r.lines.at(-1)).toMatch(/^2 figures: 1 generated, 1 cached, 0 failed in/);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^figures: could not write \.figures\/manifest\.json: \.figures\/: E[A-Z]+/);
    expect(r.error!.message).toBe(r.errors[0]);
    expect(readdirSync(path.join(p.root, '.figures')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

/** `unshare -m` gives the child its own mount namespace, so the read-only mount stays private to it. */
const canMountPrivately = spawnSync('unshare', ['-m', 'true']).status === 0;
const readOnly = (dir: string): string[] => ['unshare', '-m', 'sh', '-c', 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"', dir];

describe.skipIf(!canMountPrivately)('a read-only .figures/', () => {
  it('serves a fully cached run, and --force names the read-only cache as the cause', async () => {
    p = two();
    await run(p);
    rmSync(path.join(p.root, 'public/figures'), { recursive: true }); // public/ stays writable; it is republished
    const fig = path.join(p.root, '.figures');

    const cached = startCli(p.root, ['generate'], {}, readOnly(fig));
    expect(await cached.exit, cached.output()).toBe(0);
    expect(cached.output()).toMatch(/2 figures: 0 generated, 2 cached, 0 failed in .* nothing regenerated/);
    expect(cached.output()).toContain('.figures/ is not writable (EROFS); running without the run lock');
    expect(readdirSync(path.join(p.root, 'public/figures')).length).toBeGreaterThan(0);

    const forced = startCli(p.root, ['generate', '--force', 'demo/a'], {}, readOnly(fig));
    expect(await forced.exit).toBe(1);
    expect(forced.output()).toContain(
      'figure demo/a (figures/demo/a.figure.ts): cannot regenerate: the figure cache .figures/ is on a read-only file system (EROFS)',
    );
    expect(forced.output()).not.toContain('ENOENT');
    writeFileSync(path.join(fig, 'writable-again'), 'the mount was private to the child');
  }, 90_000);
});
