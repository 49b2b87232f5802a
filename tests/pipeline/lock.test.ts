/**
 * Concurrent runs (issue 10, item 3): a second run waits for the first,
 * naming its pid, instead of racing it through publish (which deleted the
 * first run's temp files and crashed it with ENOENT); a lock left by a
 * killed run is taken over; the lock is re-entrant within one process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/pipeline/hash';
import { acquireRunLock, LOCK_FILE } from '../../src/pipeline/runLock';
import { startCli, waitFor } from './cliProcess';
import { createProject, script, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject | undefined;
afterEach(() => p?.remove());

/** Pauses 3 s mid-render when FIXTURE_SLOW names a marker file (written first). */
const slow = script({
  id: 'demo/slow',
  out: 'slow-img',
  extra: `if (process.env.FIXTURE_SLOW) {
      (await import('node:fs')).writeFileSync(process.env.FIXTURE_SLOW, 'started');
      await new Promise((r) => setTimeout(r, 3000));
    }`,
});

describe('run lock', () => {
  it('a second generate --force waits for the running one, naming its pid; both succeed', async () => {
    p = createProject({ 'figures/demo/slow.figure.ts': slow, 'figures/demo/ok.figure.ts': script({ id: 'demo/ok', out: 'ok-img' }) });
    const marker = path.join(p.root, 'slow-started');
    const first = startCli(p.root, ['generate'], { FIXTURE_SLOW: marker });
    await waitFor(() => existsSync(marker));
    const second = startCli(p.root, ['generate', '--force'], { FIXTURE_SLOW: marker });
    await waitFor(() => second.output().includes('waiting for another figure run'));
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    expect(await first.exit, first.output()).toBe(0);
    expect(await second.exit, second.output()).toBe(0);
    expect(second.output()).toMatch(/2 figures: 2 generated/);
    expect(existsSync(path.join(p.root, LOCK_FILE))).toBe(false);
    const m = JSON.parse(p.read('.figures/manifest.json'));
    for (const e of Object.values(m.figures) as { src: string; script: { id: string }; key: string }[]) {
      const prov = JSON.parse(readFileSync(path.join(p.root, '.figures/cache', ...e.script.id.split('/'), e.key, 'provenance.json'), 'utf8'));
      const png = prov.files.find((f: { path: string }) => f.path.endsWith('.png'));
      expect(sha256(readFileSync(path.join(p.root, 'public', e.src)))).toBe(png.sha256);
    }
  }, 90_000);

  it('a lock left by a killed run is taken over, saying so', async () => {
    p = createProject({ 'figures/demo/ok.figure.ts': script({ id: 'demo/ok', out: 'ok-img' }) });
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    mkdirSync(path.join(p.root, '.figures'), { recursive: true });
    writeFileSync(path.join(p.root, LOCK_FILE), JSON.stringify({ pid: dead, host: (await import('node:os')).hostname(), since: 'then', what: 'figures run' }));
    const r = await run(p);
    expect(r.generated).toEqual(['demo/ok']);
    expect(r.lines).toContain(`figures: removing a stale lock left by pid ${dead} (no longer running)`);
    expect(existsSync(path.join(p.root, LOCK_FILE))).toBe(false);
  });

  it('is re-entrant within a process and removed by the outermost release', async () => {
    p = createProject({});
    const log: string[] = [];
    const outer = await acquireRunLock(p.root, { log: (l) => log.push(l) });
    const inner = await acquireRunLock(p.root, { log: (l) => log.push(l) });
    expect([outer.held, inner.held]).toEqual([true, true]);
    await inner.release();
    expect(JSON.parse(p.read(LOCK_FILE)).pid).toBe(process.pid);
    await outer.release();
    expect(p.exists(LOCK_FILE)).toBe(false);
    expect(log).toEqual([]);
  });
});
