/** `npm run figures -- …` as a user runs it: a child process on a fixture project. */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './cliProcess';
import { createProject, script, type FixtureProject } from './fixtureProject';

let p: FixtureProject | undefined;
/** A bound, not a wait: each CLI run starts node, tsx and workers, which takes ~15 s on a loaded two-core machine. */
const CLI_TIMEOUT = 240_000;
afterEach(() => p?.remove());

/** The CLI on the fixture project (`--root=DIR`, the form parseArgs documents). */
const cli = (...args: string[]): Promise<CliRun> => runCli([...args, `--root=${p!.root}`]);
/** The CLI with exactly these arguments. */
const spawnCli = (...args: string[]): Promise<CliRun> => runCli(args);

describe('figures CLI', () => {
  it('generates stale figures, lists them, regenerates selected ids with --force, and cleans', async () => {
    p = createProject({
      'figures/ntk/ellipses.figure.ts': script({ id: 'ntk/ellipses', out: 'ellipses', kind: 'gif' }),
      'figures/ntk/init.figure.ts': script({ id: 'ntk/init-functions', out: 'init-functions' }),
    });
    let r = await cli('list');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ntk/ellipses  stale  (figures/ntk/ellipses.figure.ts)\n    Fixture ntk/ellipses\n    outputs: (not generated yet)');

    r = await cli();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2 figures: 2 generated, 0 cached, 0 failed/);
    expect(r.out).not.toContain('\r'); // not a terminal: plain lines

    r = await cli('list');
    expect(r.out).toContain('ntk/ellipses  cached  (figures/ntk/ellipses.figure.ts)');
    expect(r.out).toContain('outputs: init-functions');

    r = await cli('generate', '--force', 'ellipses');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ntk\/ellipses\s+generated/);
    // Only the selected figure is reported; the other is still published from the cache.
    expect(r.out).not.toContain('ntk/init-functions');
    expect(r.out).toMatch(/1 figure: 1 generated, 0 cached, 0 failed in [\d.]+ s \(1 other not selected\)/);
    expect(p.read('.figures/manifest.json')).toContain('"init-functions"');

    r = await cli('clean');
    expect(r.code).toBe(0);
    expect(p.exists('.figures')).toBe(false);
    expect(p.exists('public/figures')).toBe(false);
  }, CLI_TIMEOUT);

  it('an unknown id exits 2 listing the closest known ids', async () => {
    p = createProject({
      'figures/ntk/ellipses.figure.ts': script({ id: 'ntk/ellipses', out: 'ellipses' }),
      'figures/ntk/init.figure.ts': script({ id: 'ntk/init-functions', out: 'init-functions' }),
    });
    const r = await cli('generate', 'ntk/elipses');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('unknown figure id "ntk/elipses"; did you mean "ntk/ellipses", "ntk/init-functions"?');
  }, CLI_TIMEOUT);

  it('selecting a figure with an invalid parameter reports that parameter, not an unknown id', async () => {
    p = createProject({
      'figures/ntk/ellipses.figure.ts': script({ id: 'ntk/ellipses', out: 'ellipses' }),
      'figures/ntk/heat.figure.ts': script({ id: 'ntk/hessian-heatmap', out: 'hessian-heatmap', paramsSchema: 'z.object({ size: z.number().int().positive().default(-3) })' }),
    });
    const r = await cli('generate', 'ntk/hessian-heatmap');
    expect(r.code).toBe(1);
    expect(r.err).toContain('figure ntk/hessian-heatmap: parameter "size" = -3 is invalid');
    expect(r.err).not.toContain('unknown figure id');
    // The broken script does not fail a run that selects another one.
    const other = await cli('generate', 'ntk/ellipses');
    expect(other.code).toBe(0);
    expect(other.out + other.err).not.toContain('hessian-heatmap');
  }, CLI_TIMEOUT);

  it('--help exits 0 on stdout; a bad option or misplaced argument exits 2 naming it', async () => {
    const help = await spawnCli('--help');
    expect(help.code).toBe(0);
    expect(help.err).toBe('');
    for (const word of ['generate', 'list', 'clean', '--force', '--root=DIR', '--help']) expect(help.out).toContain(word);
    expect((await spawnCli('list', '-h')).code).toBe(0);

    const bad = await spawnCli('generate', '--frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^unknown option --frobnicate\n.*--help/);
    expect((await spawnCli('--root')).err).toMatch(/^option --root needs a value/);
    expect((await spawnCli('list', '--force')).err).toMatch(/^--force applies only to generate/);
    expect((await spawnCli('clean', 'x')).err).toMatch(/^"clean" takes no ids/);
  }, CLI_TIMEOUT);

  it('a failing figure exits 1 with its message on stderr', async () => {
    p = createProject({
      'figures/demo/bad.figure.ts': script({ id: 'demo/bad', out: 'bad', extra: `throw new Error('nope');` }),
    });
    const r = await cli();
    expect(r.code).toBe(1);
    expect(r.err).toContain('figure demo/bad (figures/demo/bad.figure.ts) failed during "start" (10%): nope');
  }, CLI_TIMEOUT);
});
