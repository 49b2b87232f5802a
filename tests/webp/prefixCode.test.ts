import { describe, expect, it } from 'vitest';
import { canonicalCodes, codeLengths } from '../../src/webp/vp8l/prefixCode';

const kraft = (lengths: Uint8Array) => lengths.reduce((s, l) => (l ? s + 2 ** -l : s), 0);

describe('prefix code lengths', () => {
  it('are optimal when no limit binds: the known Huffman lengths of 1, 1, 2, 4', () => {
    expect(Array.from(codeLengths([1, 1, 2, 4], 15))).toEqual([3, 3, 2, 1]);
  });

  it('leave unused symbols at zero and form a complete code', () => {
    const l = codeLengths([0, 5, 0, 9, 1, 0, 3], 15);
    expect([l[0], l[2], l[5]]).toEqual([0, 0, 0]);
    expect(kraft(l)).toBe(1);
  });

  it('respect the limit on counts whose optimal tree is deeper, and stay complete', () => {
    const fib = [1, 1];
    while (fib.length < 30) fib.push(fib[fib.length - 1] + fib[fib.length - 2]);
    expect(Math.max(...codeLengths(fib, 40))).toBeGreaterThan(15); // the unlimited tree is too deep
    for (const limit of [7, 15]) {
      const l = codeLengths(fib, limit);
      expect(Math.max(...l)).toBeLessThanOrEqual(limit);
      expect(kraft(l)).toBe(1);
    }
  });

  it('canonical codes are prefix-free, shorter codes first', () => {
    const lengths = codeLengths([10, 3, 3, 1, 7, 0, 2, 2], 15);
    const codes = canonicalCodes(lengths);
    // Undo the bit reversal to compare codes as written most-significant bit first.
    const words: string[] = [];
    lengths.forEach((l, s) => { if (l) words.push(codes[s].toString(2).padStart(l, '0').split('').reverse().join('')); });
    for (const a of words) for (const b of words) if (a !== b) expect(b.startsWith(a)).toBe(false);
  });
});
