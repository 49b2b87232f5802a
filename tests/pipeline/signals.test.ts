/**
 * Killing a run mid-figure (issue 2, item 5): a real child process runs the
 * CLI on a slow fixture and receives SIGINT or SIGTERM while that figure is
 * rendering. It must exit non-zero, leave no staging dir and no cache entry
 * for the interrupted figure, keep serving the previous complete version, and
 * the next run must regenerate it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/pipeline/hash';
import type { Manifest } from '../../src/pipeline/manifest';
import { createProject, REPO, script, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject | undefined;
afterEach(() => p?.remove());

/** Waits (when FIXTURE_SLOW is set) after writing its data, dropping a marker file first. */
const slowScript = (size: number): string =>
  script({
    id: 'demo/slow',
    out: 'slow-img',
    size,
    extra: `if (process.env.FIXTURE_SLOW) {
      out.data('partial', { half: true });
      progress(0.5, 'slow step');
      (await import('node:fs')).writeFileSync(process.env.FIXTURE_SLOW, 'started');
      await new Promise((r) => setTimeout(r, 60_000));
    }`,
  });

async function waitFor(cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function publishedFilesAreWhole(root: string): void {
  const m = JSON.parse(readFileSync(path.join(root, '.figures/manifest.json'), 'utf8')) as Manifest;
  for (const e of Object.values(m.figures)) {
    const prov = JSON.parse(readFileSync(path.join(root, 'public', e.provenance), 'utf8'));
    const file = readFileSync(path.join(root, 'public', e.src));
    const rec = prov.files.find((f: { path: string }) => f.path.endsWith(path.extname(e.src)) && !f.path.includes('poster'));
    expect(sha256(file)).toBe(rec.sha256);
  }
}

describe.each(['SIGINT', 'SIGTERM'] as const)('killing the CLI with %s mid-figure', (signal) => {
  it('exits non-zero, leaves nothing partial, and the next run regenerates the figure', async () => {
    p = createProject({
      'figures/demo/ok.figure.ts': script({ id: 'demo/ok', out: 'ok-img' }),
      'figures/demo/slow.figure.ts': slowScript(8),
    });
    expect((await run(p)).generated).toEqual(['demo/ok', 'demo/slow']);
    const before = readFileSync(path.join(p.root, '.figures/manifest.json'), 'utf8');

    // A new version of the slow figure and a new one of ok; the run is killed during slow.
    p.write('figures/demo/slow.figure.ts', slowScript(9));
    p.write('figures/demo/ok.figure.ts', script({ id: 'demo/ok', out: 'ok-img', size: 5 }));
    const marker = path.join(p.root, 'slow-started');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/pipeline/cli.ts'), 'generate', '--root', p.root], {
      cwd: REPO,
      env: { ...process.env, FIXTURE_SLOW: marker },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const okEntries = (): string[] => readdirSync(path.join(p!.root, '.figures/cache/demo/ok'));
    await waitFor(() => existsSync(marker) && okEntries().length === 2);
    const staging = readdirSync(path.join(p.root, '.figures/staging'));
    expect(staging.some((d) => d.startsWith('demo-slow-'))).toBe(true); // really mid-figure
    child.kill(signal);
    const code = await exited;

    expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(output).toContain(`${signal} received`);
    expect(readdirSync(path.join(p.root, '.figures/staging'))).toEqual([]);
    expect(readdirSync(path.join(p.root, '.figures/cache/demo/slow'))).toHaveLength(1); // only the old version
    // The interrupted run never published: the old, complete manifest and files are served.
    expect(readFileSync(path.join(p.root, '.figures/manifest.json'), 'utf8')).toBe(before);
    publishedFilesAreWhole(p.root);

    const again = await run(p);
    expect(again.generated).toEqual(['demo/slow']);
    expect(again.cached).toEqual(['demo/ok']); // finished before the kill, kept
    expect(again.result!.manifest.figures['slow-img'].width).toBe(9);
    publishedFilesAreWhole(p.root);
  });
});
