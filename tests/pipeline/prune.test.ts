/**
 * Pruning (issue 10, item 7): cache entries of a deleted script are removed
 * by the next run; a script that fails to load (id unknown) keeps every
 * entry, since its entries cannot be told from a deleted script's.
 */
import { readdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, script, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject | undefined;
afterEach(() => p?.remove());

const cacheIds = (): string[] =>
  readdirSync(path.join(p!.root, '.figures/cache'), { recursive: true, withFileTypes: true })
    .filter((d) => d.isDirectory() && /^[0-9a-f]{64}$/.test(d.name))
    .map((d) => path.relative(path.join(p!.root, '.figures/cache'), d.parentPath).split(path.sep).join('/'))
    .sort();

describe('pruning the cache', () => {
  it('drops the entries of deleted scripts, and keeps everything while a script does not load', async () => {
    p = createProject({
      'figures/demo/a.figure.ts': script({ id: 'demo/a', out: 'a-img' }),
      'figures/other/b.figure.ts': script({ id: 'other/b', out: 'b-img' }),
      'figures/demo/c.figure.ts': script({ id: 'demo/c', out: 'c-img' }),
    });
    await run(p);
    expect(cacheIds()).toEqual(['demo/a', 'demo/c', 'other/b']);

    unlinkSync(path.join(p.root, 'figures/other/b.figure.ts'));
    p.write('figures/demo/c.figure.ts', 'export default {{ syntax error');
    const broken = await run(p);
    expect(broken.failed).toEqual(['figures/demo/c.figure.ts']);
    expect(cacheIds()).toEqual(['demo/a', 'demo/c', 'other/b']);

    unlinkSync(path.join(p.root, 'figures/demo/c.figure.ts'));
    const r = await run(p);
    expect(r.cached).toEqual(['demo/a']);
    expect(cacheIds()).toEqual(['demo/a']);
    expect(readdirSync(path.join(p.root, '.figures/cache'))).not.toContain('other');
    expect(Object.keys(r.result!.manifest.figures)).toEqual(['a-img']);
  });
});
