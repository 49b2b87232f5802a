import { describe, expect, it } from 'vitest';
import { closestIds, editDistance } from '../../src/pipeline/closest';

describe('closestIds', () => {
  it('computes Levenshtein distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
  it('ranks the nearest ids first, ties alphabetically', () => {
    const known = ['ellipses', 'ellipse-functions', 'loss-curves', 'weight-change'];
    expect(closestIds('elipses', known, 2)).toEqual(['ellipses', 'ellipse-functions']);
    expect(closestIds('loss-curve', known, 1)).toEqual(['loss-curves']);
  });
});
