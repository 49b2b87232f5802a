/** Every local module in a figure's cache key is published and listed in the manifest. */
import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/pipeline/hash';
import { publishSources } from '../../src/pipeline/publishSources';
import { createProject, script, SHARED, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject | undefined;
afterEach(() => p?.remove());

describe('published sources', () => {
  it('lists the imported module of a script (not the script itself) with its exact text', async () => {
    p = createProject({
      'figures/lib/shared.ts': SHARED,
      'figures/demo/a.figure.ts': script({ id: 'demo/a', out: 'a-img', importShared: true }),
      'figures/demo/b.figure.ts': script({ id: 'demo/b', out: 'b-img' }),
    });
    const r = await run(p);
    expect(r.error).toBeUndefined();
    const a = r.result!.manifest.figures['a-img'].script;
    expect(a.sources?.map((s) => s.path)).toEqual(['figures/lib/shared.ts']);
    expect(p.read(`public/${a.sources![0].src}`)).toBe(SHARED);
    // A script that imports no local module lists none.
    expect(r.result!.manifest.figures['b-img'].script.sources).toBeUndefined();
  });

  it('leaves out a file whose bytes are no longer the ones the cache key recorded', async () => {
    p = createProject({ 'figures/lib/shared.ts': SHARED });
    const placed: string[] = [];
    const place = async (name: string): Promise<string> => (placed.push(name), `figures/${name}`);
    const right = await publishSources(p.root, [{ path: 'figures/lib/shared.ts', sha256: sha256(SHARED) }], place);
    expect(right).toEqual([{ path: 'figures/lib/shared.ts', src: `figures/${placed[0]}` }]);
    const stale = await publishSources(p.root, [{ path: 'figures/lib/shared.ts', sha256: sha256('older text') }], place);
    expect(stale).toEqual([]);
    expect(placed).toHaveLength(1);
  });
});
