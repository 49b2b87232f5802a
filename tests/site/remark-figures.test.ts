import { compile } from '@mdx-js/mdx';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkFigures from '../../src/markdown/remark-figures';

const known = ['ellipses', 'ellipse-functions', 'init-functions', 'model-alpha', 'loss-alpha-fixed'];

/** Compiles MDX with the plugin and returns the generated JS (props are visible in it). */
async function run(mdx: string, references: { id: string }[] = [], slots: Record<string, string> = {}): Promise<string> {
  const file = new VFile({ value: mdx, path: 'post/index.mdx', data: { astro: { frontmatter: { references } } } });
  const out = await compile(file, { remarkPlugins: [[remarkFigures, { knownIds: () => known, slotOf: (id: string) => slots[id] }]] });
  return String(out.value);
}

/** The props object literal of each call to a component, in output order. */
function propsOf(js: string, name: string): Record<string, string>[] {
  const re = new RegExp(`_jsx\\w*\\(${name}, \\{([^}]*)\\}`, 'g');
  return [...js.matchAll(re)].map((m) => {
    const props: Record<string, string> = {};
    for (const p of m[1].matchAll(/(\w+): "([^"]*)"/g)) props[p[1]] = p[2];
    return props;
  });
}

describe('remark-figures numbering', () => {
  it('numbers figures in document order, skips the hero, resolves forward FigRefs', async () => {
    const js = await run(`
<Figure id="ellipses" hero />

See <FigRef id="model-alpha" /> and <FigRef id="init-functions" />.

<Figure id="init-functions" />

<FigureRow>
  <Figure id="model-alpha" />
  <Figure id="loss-alpha-fixed" />
</FigureRow>

<Figure id="ellipses" />
`);
    const figs = propsOf(js, 'Figure');
    expect(figs.map((f) => [f.id, f.number, f.anchor])).toEqual([
      ['ellipses', undefined, 'fig-ellipses-hero'],
      ['init-functions', '1', 'fig-init-functions'],
      ['model-alpha', '2', 'fig-model-alpha'],
      ['loss-alpha-fixed', '3', 'fig-loss-alpha-fixed'],
      ['ellipses', '4', 'fig-ellipses'],
    ]);
    const refs = propsOf(js, 'FigRef');
    expect(refs.map((r) => [r.id, r.number, r.anchor])).toEqual([
      ['model-alpha', '2', 'fig-model-alpha'],
      ['init-functions', '1', 'fig-init-functions'],
    ]);
  });

  it('numbers diagrams (figures with children) alongside generated figures', async () => {
    const js = await run(`
<Figure id="simple-network" alt="A network" caption="A small network"><svg /></Figure>

<Figure id="model-alpha" />

Diagram: <FigRef id="simple-network" />.
`);
    expect(propsOf(js, 'Figure').map((f) => f.number)).toEqual(['1', '2']);
    expect(propsOf(js, 'FigRef')[0].number).toBe('1');
  });

  it('a hero-only figure keeps the plain anchor and FigRef gets no number', async () => {
    const js = await run(`<Figure id="ellipses" hero />\n\n<FigRef id="ellipses" />`);
    expect(propsOf(js, 'Figure')[0].anchor).toBe('fig-ellipses');
    expect(propsOf(js, 'FigRef')[0]).toEqual({ id: 'ellipses', anchor: 'fig-ellipses' });
  });

  it('resolves Cite to the 1-based index in the frontmatter references', async () => {
    const js = await run(`Kernels <Cite id="lee2019" /> and <Cite id="jacot2018" />.`, [{ id: 'jacot2018' }, { id: 'lee2019' }]);
    expect(propsOf(js, 'Cite').map((c) => [c.id, c.index])).toEqual([
      ['lee2019', '2'],
      ['jacot2018', '1'],
    ]);
  });
});

describe('remark-figures errors', () => {
  it('fails for an unknown figure id and lists the closest known ids', async () => {
    await expect(run(`<Figure id="elipses" />`)).rejects.toThrow(/Unknown figure id "elipses".*Closest known ids: ellipses, ellipse-functions/);
  });

  it('fails for a FigRef to a figure not in the document', async () => {
    await expect(run(`<Figure id="model-alpha" />\n\n<FigRef id="model-alfa" />`)).rejects.toThrow(/FigRef id="model-alfa".*model-alpha/);
  });

  it('fails for an unknown cite id', async () => {
    await expect(run(`<Cite id="jacot2019" />`, [{ id: 'jacot2018' }])).rejects.toThrow(/Cite id="jacot2019".*jacot2018/);
  });

  it('fails for a diagram without alt, and one without caption', async () => {
    await expect(run(`<Figure id="notation" caption="c"><svg /></Figure>`)).rejects.toThrow(/Diagram <Figure id="notation"> needs a non-empty alt/);
    await expect(run(`<Figure id="notation" alt="a"><svg /></Figure>`)).rejects.toThrow(/needs a non-empty caption/);
  });

  it('fails when the same figure is numbered twice', async () => {
    await expect(run(`<Figure id="model-alpha" />\n\n<Figure id="model-alpha" />`)).rejects.toThrow(/appears twice/);
  });

  it('reports the source position of the offending element', async () => {
    await expect(run(`# Title\n\n<Figure id="nope" />`)).rejects.toMatchObject({ line: 3 });
  });
});

describe('remark-figures row slots', () => {
  const row = `
<FigureRow>
  <Figure id="model-alpha" />
  <Figure id="loss-alpha-fixed" />
</FigureRow>
`;
  it('accepts figures drawn for half a row in a row of two', async () => {
    await expect(run(row, [], { 'model-alpha': 'half', 'loss-alpha-fixed': 'half' })).resolves.toContain('FigureRow');
  });
  it('fails, naming the figure and the slot to use, when a row figure was drawn for another width', async () => {
    await expect(run(row, [], { 'model-alpha': 'full', 'loss-alpha-fixed': 'half' })).rejects.toThrow(/"model-alpha".*slot 'half'.*'full'/);
  });
  it('fails for a row of one', async () => {
    await expect(run('<FigureRow>\n  <Figure id="model-alpha" />\n</FigureRow>\n')).rejects.toThrow(/holds 1 figures/);
  });
});
