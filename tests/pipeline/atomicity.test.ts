/**
 * Nothing is lost or half-written (issue 2, item 5). A commit that fails
 * mid-write (injected effects), a render that throws after writing some
 * outputs, and staging dirs left by a killed process: none of them may leave
 * a cache entry that a later run would take for a finished one.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realCommitEffects, type CommitEffects } from '../../src/pipeline/cacheStore';
import { createProject, script, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject;
beforeEach(() => {
  p = createProject({
    'figures/demo/a.figure.ts': script({ id: 'demo/a', out: 'a-img' }),
    'figures/demo/b.figure.ts': script({ id: 'demo/b', out: 'b-img' }),
  });
});
afterEach(() => p.remove());

const cacheEntries = (id: string): string[] => {
  try {
    return readdirSync(path.join(p.root, '.figures/cache', ...id.split('/')));
  } catch {
    return [];
  }
};
const stagingDirs = (): string[] => {
  try {
    return readdirSync(path.join(p.root, '.figures/staging'));
  } catch {
    return [];
  }
};

describe('atomic cache entries', () => {
  it('a commit that dies while writing the provenance leaves no entry; the next run regenerates', async () => {
    const failing: CommitEffects = {
      ...realCommitEffects,
      async writeFile(file, data) {
        if (file.includes('demo-b')) {
          await writeFile(file, data.slice(0, data.length >> 1)); // half a file, then the "crash"
          throw new Error('disk full (injected)');
        }
        return realCommitEffects.writeFile(file, data);
      },
    };
    const r = await run(p, { commitEffects: failing });
    expect(r.failed).toEqual(['demo/b']);
    expect(r.error!.message).toBe('figure demo/b (figures/demo/b.figure.ts): could not store its outputs: disk full (injected)');
    expect(cacheEntries('demo/b')).toEqual([]);
    expect(cacheEntries('demo/a')).toHaveLength(1);
    expect(stagingDirs()).toEqual([]);
    expect(r.result!.manifest.figures['b-img']).toBeUndefined();

    const again = await run(p);
    expect(again.generated).toEqual(['demo/b']);
    expect(again.cached).toEqual(['demo/a']);
  });

  it('a rename that fails leaves no entry', async () => {
    const r = await run(p, {
      commitEffects: { ...realCommitEffects, rename: async () => Promise.reject(new Error('EXDEV (injected)')) },
    });
    expect(r.failed).toEqual(['demo/a', 'demo/b']);
    expect(cacheEntries('demo/a')).toEqual([]);
    expect(stagingDirs()).toEqual([]);
    expect((await run(p)).generated).toEqual(['demo/a', 'demo/b']);
  });

  it('outputs written before a render throws are discarded', async () => {
    p.write(
      'figures/demo/b.figure.ts',
      script({ id: 'demo/b', out: 'b-img', extra: `out.data('early', { x: 1 }); throw new Error('late failure');` }),
    );
    const r = await run(p);
    expect(r.failed).toEqual(['demo/b']);
    expect(cacheEntries('demo/b')).toEqual([]);
    expect(stagingDirs()).toEqual([]);
  });

  it('staging dirs of dead processes are removed at start; those of live ones are kept', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    const live = process.ppid;
    const stale = path.join(p.root, '.figures/staging', `demo-a-${dead}-deadbeef`);
    const busy = path.join(p.root, '.figures/staging', `demo-a-${live}-0badf00d`);
    for (const d of [stale, busy]) {
      mkdirSync(d, { recursive: true });
      writeFileSync(path.join(d, 'a-img.png'), 'partial');
    }
    const r = await run(p);
    expect(r.generated).toEqual(['demo/a', 'demo/b']);
    expect(stagingDirs()).toEqual([path.basename(busy)]);
  });
});

describe('replacing a cache entry', () => {
  it('a --force commit whose final rename fails keeps the previous entry, valid', async () => {
    const first = await run(p);
    const key = first.result!.manifest.figures['a-img'].key;
    const failing: CommitEffects = {
      ...realCommitEffects,
      async rename(from, to) {
        // Moving the old entry aside works; moving the new one in fails.
        if (path.basename(to) === key && from.includes(`${path.sep}staging${path.sep}demo-a-`)) throw Object.assign(new Error('EIO (injected)'), { code: 'EIO' });
        return realCommitEffects.rename(from, to);
      },
    };
    const r = await run(p, { force: true, only: ['demo/a'], commitEffects: failing });
    expect(r.failed).toEqual(['demo/a']);
    expect(cacheEntries('demo/a')).toEqual([key]);
    expect(stagingDirs()).toEqual([]);
    const again = await run(p);
    expect(again.cached).toEqual(['demo/a', 'demo/b']);
  });
});
