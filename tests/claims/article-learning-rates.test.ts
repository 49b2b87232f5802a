/**
 * The article's learning-rate footnote quotes the rates of the width sweep
 * and the stability bound; they must be the ones the published data used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figureData } from './published-data';

interface SweepData { stabilityFraction: number; runs: { width: number; lr: number; lrCapped: boolean; ntkEigenvalues: number[] }[] }

const mdx = readFileSync(join(process.cwd(), 'content/ntk/index.mdx'), 'utf8');
const footnote = /^\[\^norm\]:[\s\S]*?(?=\n\n)/m.exec(mdx)?.[0].replace(/\s+/g, ' ') ?? '';

/** As the article writes it: `10^{-3}` or `4.36 \cdot 10^{-4}` (three significant digits). */
function tex(v: number): string {
  const e = Math.floor(Math.log10(v));
  const mantissa = Number((v / 10 ** e).toPrecision(3));
  return mantissa === 1 ? `10^{${e}}` : `${mantissa.toFixed(2)} \\cdot 10^{${e}}`;
}

describe('article: learning-rate footnote', () => {
  const d = figureData<SweepData>('weight-matrix-1000', 'weight-matrices');

  it('quotes each width with the rate its run used', () => {
    expect(footnote).not.toBe('');
    for (const r of d.runs) {
      const at = footnote.indexOf(`$m = ${r.width}$`);
      expect(at, `footnote mentions m = ${r.width}`).toBeGreaterThan(-1);
      // The rate is written just before the width(s) it applies to.
      const before = footnote.slice(0, at);
      const lastRate = [...before.matchAll(/\$([^$]*10\^\{-?\d+\})\$/g)].at(-1)?.[1];
      expect(lastRate, `rate for m = ${r.width}`).toBe(tex(r.lr));
    }
  });

  it('quotes the stability bound 2/λ_max of the capped run', () => {
    const capped = d.runs.filter((r) => r.lrCapped);
    expect(capped.length).toBeGreaterThan(0);
    for (const r of capped) {
      expect(footnote).toContain(`$${tex(2 / r.ntkEigenvalues[0])}$`);
      expect(footnote).toContain(`${Math.round(d.stabilityFraction * 100)} % of it`);
    }
  });
});
