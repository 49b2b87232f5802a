/**
 * The NTK article's source: frontmatter references cover every citation,
 * every <Figure id> is one of the agreed ids, diagrams carry alt + caption,
 * and every math span typesets with KaTeX. Parsed with Astro's own
 * frontmatter parser so the test reads the file exactly as the build does.
 */
import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import katex from 'katex';
import { describe, expect, test } from 'vitest';

const source = readFileSync(new URL('../../content/ntk/index.mdx', import.meta.url), 'utf8');
const { frontmatter, content } = parseFrontmatter(source);

const GENERATED = [
  'ellipses-hero', 'ellipses', 'ellipse-functions', 'init-functions', 'training-100-nets',
  'weight-matrix-10', 'weight-matrix-100', 'weight-matrix-1000', 'loss-curves', 'weight-change',
  'gradient-asymptotics', 'hessian-asymptotics', 'kappa-asymptotics', 'hessian-heatmap',
  'ntk-convergence', 'model-alpha', 'loss-alpha-fixed', 'loss-alpha-dynamic',
];
const DIAGRAMS = ['simple-network', 'notation', 'taylor-shapes', 'one-layer-network', 'hessian-structure', 'ntk-gram'];

/** Opening tags of a JSX element, attributes included (they may span lines). */
function tags(name: string): string[] {
  return [...content.matchAll(new RegExp(`<${name}\\b[^>]*?/?>`, 'g'))].map((m) => m[0]);
}
function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
}

describe('content/ntk/index.mdx', () => {
  test('frontmatter has the fields the posts collection requires', () => {
    expect(typeof frontmatter.title).toBe('string');
    expect(typeof frontmatter.description).toBe('string');
    expect(Number.isNaN(new Date(frontmatter.date).getTime())).toBe(false);
    expect(frontmatter.credit.url).toBe('https://rajatvd.github.io/NTK/');
  });

  test('every <Cite id> is listed in references, every reference is cited and linked', () => {
    const refs: { id: string; url: string }[] = frontmatter.references;
    const ids = refs.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cited = new Set(tags('Cite').map((t) => attr(t, 'id')));
    for (const id of cited) expect(ids).toContain(id);
    for (const id of ids) expect(cited.has(id), `reference ${id} is never cited`).toBe(true);
    for (const r of refs) expect(r.url).toMatch(/^https:\/\//);
    // The six papers of the original post, on arXiv.
    for (const arxiv of ['1806.07572', '1812.07956', '1904.11955', '1911.00809', '1805.09545', '1902.06015']) {
      expect(refs.some((r) => r.url === `https://arxiv.org/abs/${arxiv}`), arxiv).toBe(true);
    }
  });

  test('every <Figure id> is an agreed id and every agreed figure is shown', () => {
    const figures = tags('Figure');
    const ids = figures.map((t) => attr(t, 'id'));
    for (const id of ids) expect([...GENERATED, ...DIAGRAMS]).toContain(id);
    for (const id of [...GENERATED, ...DIAGRAMS]) expect(ids).toContain(id);
    // The hero is the ellipses (its own full-width output), first in the document.
    expect(ids[0]).toBe('ellipses-hero');
    expect(figures[0]).toMatch(/\bhero\b/);
    for (const ref of tags('FigRef')) expect(ids).toContain(attr(ref, 'id'));
  });

  test('diagrams have alt and caption; generated figures leave captions to their scripts', () => {
    for (const tag of tags('Figure')) {
      const id = attr(tag, 'id')!;
      if (DIAGRAMS.includes(id)) {
        expect(attr(tag, 'alt')?.length, id).toBeGreaterThan(20);
        expect(attr(tag, 'caption')?.length, id).toBeGreaterThan(20);
      } else {
        expect(attr(tag, 'caption'), id).toBeUndefined();
      }
    }
  });

  test('every math span typesets without error', () => {
    const display = [...content.matchAll(/\$\$([\s\S]+?)\$\$/g)].map((m) => m[1]);
    const rest = content.replace(/\$\$[\s\S]+?\$\$/g, '');
    const inline = [...rest.matchAll(/\$([^$\n]+?)\$/g)].map((m) => m[1]);
    expect(display.length).toBeGreaterThan(25);
    expect(inline.length).toBeGreaterThan(100);
    for (const tex of display) expect(() => katex.renderToString(tex, { displayMode: true, throwOnError: true }), tex).not.toThrow();
    for (const tex of inline) expect(() => katex.renderToString(tex, { throwOnError: true }), tex).not.toThrow();
  });

  test('the tangent kernel has one name: Θ (captions use it too), never H', () => {
    const math = [...content.matchAll(/\$\$?([^$]+?)\$\$?/g)].map((m) => m[1]).join('\n');
    expect(math).toContain(String.raw`\boldsymbol\Theta`);
    expect(math).not.toMatch(/\\boldsymbol H\b|\\mathbf H\b/);
    // Prose outside math (alt texts) spells it Θ too.
    expect(content).not.toMatch(/\bH\(w/);
  });

  test('the key equations of the argument are present', () => {
    const compact = content.replace(/\s+/g, ' ');
    for (const piece of [
      String.raw`\dot{\boldsymbol u} = -\boldsymbol\Theta(\boldsymbol w_0) \, \boldsymbol u`,
      String.raw`\boldsymbol u(t) = e^{-\boldsymbol\Theta(\boldsymbol w_0) t} \, \boldsymbol u(0)`,
      String.raw`\boldsymbol\Theta(\boldsymbol w) = \nabla_{\boldsymbol w} \boldsymbol y(\boldsymbol w)^T \nabla_{\boldsymbol w} \boldsymbol y(\boldsymbol w)`,
      // The distance estimate divides by the smallest singular value (the largest would give a lower bound).
      String.raw`\lesssim \frac{\Vert \boldsymbol y(\boldsymbol w_0) - \boldsymbol{\bar y} \Vert}{\sigma_{\min}}`,
      String.raw`\boldsymbol\phi(x) = \nabla_{\boldsymbol w} f(x, \boldsymbol w_0)`,
      String.raw`f(x, \boldsymbol w) = \sum_{i=1}^{m} b_i \, \sigma(a_i x)`,
    ]) expect(compact).toContain(piece);
  });
});
