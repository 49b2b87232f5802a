/**
 * "How this figure was made": the first figure of a script shows the script,
 * every module of its cache key, and the parameters once, as one <pre>; a
 * later output of the same script links to it instead of repeating them.
 * The disclosure itself carries none of that, only the link to the page
 * that does (fetched when opened).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../../src/pipeline/manifest';
import { closeRenderer, renderDiagram } from '../diagrams/renderDiagram';

const component = 'src/components/FigureMade.astro';
const body = 'src/components/FigureMadeBody.astro';

const entry = {
  id: 'weight-matrix-10',
  script: {
    id: 'ntk/weight-matrices',
    title: 'Weight matrices',
    path: 'figures/ntk/weight-matrices.figure.ts',
    source: 'figures/ntk-weight-matrices.0a1b2c3d.ts.txt',
    sources: [
      { path: 'figures/ntk/stable-learning-rate.ts', src: 'figures/source.figures-ntk-stable-learning-rate.ts.11111111.txt' },
      { path: 'src/numerics/mlp.ts', src: 'figures/source.src-numerics-mlp.ts.22222222.txt' },
      { path: 'src/numerics/rng.ts', src: 'figures/source.src-numerics-rng.ts.33333333.txt' },
    ],
  },
  params: Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`p${i}`, i === 0 ? [10, 100, 1000] : i])),
  seed: 3,
  key: 'f'.repeat(64),
  data: [{ name: 'weight-matrices', src: 'figures/ntk-weight-matrices.weight-matrices.44444444.json' }],
  provenance: 'figures/ntk-weight-matrices.provenance.55555555.json',
  notes: 'Width $m = 10$.',
} as unknown as ManifestEntry;

afterAll(() => closeRenderer());

/** Rendered HTML without the dev-mode source attributes Astro adds to every element. */
async function render(props: Record<string, unknown>, path = body): Promise<string> {
  return (await renderDiagram(path, props)).replace(/ data-astro-source-[a-z]+="[^"]*"/g, '');
}

describe('FigureMade', () => {
  it('first of its script: links the script and every module, parameters as one <pre> of JSON', async () => {
    const html = await render({ entry, id: entry.id });
    for (const f of [entry.script.source, ...entry.script.sources!.map((s) => s.src)]) expect(html).toContain(`href="/${f}"`);
    expect(html).toContain('3 local modules');
    // Folder, a space, then its files (the space is easily lost to whitespace compaction).
    expect(html).toMatch(/<code>figures\/ntk\/<\/code> <a [^>]*>stable-learning-rate\.ts<\/a>; <code>src\/numerics\/<\/code> <a [^>]*>mlp\.ts<\/a>, <a [^>]*>rng\.ts<\/a>\./);
    expect(html.match(/<pre/g)).toHaveLength(1);
    expect(html).not.toContain('<table');
    // One parameter per line, arrays on one line, and the whole block is valid JSON.
    const json = /<pre[^>]*><code>([\s\S]*?)<\/code><\/pre>/.exec(html)![1].replace(/&quot;/g, '"');
    expect(json.split('\n')).toHaveLength(19 + 2);
    expect(JSON.parse(json)).toEqual(entry.params);
    expect(html).toContain('class="figure-notes"');
  });

  it('a later output of the same script links to the first instead of repeating it', async () => {
    const html = await render({ entry, id: 'weight-matrix-100', madeRefHref: '/post/#fig-weight-matrix-10-made', madeRefNumber: '4' });
    expect(html).toContain('href="/post/#fig-weight-matrix-10-made"');
    expect(html).toContain('Figure 4');
    expect(html).not.toContain('<pre');
    expect(html).not.toContain('source.src-numerics');
    // Notes belong to the output, so they stay.
    expect(html).toContain('class="figure-notes"');
  });

  it('the disclosure holds only a link to its page: the first of a script is a link target, a later one is not', async () => {
    const first = await render({ anchor: 'fig-weight-matrix-10' }, component);
    expect(first).toContain('<details class="figure-made" id="fig-weight-matrix-10-made">');
    expect(first).toMatch(/<p class="figure-made-link"><a href="[^"]*\/made\/fig-weight-matrix-10\/">/);
    for (const heavy of ['<template', '<pre', 'figure-made-body', 'figure-notes', 'katex']) expect(first).not.toContain(heavy);
    const later = await render({ anchor: 'fig-weight-matrix-100', madeRef: 'fig-weight-matrix-10' }, component);
    expect(later).toContain('<details class="figure-made">');
    expect(later).toMatch(/href="[^"]*\/made\/fig-weight-matrix-100\/"/);
  });
});
