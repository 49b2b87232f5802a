import { afterAll, describe, expect, test } from 'vitest';
import katex from 'katex';
import { closeRenderer, renderDiagram } from './renderDiagram';

afterAll(closeRenderer);

const dir = '/src/components/diagrams';

/** TeX as KaTeX writes it into the MathML annotation (how labels are found in the HTML). */
function annotation(source: string): string {
  const html = katex.renderToString(source, { output: 'mathml', trust: true, strict: false });
  const match = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(html);
  if (!match) throw new Error(`no annotation for ${source}`);
  return match[1];
}

/** Every TeX source of the labels in the rendered HTML. */
function labels(html: string): string[] {
  return [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) => m[1]);
}

function commonChecks(html: string, name: string): void {
  expect(html).toContain(`data-diagram="${name}"`);
  expect(html).toMatch(/<svg[^>]*viewBox="0 0 \d+ \d+"/);
  expect(html).not.toContain('katex-error');
  expect(html).toContain('class="katex"');
  // No NaN or undefined coordinates from the layout arithmetic.
  expect(html).not.toMatch(/NaN|undefined|Infinity/);
}

describe('diagrams render with typeset labels', () => {
  test('SimpleNetwork draws every edge between consecutive layers', async () => {
    const html = await renderDiagram(`${dir}/SimpleNetwork.astro`, { drawn: 4 });
    commonChecks(html, 'simple-network');
    // 1×4 + 4×4 + 4×1 edges with 4 drawn nodes per hidden layer.
    expect(html.match(/<line /g)).toHaveLength(24);
    expect(html.match(/<circle /g)).toHaveLength(1 + 4 + 4 + 1 + 2 * 3);
    expect(labels(html)).toEqual(expect.arrayContaining([annotation(String.raw`f(x, \boldsymbol w)`), annotation(String.raw`\text{width } m`)]));
  });

  test('Notation shows targets and outputs as vectors', async () => {
    const html = await renderDiagram(`${dir}/Notation.astro`);
    commonChecks(html, 'notation');
    const found = labels(html).join('\n');
    for (const s of [String.raw`\bar x_1`, String.raw`\bar x_2`, String.raw`\bar y_1`, 'y_2', String.raw`\boldsymbol{\bar y}`]) expect(found).toContain(s);
    expect(found).toContain('bmatrix');
  });

  test('TaylorShapes labels the factors and their sizes', async () => {
    const html = await renderDiagram(`${dir}/TaylorShapes.astro`);
    commonChecks(html, 'taylor-shapes');
    const found = labels(html);
    expect(found).toEqual(expect.arrayContaining(['n', 'p', '1', String.raw`\boldsymbol w_0`]));
    expect(found.join('\n')).toContain(String.raw`\mathbb R^{n \times p}`);
  });

  test('OneLayerNetwork shows the LeCun initialisation N(0, 1/m)', async () => {
    const html = await renderDiagram(`${dir}/OneLayerNetwork.astro`, { drawn: 3 });
    commonChecks(html, 'one-layer-network');
    const found = labels(html).join('\n');
    expect(found).toContain(String.raw`a_i \sim \mathcal N(0, 1)`);
    expect(found).toContain(String.raw`\tfrac{1}{m}`);
    for (const s of ['a_{1}', 'a_{m}', 'b_{2}', 'b_{m}']) expect(found).toContain(s);
  });

  test('HessianStructure: three diagonal blocks and a zero block per form', async () => {
    const both = await renderDiagram(`${dir}/HessianStructure.astro`);
    commonChecks(both, 'hessian-structure');
    const found = labels(both);
    expect(found.filter((s) => s === String.raw`\mathbf 0`)).toHaveLength(2);
    expect(found.filter((s) => s.includes(String.raw`\tfrac1m`))).toHaveLength(2);
    expect(found.join('\n')).toContain(String.raw`P\,\nabla^2 y`);
    expect(found.join('\n')).toContain(String.raw`m \times m`);
    const one = await renderDiagram(`${dir}/HessianStructure.astro`, { permuted: false });
    expect(labels(one).filter((s) => s === String.raw`\mathbf 0`)).toHaveLength(1);
    expect(labels(one).join('\n')).not.toContain(String.raw`P\,\nabla^2 y`);
  });

  test('NtkGram spells Θ as inner products of feature maps', async () => {
    const html = await renderDiagram(`${dir}/NtkGram.astro`);
    commonChecks(html, 'ntk-gram');
    const found = labels(html).join('\n');
    expect(found).toContain(String.raw`\boldsymbol\Theta(\boldsymbol w_0)`);
    expect(found).toContain(String.raw`\langle`);
    expect(found).toContain('bmatrix');
  });
});
