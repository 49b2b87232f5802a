/**
 * Definition records restored with the cache (issue 10, security): a record
 * that was edited is not used (the script is loaded again and the run stays
 * fully cached), and one edited consistently enough to pass its checksum is
 * caught when the figure renders: the worker's own definition disagrees,
 * nothing is filed under the forged key, and the record is removed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, sha256 } from '../../src/pipeline/hash';
import { createProject, script, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject;
beforeEach(() => {
  p = createProject({ 'figures/demo/a.figure.ts': script({ id: 'demo/a', out: 'a-img', size: 8 }) });
});
afterEach(() => p.remove());

const defsDir = (): string => path.join(p.root, '.figures/cache/.definitions');
function editRecord(change: (rec: Record<string, any>) => void, reseal: boolean): void {
  const [name] = readdirSync(defsDir());
  const file = path.join(defsDir(), name);
  const rec = JSON.parse(readFileSync(file, 'utf8'));
  change(rec);
  if (reseal) rec.sha256 = sha256(canonicalJson({ srcKey: rec.srcKey, script: rec.script, description: rec.description }));
  writeFileSync(file, JSON.stringify(rec));
}

describe('stored definitions', () => {
  it('an edited record is ignored: the script is loaded again and the run stays cached', async () => {
    await run(p);
    editRecord((r) => (r.description.params.size = 99), false);
    const r = await run(p);
    expect(r.cached).toEqual(['demo/a']);
    expect(r.result!.manifest.figures['a-img'].params).toEqual({ size: 8 });
  });

  it('a resealed forgery is caught on render; nothing is stored under its key', async () => {
    await run(p);
    editRecord((r) => (r.description.params.size = 99), true);
    const r = await run(p);
    expect(r.failed).toEqual(['demo/a']);
    expect(r.error!.message).toBe(
      'figure demo/a (figures/demo/a.figure.ts): its stored definition (params, seed or title in .figures/cache/.definitions/) does not match the script; it was removed, run again',
    );
    expect(readdirSync(path.join(p.root, '.figures/cache/demo/a'))).toHaveLength(1);
    expect(readdirSync(defsDir())).toEqual([]);
    const again = await run(p);
    expect(again.cached).toEqual(['demo/a']);
  });
});
