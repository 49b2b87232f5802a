/**
 * Symbolic links under figures/ (issue 10, item 5): a link out of the
 * repository is not followed (its sources are neither built nor published),
 * a link loop is detected at once instead of multiplying scripts until
 * ELOOP, and links inside the repository still work. The other figures are
 * generated as usual.
 */
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, script, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject | undefined;
let outside: string | undefined;
afterEach(() => {
  p?.remove();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

const ok = { 'figures/demo/ok.figure.ts': script({ id: 'demo/ok', out: 'ok-img' }) };

/** A directory next to the project (outside its root) holding a script and a module. */
function outsideDir(root: string): string {
  const dir = `${root}-outside`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'evil.figure.ts'), script({ id: 'demo/evil', out: 'evil-img' }));
  writeFileSync(path.join(dir, 'secret.ts'), `export const shade = (): number => 7;\n`);
  return dir;
}

describe('symbolic links under figures/', () => {
  it('a loop is reported at once, naming the link', async () => {
    p = createProject(ok);
    mkdirSync(path.join(p.root, 'figures/t'), { recursive: true });
    symlinkSync('..', path.join(p.root, 'figures/t/loop'));
    const t0 = Date.now();
    const r = await run(p);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.error!.message).toBe('figures: figures/t/loop is a symbolic link loop (back to figures); not followed');
    expect(r.generated).toEqual(['demo/ok']);
    expect(r.result!.figures).toHaveLength(2);
  });

  it('a script or directory linked from outside the repository is not built or published', async () => {
    p = createProject(ok);
    outside = outsideDir(p.root);
    symlinkSync(outside, path.join(p.root, 'figures/ext'));
    symlinkSync(path.join(outside, 'evil.figure.ts'), path.join(p.root, 'figures/demo/evil.figure.ts'));
    const r = await run(p);
    expect(r.failures()).toEqual([
      'figures: figures/demo/evil.figure.ts is a symbolic link out of the repository; not followed',
      'figures: figures/ext is a symbolic link out of the repository; not followed',
    ]);
    expect(r.generated).toEqual(['demo/ok']);
    expect(readdirSync(path.join(p.root, 'public/figures')).some((n) => n.includes('evil'))).toBe(false);
  });

  it('a module linked from outside the repository fails the script that imports it', async () => {
    p = createProject(ok);
    outside = outsideDir(p.root);
    mkdirSync(path.join(p.root, 'figures/lib'), { recursive: true });
    symlinkSync(path.join(outside, 'secret.ts'), path.join(p.root, 'figures/lib/shared.ts'));
    p.write('figures/demo/uses.figure.ts', script({ id: 'demo/uses', out: 'uses-img', importShared: true }));
    const r = await run(p);
    expect(r.failed).toEqual(['figures/demo/uses.figure.ts']);
    expect(r.error!.message).toContain('imports files outside the repository: ../');
    expect(r.generated).toEqual(['demo/ok']);
  });

  it('a link to a directory inside the repository is followed', async () => {
    p = createProject({ 'shared-figures/demo/in.figure.ts': script({ id: 'demo/in', out: 'in-img' }) });
    mkdirSync(path.join(p.root, 'figures'), { recursive: true });
    symlinkSync('../shared-figures/demo', path.join(p.root, 'figures/demo'));
    const r = await run(p);
    expect(r.error).toBeUndefined();
    expect(r.generated).toEqual(['demo/in']);
  });
});
