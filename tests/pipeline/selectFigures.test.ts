/** Selection by script id, output id, and of scripts whose planning failed. */
import { describe, expect, it } from 'vitest';
import type { Manifest, ManifestEntry } from '../../src/pipeline/manifest';
import type { PlannedFigure } from '../../src/pipeline/planFigures';
import { selectFigures } from '../../src/pipeline/selectFigures';

const planned = (script: string, id: string | undefined, error?: string): PlannedFigure => ({
  script,
  inputs: [script],
  inputHashes: [],
  ...(error ? { id, error } : { description: { id: id!, title: id!, seed: 1, params: {} } }),
});

const figures = [
  planned('figures/a.figure.ts', 'ntk/a'),
  planned('figures/b.figure.ts', 'ntk/b', 'figure ntk/b: parameter "x" = -1 is invalid'),
  planned('figures/c.figure.ts', undefined, 'figure figures/c.figure.ts: cannot load the script: boom'),
];
const manifest = {
  version: 1,
  figures: { 'b-out': { id: 'b-out', script: { id: 'ntk/b', path: 'figures/b.figure.ts' } } as ManifestEntry },
} as Manifest;

describe('selectFigures', () => {
  it('selects everything without ids', () => {
    expect([...selectFigures(figures, [], manifest)]).toHaveLength(3);
  });

  it('finds a script whose params are invalid by its id and by its last output id', () => {
    expect([...selectFigures(figures, ['ntk/b'], manifest)]).toEqual(['figures/b.figure.ts']);
    expect([...selectFigures(figures, ['b-out', 'ntk/a'], manifest)]).toEqual(['figures/b.figure.ts', 'figures/a.figure.ts']);
  });

  it('an unknown id names the closest ids and the scripts that could not be loaded', () => {
    expect(() => selectFigures(figures, ['ntk/q'], manifest)).toThrow(
      /^unknown figure id "ntk\/q"; did you mean "ntk\/a", "ntk\/b", "b-out"\?\nthese scripts could not be loaded.*\n.*cannot load the script: boom$/,
    );
  });
});
