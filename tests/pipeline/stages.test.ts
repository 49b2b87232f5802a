/**
 * The pipeline's stages as plain functions (issue 10, shape of the code):
 * check (load errors of selected scripts only, duplicate ids, output
 * owners), the run record, the carried manifest entries of publish, and the
 * report's summary line. Plan, look up, generate and publish are exercised
 * on real fixture projects by cache, limits, publish and the other tests.
 */
import { describe, expect, it } from 'vitest';
import { checkFigures, checkOutputOwners, type CheckedFigure } from '../../src/pipeline/checkFigures';
import type { Manifest, ManifestEntry } from '../../src/pipeline/manifest';
import type { PlannedFigure } from '../../src/pipeline/planFigures';
import type { Provenance } from '../../src/pipeline/provenance';
import { carriedEntries } from '../../src/pipeline/publishFigures';
import { summaryLine } from '../../src/pipeline/reportRun';
import { RunRecord } from '../../src/pipeline/runRecord';

const planned = (script: string, id?: string, error?: string): PlannedFigure => ({
  script,
  inputs: [script],
  inputHashes: [],
  ...(id && !error ? { description: { id, title: `T ${id}`, seed: 1, params: {} }, key: 'k'.repeat(64) } : {}),
  ...(error ? { error, ...(id ? { id } : {}) } : {}),
});
const prov = (script: string, id: string, outputs: string[]): Provenance =>
  ({ script: { id, title: id, path: script }, key: 'k', durationMs: 1500, files: [{ path: 'a', bytes: 10, sha256: 'x' }], outputs: outputs.map((o) => ({ id: o })) }) as unknown as Provenance;

describe('check', () => {
  const figs = [
    planned('figures/a/x.figure.ts', 'a/x'),
    planned('figures/a/broken.figure.ts', undefined, 'figure figures/a/broken.figure.ts: cannot load the script: boom'),
    planned('figures/a/y.figure.ts', 'a/dup'),
    planned('figures/a/z.figure.ts', 'a/dup'),
  ];

  it('fails duplicate ids (naming both scripts) and load errors of selected scripts only', () => {
    const all = new RunRecord();
    const valid = checkFigures(figs, all, new Set(figs.map((f) => f.script)));
    expect(valid.map((f) => f.script)).toEqual(['figures/a/x.figure.ts']);
    expect(all.failures.map((f) => f.message)).toEqual([
      'figure figures/a/broken.figure.ts: cannot load the script: boom',
      'figure id "a/dup" is defined by more than one script: figures/a/y.figure.ts and figures/a/z.figure.ts',
    ]);

    const one = new RunRecord();
    checkFigures(figs, one, new Set(['figures/a/x.figure.ts']));
    expect(one.failures.map((f) => f.id)).toEqual(['a/dup']);
  });

  it('drops and fails every script writing an output id another script writes', () => {
    const valid = figs.slice(0, 1).concat(planned('figures/b/w.figure.ts', 'b/w')) as CheckedFigure[];
    const results = new Map([
      ['figures/a/x.figure.ts', prov('figures/a/x.figure.ts', 'a/x', ['shared', 'mine'])],
      ['figures/b/w.figure.ts', prov('figures/b/w.figure.ts', 'b/w', ['shared'])],
    ]);
    const record = new RunRecord();
    checkOutputOwners(results, valid, record);
    expect(results.size).toBe(0);
    expect(record.failures[0].message).toBe('output id "shared" is written by more than one script: figures/a/x.figure.ts and figures/b/w.figure.ts');
    expect(record.list(valid).map((o) => o.status)).toEqual(['failed', 'failed']);
  });
});

describe('run record and report', () => {
  it('counts the selected figures, names the others, and says when nothing was regenerated', () => {
    const figs = ['a', 'b', 'c'].map((n) => planned(`figures/p/${n}.figure.ts`, `p/${n}`));
    const record = new RunRecord();
    record.done(figs[0], 'cached', prov(figs[0].script, 'p/a', ['a-img']));
    record.skip(figs[1]);
    record.done(figs[2], 'cached', prov(figs[2].script, 'p/c', ['c-img']));
    const list = record.list(figs);
    expect(list[0]).toMatchObject({ id: 'p/a', status: 'cached', bytes: 10, durationMs: 1500, outputs: ['a-img'] });
    const selected = new Set([figs[0].script, figs[2].script]);
    expect(summaryLine(list, selected, 3, 2345)).toBe('2 figures: 0 generated, 2 cached, 0 failed in 2.3 s (1 other not selected) — nothing regenerated');
    record.fail(figs[2], 'boom');
    expect(summaryLine(record.list(figs), new Set(figs.map((f) => f.script)), 3, 1000)).toBe('3 figures: 0 generated, 1 cached, 1 failed in 1.0 s');
  });
});

describe('publish: carried entries', () => {
  it('keeps previous entries of scripts that still exist but got no fresh result', () => {
    const entry = (id: string, scriptId: string, scriptPath: string): ManifestEntry =>
      ({ id, script: { id: scriptId, path: scriptPath } }) as ManifestEntry;
    const previous: Manifest = {
      version: 1,
      figures: {
        fresh: entry('fresh', 'p/fresh', 'figures/p/fresh.figure.ts'),
        failed: entry('failed', 'p/failed', 'figures/p/failed.figure.ts'),
        deleted: entry('deleted', 'p/deleted', 'figures/p/deleted.figure.ts'),
      },
    };
    const carried = carriedEntries(previous, new Set(['p/fresh']), ['figures/p/fresh.figure.ts', 'figures/p/failed.figure.ts']);
    expect(carried.map((e) => e.id)).toEqual(['failed']);
  });
});
