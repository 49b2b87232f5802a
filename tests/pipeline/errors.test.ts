/**
 * Bad input gets a clear error and loses nothing (issue 2, item 6): the
 * message names the figure (and the parameter, value and what is allowed, or
 * the step it failed in), and the other figures still finish, stay cached and
 * are published.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/pipeline/errors';
import { createProject, script, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject | undefined;
afterEach(() => p?.remove());

const good = { 'figures/demo/ok.figure.ts': script({ id: 'demo/ok', out: 'ok-img' }) };

describe('figure errors', () => {
  it('an invalid default parameter names figure, parameter path, value and what is allowed', async () => {
    p = createProject({
      ...good,
      'figures/ntk/weights.figure.ts': script({
        id: 'ntk/weight-matrices',
        out: 'w',
        paramsSchema: `z.object({ widths: z.array(z.number().positive()).default([-10, 100]) })`,
      }),
    });
    const r = await run(p);
    expect(r.error).toBeInstanceOf(PipelineError);
    expect(r.error!.message).toBe('figure ntk/weight-matrices: parameter "widths[0]" = -10 is invalid: must be > 0');
    expect(r.failed).toEqual(['ntk/weight-matrices']);
    expect(r.generated).toEqual(['demo/ok']);
    expect(r.result!.manifest.figures['ok-img']).toBeDefined();
    expect(r.lines.at(-1)).toMatch(/^2 figures: 1 generated, 0 cached, 1 failed in/);
    // The good figure stays cached for the next run.
    const again = await run(p);
    expect(again.cached).toEqual(['demo/ok']);
    expect(again.generated).toEqual([]);
  });

  it('a figure that throws is named with the step it was in; the others finish and stay cached', async () => {
    p = createProject({
      ...good,
      'figures/demo/boom.figure.ts': script({
        id: 'demo/boom',
        out: 'boom',
        extra: `progress(0.4, 'training width 1000'); { const e = new Error('loss diverged to NaN at step 12'); e.name = 'DivergenceError'; throw e; }`,
      }),
    });
    const r = await run(p);
    expect(r.error!.message).toBe(
      'figure demo/boom (figures/demo/boom.figure.ts) failed during "training width 1000" (40%): DivergenceError: loss diverged to NaN at step 12',
    );
    expect(r.errors).toContain(r.error!.message);
    expect(r.generated).toEqual(['demo/ok']);
    // No cache entry, no staging left behind for the failed figure.
    expect(p.exists('.figures/cache/demo/boom')).toBe(false);
    expect(readdirSync(path.join(p.root, '.figures/staging'))).toEqual([]);
    const again = await run(p);
    expect(again.cached).toEqual(['demo/ok']);
    expect(again.failed).toEqual(['demo/boom']);
  });

  it('an output without alt text fails the figure with a message naming it', async () => {
    p = createProject({ ...good, 'figures/demo/noalt.figure.ts': script({ id: 'demo/noalt', out: 'noalt', alt: '  ' }) });
    const r = await run(p);
    expect(r.error!.message).toMatch(/^figure demo\/noalt \(figures\/demo\/noalt\.figure\.ts\) failed.*: OutputError: output "noalt" has no alt text/);
    expect(r.result!.manifest.figures.noalt).toBeUndefined();
    expect(r.generated).toEqual(['demo/ok']);
  });

  it('bytes that are not a PNG are rejected at write time', async () => {
    p = createProject({
      ...good,
      'figures/demo/notpng.figure.ts': script({
        id: 'demo/notpng',
        out: 'x',
        extra: `out.image('fake', new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0]), { alt: 'a', caption: 'c' });`,
      }),
    });
    const r = await run(p);
    expect(r.error!.message).toMatch(/figure demo\/notpng .*output "fake": bytes are not a PNG \(wrong magic bytes\)/);
  });

  it('duplicate definition ids fail naming both scripts', async () => {
    p = createProject({
      ...good,
      'figures/demo/one.figure.ts': script({ id: 'demo/same', out: 'one' }),
      'figures/other/two.figure.ts': script({ id: 'demo/same', out: 'two' }),
    });
    const r = await run(p);
    expect(r.error!.message).toContain(
      'figure id "demo/same" is defined by more than one script: figures/demo/one.figure.ts and figures/other/two.figure.ts',
    );
    expect(r.generated).toEqual(['demo/ok']);
  });

  it('duplicate output ids across scripts fail naming both scripts', async () => {
    p = createProject({
      ...good,
      'figures/demo/one.figure.ts': script({ id: 'demo/one', out: 'shared-id' }),
      'figures/demo/two.figure.ts': script({ id: 'demo/two', out: 'shared-id' }),
    });
    const r = await run(p);
    expect(r.error!.message).toContain(
      'output id "shared-id" is written by more than one script: figures/demo/one.figure.ts and figures/demo/two.figure.ts',
    );
    expect(r.result!.manifest.figures['shared-id']).toBeUndefined();
    expect(r.result!.manifest.figures['ok-img']).toBeDefined();
  });

  it('a script with a syntax error is named with esbuild\'s location', async () => {
    p = createProject({ ...good, 'figures/demo/broken.figure.ts': 'export default {\n' });
    const r = await run(p);
    expect(r.error!.message).toMatch(/^figure figures\/demo\/broken\.figure\.ts: cannot load the script:\nfigures\/demo\/broken\.figure\.ts:2:0: /);
    expect(r.generated).toEqual(['demo/ok']);
  });

  it('an unknown id on selection lists the closest known ids and runs nothing', async () => {
    p = createProject({
      ...good,
      'figures/ntk/e.figure.ts': script({ id: 'ntk/ellipses', out: 'ellipses' }),
    });
    const r = await run(p, { only: ['ntk/elipses'] });
    expect(r.error!.name).toBe('PipelineUsageError');
    expect(r.error!.message).toBe('unknown figure id "ntk/elipses"; did you mean "ntk/ellipses", "demo/ok"?');
    expect(p.exists('.figures/cache/ntk')).toBe(false);
  });
});
