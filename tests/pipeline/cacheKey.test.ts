/** Cache-key ingredients: canonical JSON and what the key is (not) sensitive to. */
import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../src/pipeline/cacheKey';
import { canonicalJson } from '../../src/pipeline/hash';

const base = {
  inputs: [
    { path: 'figures/a.figure.ts', sha256: 'aa' },
    { path: 'src/x.ts', sha256: 'bb' },
  ],
  params: { widths: [10, 100], lr: 0.1 },
  seed: 1,
  runtime: { packages: ['d3-scale@4.0.2', 'zod@4.1.0'], node: 'v20.20.2' },
};

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: 2 } })).toBe('{"a":{"c":2,"d":[3,1]},"b":1}');
  });
  it('tells NaN, Infinity and null apart, and writes typed arrays as arrays', () => {
    expect(canonicalJson({ x: NaN })).not.toBe(canonicalJson({ x: null }));
    expect(canonicalJson({ x: Infinity })).not.toBe(canonicalJson({ x: -Infinity }));
    expect(canonicalJson(new Float64Array([1, 2]))).toBe('[1,2]');
  });
});

describe('cacheKey', () => {
  const k = cacheKey(base);
  it('is a sha256 hex string, independent of key and input order', () => {
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ ...base, params: { lr: 0.1, widths: [10, 100] }, inputs: [...base.inputs].reverse() })).toBe(k);
  });
  it.each([
    ['a module', { inputs: [base.inputs[0], { path: 'src/x.ts', sha256: 'bd' }] }],
    ['a param', { params: { widths: [10, 101], lr: 0.1 } }],
    ['array order in a param', { params: { widths: [100, 10], lr: 0.1 } }],
    ['the seed', { seed: 2 }],
    ['a package version', { runtime: { packages: ['d3-scale@4.0.3', 'zod@4.1.0'], node: 'v20.20.2' } }],
    ['the set of packages', { runtime: { packages: ['zod@4.1.0'], node: 'v20.20.2' } }],
    ["Node's version", { runtime: { packages: ['d3-scale@4.0.2', 'zod@4.1.0'], node: 'v20.20.3' } }],
    ['the set of modules', { inputs: base.inputs.slice(0, 1) }],
  ])('changes with %s', (_what, change) => {
    expect(cacheKey({ ...base, ...change })).not.toBe(k);
  });
});
