/** `npm run figures -- …` as a user runs it: a child process on a fixture project. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, REPO, script, type FixtureProject } from './fixtureProject';

let p: FixtureProject | undefined;
afterEach(() => p?.remove());

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/pipeline/cli.ts'), ...args, '--root', p!.root], {
    cwd: REPO,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('figures CLI', () => {
  it('generates stale figures, lists them, regenerates selected ids with --force, and cleans', () => {
    p = createProject({
      'figures/ntk/ellipses.figure.ts': script({ id: 'ntk/ellipses', out: 'ellipses', kind: 'gif' }),
      'figures/ntk/init.figure.ts': script({ id: 'ntk/init-functions', out: 'init-functions' }),
    });
    let r = cli('list');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ntk/ellipses  stale  (figures/ntk/ellipses.figure.ts)\n    Fixture ntk/ellipses\n    outputs: (not generated yet)');

    r = cli();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2 figures: 2 generated, 0 cached, 0 failed/);
    expect(r.out).not.toContain('\r'); // not a terminal: plain lines

    r = cli('list');
    expect(r.out).toContain('ntk/ellipses  cached  (figures/ntk/ellipses.figure.ts)');
    expect(r.out).toContain('outputs: init-functions');

    r = cli('generate', '--force', 'ellipses');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ntk\/ellipses\s+generated/);
    expect(r.out).toMatch(/ntk\/init-functions\s+cached/);

    r = cli('clean');
    expect(r.code).toBe(0);
    expect(p.exists('.figures')).toBe(false);
    expect(p.exists('public/figures')).toBe(false);
  }, 60_000);

  it('an unknown id exits 2 listing the closest known ids', () => {
    p = createProject({
      'figures/ntk/ellipses.figure.ts': script({ id: 'ntk/ellipses', out: 'ellipses' }),
      'figures/ntk/init.figure.ts': script({ id: 'ntk/init-functions', out: 'init-functions' }),
    });
    const r = cli('generate', 'ntk/elipses');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('unknown figure id "ntk/elipses"; did you mean "ntk/ellipses", "ntk/init-functions"?');
  }, 60_000);

  it('a failing figure exits 1 with its message on stderr', () => {
    p = createProject({
      'figures/demo/bad.figure.ts': script({ id: 'demo/bad', out: 'bad', extra: `throw new Error('nope');` }),
    });
    const r = cli();
    expect(r.code).toBe(1);
    expect(r.err).toContain('figure demo/bad (figures/demo/bad.figure.ts) failed during "start" (10%): nope');
  }, 60_000);
});
