/**
 * Runaway figures (issue 10, item 2): a figure that spins is stopped at its
 * time limit (which its definition can set) and named, with a heartbeat line
 * in plain (CI) output meanwhile; a runaway allocation fails at the worker's
 * heap limit; a cancelled run (a newer edit in dev) stops a stuck worker at
 * once. The other figures finish, stay cached and are published.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LatestRun } from '../../src/pipeline/latestRun';
import { waitFor } from './cliProcess';
import { createProject, script, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject | undefined;
afterEach(() => p?.remove());

const ok = { 'figures/demo/ok.figure.ts': script({ id: 'demo/ok', out: 'ok-img' }) };
/** A script that spins forever after reporting a step, with its own time limit spliced into the definition. */
const spinning = (limit?: number): string =>
  script({ id: 'demo/spin', out: 'spin-img', extra: `progress(0.3, 'training'); while (true) {}` }).replace(
    'seed: 7,',
    `seed: 7,${limit === undefined ? '' : ` timeLimitSeconds: ${limit},`}`,
  );

describe('time limits', () => {
  it("a spinning figure is stopped at its definition's time limit, named, with heartbeat lines meanwhile", async () => {
    p = createProject({ ...ok, 'figures/demo/spin.figure.ts': spinning(2) });
    const r = await run(p, { heartbeatMs: 500 });
    expect(r.failed).toEqual(['demo/spin']);
    expect(r.generated).toEqual(['demo/ok']);
    expect(r.error!.message).toBe(
      'figure demo/spin (figures/demo/spin.figure.ts) was stopped during "training" (30%): time limit of 2 s exceeded; if it really needs longer, raise timeLimitSeconds in its definition',
    );
    expect(r.lines.some((l) => /^still running: demo\/spin, \d+ s, 'training'$/.test(l))).toBe(true);
    expect(r.result!.manifest.figures['ok-img']).toBeDefined();
  });

  it('the default limit applies to a script that sets none', async () => {
    p = createProject({ 'figures/demo/spin.figure.ts': spinning() });
    const r = await run(p, { defaultTimeLimitMs: 1500 });
    expect(r.error!.message).toContain('time limit of 2 s exceeded'); // 1.5 s, rounded
  });

  it('an invalid timeLimitSeconds is refused, naming the script', async () => {
    p = createProject({ 'figures/demo/spin.figure.ts': spinning(-1) });
    const r = await run(p);
    expect(r.error!.message).toContain('figures/demo/spin.figure.ts has an invalid timeLimitSeconds -1');
  });
});

describe('memory limit', () => {
  it('a runaway allocation fails its figure at the worker heap limit', async () => {
    p = createProject({
      ...ok,
      'figures/demo/hog.figure.ts': script({
        id: 'demo/hog',
        out: 'hog-img',
        extra: `progress(0.5, 'growing'); const keep: number[][] = []; while (true) keep.push(new Array(100_000).fill(keep.length));`,
      }),
    });
    const r = await run(p, { memoryLimitMb: 256 });
    expect(r.failed).toEqual(['demo/hog']);
    expect(r.error!.message).toContain('figure demo/hog (figures/demo/hog.figure.ts) failed during "growing" (50%): OutOfMemoryError: ran out of memory (worker heap limit 256 MB)');
    expect(r.generated).toEqual(['demo/ok']);
  });
});

describe('cancelling a run', () => {
  it('aborting stops a stuck worker at once; the figure fails as cancelled', async () => {
    p = createProject({});
    const marker = path.join(p.root, 'spinning');
    p.write(
      'figures/demo/spin.figure.ts',
      script({ id: 'demo/spin', out: 'spin-img', extra: `(await import('node:fs')).writeFileSync(${JSON.stringify(marker)}, 'x'); while (true) {}` }),
    );
    const controller = new AbortController();
    const pending = run(p, { signal: controller.signal });
    await waitFor(() => existsSync(marker));
    const t0 = Date.now();
    controller.abort(new Error('a newer change started a new run'));
    const r = await pending;
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r.failed).toEqual(['demo/spin']);
    expect(r.error!.message).toBe('figure demo/spin (figures/demo/spin.figure.ts): cancelled during "start" (10%): a newer change started a new run');
  });
});

describe('LatestRun', () => {
  it('a request during a run aborts it and runs once more; requests never overlap', async () => {
    const events: string[] = [];
    let active = 0;
    let n = 0;
    const latest = new LatestRun(async (signal) => {
      const i = ++n;
      active++;
      expect(active).toBe(1);
      events.push(`start ${i}`);
      // Run 1 is "stuck" until aborted; later runs finish on their own.
      await new Promise<void>((resolve) => (i === 1 ? signal.addEventListener('abort', () => resolve()) : setTimeout(resolve, 20)));
      events.push(`${signal.aborted ? 'aborted' : 'done'} ${i}`);
      active--;
    });
    const first = latest.request();
    await new Promise((r) => setTimeout(r, 10));
    void latest.request();
    void latest.request(); // collapses with the previous one
    await first;
    expect(events).toEqual(['start 1', 'aborted 1', 'start 2', 'done 2']);
    expect(latest.running).toBe(false);
  });
});
