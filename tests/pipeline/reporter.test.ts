/**
 * Progress output (issue 2, item 7): one line per figure, live redrawn line on
 * a terminal, plain lines (no carriage returns) every 10% otherwise, a summary.
 * Logger, clock and terminal are injected and recorded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, Reporter, type LiveLine } from '../../src/pipeline/reporter';
import { createProject, script, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

function recorder() {
  const lines: string[] = [];
  const live: string[] = [];
  let t = 0;
  const liveLine: LiveLine = { update: (s) => live.push(s), clear: () => live.push('<clear>') };
  return { lines, live, liveLine, logger: { info: (l: string) => lines.push(l), error: (l: string) => lines.push(`E ${l}`) }, clock: () => t, advance: (ms: number) => (t += ms) };
}

describe('Reporter', () => {
  it('without a terminal, prints a plain line per 10% for figures running over 2 s, none for quick ones', () => {
    const r = recorder();
    const rep = new Reporter(r.logger, r.clock, null);
    rep.setIds(['ntk/ellipses', 'ntk/x']);
    rep.started('ntk/ellipses');
    rep.progress('ntk/ellipses', 0.15, 'width 10'); // too early: nothing
    r.advance(2500);
    rep.progress('ntk/ellipses', 0.25);
    rep.progress('ntk/ellipses', 0.27); // same decile: nothing
    rep.progress('ntk/ellipses', 0.61, 'width 1000');
    rep.finished('ntk/ellipses');
    rep.status('ntk/ellipses', 'generated 1.4 MB in 12.3 s');
    expect(r.lines).toEqual([
      'ntk/ellipses  20% width 10',
      'ntk/ellipses  60% width 1000',
      'ntk/ellipses  generated 1.4 MB in 12.3 s',
    ]);
    expect(r.lines.join('\n')).not.toContain('\r');
  });

  it('on a terminal, redraws one live line with every running figure and clears it before printing', () => {
    const r = recorder();
    const rep = new Reporter(r.logger, r.clock, r.liveLine);
    rep.setIds(['a/one', 'a/two']);
    rep.started('a/one');
    rep.started('a/two');
    r.advance(1500);
    rep.progress('a/one', 0.42, 'training');
    expect(r.live.at(-1)).toBe('a/one 42% training (1.5 s) · a/two 0% (1.5 s)');
    rep.finished('a/one');
    rep.status('a/one', 'generated 2.0 kB in 1.5 s');
    expect(r.live.slice(-2)).toEqual(['<clear>', 'a/two 0% (1.5 s)']);
    expect(r.lines).toEqual(['a/one  generated 2.0 kB in 1.5 s']);
    rep.close();
    expect(r.live.at(-1)).toBe('<clear>');
  });

  it('formats sizes', () => {
    expect([formatBytes(999), formatBytes(1500), formatBytes(1_400_000)]).toEqual(['999 B', '1.5 kB', '1.4 MB']);
  });
});

describe('progress of a real run', () => {
  let p: FixtureProject | undefined;
  afterEach(() => p?.remove());

  it('long figures report plain progress lines; the summary counts generated, cached and failed', async () => {
    p = createProject({
      'figures/demo/long.figure.ts': script({
        id: 'demo/long',
        out: 'long',
        extra: `for (let i = 1; i < 10; i++) { progress(i / 10, 'step ' + i); await new Promise((r) => setTimeout(r, 20)); }`,
      }),
      'figures/demo/quick.figure.ts': script({ id: 'demo/quick', out: 'quick' }),
    });
    const r = recorder();
    // Every clock read advances 1 s, so the long figure is "long" after a couple of reads.
    // One worker: with two, the long figure's reads would advance the shared fake clock
    // while the quick one runs, and whether it looks "long" would depend on scheduling.
    const clock = (): number => r.advance(1000);
    const first = await run(p, { logger: r.logger, clock, concurrency: 1 });
    expect(first.error).toBeUndefined();
    // The run speaks before planning (cold definitions take seconds) and says what the cache decided.
    expect(r.lines[0]).toBe('planning 2 figure scripts (hashing sources, loading changed definitions)…');
    expect(r.lines[1]).toMatch(/^planned in \d+\.\d s: 0 cached, 2 to generate$/);
    const progressLines = r.lines.filter((l) => /^demo\/long\s+\d0% step \d$/.test(l));
    expect(progressLines.length).toBeGreaterThanOrEqual(3);
    expect(r.lines.filter((l) => /^demo\/quick\s+\d0%/.test(l))).toEqual([]);
    expect(r.lines).toContainEqual(expect.stringMatching(/^demo\/long\s+generated \d+ B in \d+\.\d s$/));
    expect(r.lines.at(-1)).toMatch(/^2 figures: 2 generated, 0 cached, 0 failed in \d+\.\d s$/);

    r.lines.length = 0;
    await run(p, { logger: r.logger, clock });
    expect(r.lines).toEqual([
      'planning 2 figure scripts (hashing sources, loading changed definitions)…',
      'demo/long   cached',
      'demo/quick  cached',
      expect.stringMatching(/^planned in \d+\.\d s: 2 cached, 0 to generate$/),
      expect.stringMatching(/^2 figures: 0 generated, 2 cached, 0 failed in .* — nothing regenerated$/),
    ]);
  });
});
