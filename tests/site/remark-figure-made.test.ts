/** One full "How this figure was made" per script and page; later outputs point at the first. */
import { compile } from '@mdx-js/mdx';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkFigureMade from '../../src/markdown/remark-figure-made';
import remarkFigures from '../../src/markdown/remark-figures';
import { figuresMadeOf, isMadePage } from '../../src/markdown/figuresMade';

const scripts: Record<string, string> = {
  ellipses: 'ntk/ellipses',
  'ellipse-functions': 'ntk/ellipses',
  'weight-matrix-10': 'ntk/weight-matrices',
  'weight-matrix-100': 'ntk/weight-matrices',
  'loss-curves': 'ntk/weight-matrices',
};

async function compiled(mdx: string): Promise<{ props: Record<string, string>[]; frontmatter: Record<string, unknown> }> {
  const file = new VFile({ value: mdx, path: 'post/index.mdx', data: { astro: { frontmatter: { references: [] } } } });
  const out = await compile(file, {
    remarkPlugins: [
      [remarkFigures, { knownIds: () => Object.keys(scripts), slotOf: () => undefined }],
      [remarkFigureMade, { scriptOf: (id: string) => scripts[id] }],
    ],
  });
  const props = [...String(out.value).matchAll(/_jsx\w*\(Figure, \{([^}]*)\}/g)].map((m) =>
    Object.fromEntries([...m[1].matchAll(/(\w+): "([^"]*)"/g)].map((p) => [p[1], p[2]])),
  );
  return { props, frontmatter: (file.data as { astro: { frontmatter: Record<string, unknown> } }).astro.frontmatter };
}

async function figureProps(mdx: string): Promise<Record<string, string>[]> {
  return (await compiled(mdx)).props;
}

describe('remark-figure-made', () => {
  it('marks later outputs of a script with the anchor and number of its first figure', async () => {
    const props = await figureProps(`
<Figure id="ellipses" hero />

<Figure id="weight-matrix-10" />
<Figure id="weight-matrix-100" />

<Figure id="notation" alt="a diagram" caption="a caption">x</Figure>

<Figure id="ellipses" />
<Figure id="loss-curves" />
`);
    const byId = (id: string, nth = 0) => props.filter((p) => p.id === id)[nth];
    expect(byId('ellipses').madeRef).toBeUndefined(); // the hero comes first
    expect(byId('weight-matrix-10').madeRef).toBeUndefined();
    expect(byId('weight-matrix-100')).toMatchObject({ madeRef: 'fig-weight-matrix-10', madeRefNumber: '1' });
    expect(byId('loss-curves')).toMatchObject({ madeRef: 'fig-weight-matrix-10', madeRefNumber: '1' });
    // The numbered copy of the hero's script points at the hero, which has no number.
    expect(byId('ellipses', 1).madeRef).toBe('fig-ellipses-hero');
    expect(byId('ellipses', 1).madeRefNumber).toBeUndefined();
    expect(byId('notation').madeRef).toBeUndefined();
  });

  it('lists every disclosure of the page in the frontmatter, in document order, for their own pages', async () => {
    const { frontmatter } = await compiled(`
<Figure id="ellipses" hero />

<Figure id="weight-matrix-10" />

<Figure id="notation" alt="a diagram" caption="a caption">x</Figure>

<Figure id="weight-matrix-100" />
`);
    expect(figuresMadeOf(frontmatter)).toEqual([
      { id: 'ellipses', anchor: 'fig-ellipses' },
      { id: 'weight-matrix-10', anchor: 'fig-weight-matrix-10', number: '1' },
      { id: 'weight-matrix-100', anchor: 'fig-weight-matrix-100', number: '3', madeRef: 'fig-weight-matrix-10', madeRefNumber: '1' },
    ]);
    // The sitemap leaves those pages out.
    expect(isMadePage('https://example.org/blog/post/made/fig-weight-matrix-10/')).toBe(true);
    expect(isMadePage('https://example.org/blog/post/')).toBe(false);
  });
});
