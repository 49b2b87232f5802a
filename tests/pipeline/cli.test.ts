/** `npm run figures -- …` as a user runs it: a child process on a fixture project. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, REPO, script, type FixtureProject } from './fixtureProject';

let p: FixtureProject | undefined;
afterEach(() => p?.remove());

/** The CLI on the fixture project (`--root=DIR`, the form parseArgs documents). */
function cli(...args: string[]): { code: number | null; out: string; err: string } {
  return spawnCli(...args, `--root=${p!.root}`);
}

function spawnCli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/pipeline/cli.ts'), ...args], {
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
    // Only the selected figure is reported; the other is still published from the cache.
    expect(r.out).not.toContain('ntk/init-functions');
    expect(r.out).toMatch(/1 figure: 1 generated, 0 cached, 0 failed in [\d.]+ s \(1 other not selected\)/);
    expect(p.read('.figures/manifest.json')).toContain('"init-functions"');

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

  it('selecting a figure with an invalid parameter reports that parameter, not an unknown id', () => {
    p = createProject({
      'figures/ntk/ellipses.figure.ts': script({ id: 'ntk/ellipses', out: 'ellipses' }),
      'figures/ntk/heat.figure.ts': script({ id: 'ntk/hessian-heatmap', out: 'hessian-heatmap', paramsSchema: 'z.object({ size: z.number().int().positive().default(-3) })' }),
    });
    const r = cli('generate', 'ntk/hessian-heatmap');
    expect(r.code).toBe(1);
    expect(r.err).toContain('figure ntk/hessian-heatmap: parameter "size" = -3 is invalid');
    expect(r.err).not.toContain('unknown figure id');
    // The broken script does not fail a run that selects another one.
    const other = cli('generate', 'ntk/ellipses');
    expect(other.code).toBe(0);
    expect(other.out + other.err).not.toContain('hessian-heatmap');
  }, 60_000);

  it('--help exits 0 on stdout; a bad option or misplaced argument exits 2 naming it', () => {
    const help = spawnCli('--help');
    expect(help.code).toBe(0);
    expect(help.err).toBe('');
    for (const word of ['generate', 'list', 'clean', '--force', '--root=DIR', '--help']) expect(help.out).toContain(word);
    expect(spawnCli('list', '-h').code).toBe(0);

    const bad = spawnCli('generate', '--frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^unknown option --frobnicate\n.*--help/);
    expect(spawnCli('--root').err).toMatch(/^option --root needs a value/);
    expect(spawnCli('list', '--force').err).toMatch(/^--force applies only to generate/);
    expect(spawnCli('clean', 'x').err).toMatch(/^"clean" takes no ids/);
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
