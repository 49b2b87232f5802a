import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import katex from 'katex';
import { PHONE_MEDIA } from '../../src/components/figureSources';
import { PHONE_MAX_VIEWPORT_REM } from '../../src/pipeline/renditions/plan';
import { closeRenderer, renderDiagram } from './renderDiagram';
import { drawings } from './drawings';

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
  test('SimpleNetwork draws every edge between consecutive layers, wide and narrow', async () => {
    const html = await renderDiagram(`${dir}/SimpleNetwork.astro`, { drawn: 4 });
    commonChecks(html, 'simple-network');
    const both = drawings(html);
    expect(both.map((d) => d.layout)).toEqual(['wide', 'narrow']);
    for (const d of both) {
      // 1×4 + 4×4 + 4×1 edges with 4 drawn nodes per hidden layer.
      expect(d.html.match(/<line /g), d.layout).toHaveLength(24);
      expect(d.html.match(/<circle /g), d.layout).toHaveLength(1 + 4 + 4 + 1 + 2 * 3);
      expect(labels(d.html)).toEqual(expect.arrayContaining([annotation(String.raw`f(x, \boldsymbol w)`), annotation(String.raw`\text{width } m`)]));
    }
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

/**
 * Text as displayed: a label of size s (viewBox units) shows at s × shown
 * width ÷ viewBox width CSS px, and must be ≥ 11 px. A drawing is shown at
 * min(its viewBox width, the column), the column being the viewport less the
 * page's 1rem padding on each side (global.css). The browser test
 * (tests/e2e/diagram-layout.test.ts) measures the same on the built pages,
 * including diagrams inside proof boxes, which get a little less.
 */
describe('diagram text shows at ≥ 11 CSS px', () => {
  const PAGE_PADDING = 2 * 16;
  const PHONE = 390;
  const FIRST_WIDE_VIEWPORT = PHONE_MAX_VIEWPORT_REM * 16 + 1;
  const shown = (vw: number, viewport: number) => Math.min(vw, viewport - PAGE_PADDING);
  const components = ['SimpleNetwork', 'Notation', 'TaylorShapes', 'NtkGram', 'OneLayerNetwork', 'HessianStructure'];

  test.each(components)('%s: on a 390 px phone, and in its wide drawing from the first viewport that shows it', async (name) => {
    const all = drawings(await renderDiagram(`${dir}/${name}.astro`));
    for (const d of all) expect(d.sizes.length, `${name}: labels carry data-size`).toBeGreaterThan(0);
    const phone = all.find((d) => d.layout !== 'wide')!;
    const smallest = (d: (typeof all)[number], viewport: number) => (Math.min(...d.sizes) * shown(d.width, viewport)) / d.width;
    expect(smallest(phone, PHONE), `${name} ${phone.layout ?? 'only'} drawing at ${PHONE} px`).toBeGreaterThanOrEqual(11);
    for (const d of all.filter((x) => x.layout === 'wide')) {
      expect(smallest(d, FIRST_WIDE_VIEWPORT), `${name} wide drawing at ${FIRST_WIDE_VIEWPORT} px`).toBeGreaterThanOrEqual(11);
    }
  });

  test("the narrow drawings take over at the figures' phone breakpoint", () => {
    const css = readFileSync(new URL('../../src/components/diagrams/Diagram.astro', import.meta.url), 'utf8');
    expect(css).toContain(`@media ${PHONE_MEDIA}`);
  });
});
