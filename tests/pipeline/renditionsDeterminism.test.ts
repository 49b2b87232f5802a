/**
 * Two cold builds give the same bytes for every rendition: the same script
 * run in two separate projects (separate caches, separate worker pools)
 * publishes the same file names with the same contents, WebP, GIF and PNG.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

const SCRIPT = `import { z } from 'zod';
export default {
  id: 'p/plots',
  title: 'A still and an animation drawn per rendition',
  seed: 3,
  params: z.object({ frames: z.number().int().default(4) }),
  async render({ params, rng, out }: any) {
    const ys = Array.from({ length: 20 }, () => rng.uniform());
    const xs = ys.map((_: number, i: number) => i);
    const plot = (r: any, k: number) => {
      const fig = r.figure({ aspect: r.narrow ? 0.9 : 0.6 });
      const ax = fig.axes({ x: { domain: [0, 19], label: '$i$' }, y: { domain: [0, 10 ** (k % 3)] } });
      ax.line(xs, ys.map((y: number) => y * 10 ** (k % 3)), { color: r.theme.palette[0], label: 'draws' });
      return fig;
    };
    await out.still('rand-still', { slot: 'half', draw: (r: any) => plot(r, 0) }, { alt: 'random draws', caption: 'Random draws.' });
    await out.animated('rand-anim', { frames: params.frames, draw: plot, delay: 100 }, { alt: 'random draws, rescaled', caption: 'Rescaled.' });
  },
};
`;

const published = (p: FixtureProject): Map<string, string> => {
  const dir = path.join(p.root, 'public', 'figures');
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]));
};

describe('renditions are deterministic across cold builds', () => {
  const projects: FixtureProject[] = [];
  afterAll(() => projects.forEach((p) => p.remove()));

  it('publishes identical files from two separate projects', async () => {
    for (let i = 0; i < 2; i++) {
      const p = createProject({ 'figures/p/plots.figure.ts': SCRIPT });
      projects.push(p);
      const rec = await run(p);
      expect(rec.failed, rec.errors.join('\n')).toEqual([]);
      expect(rec.generated).toEqual(['p/plots']);
    }
    const [a, b] = projects.map(published);
    const images = [...a.keys()].filter((f) => /\.(webp|gif|png)$/.test(f));
    // 6 still renditions + canonical PNG; 4 animation renditions × (WebP, poster) + the GIF (desktop, light) + poster PNG.
    expect(images.length).toBe(6 + 1 + 4 * 2 + 1 + 1);
    expect([...b.keys()].filter((f) => images.includes(f)).join('\n')).toBe(images.join('\n'));
    for (const name of images) expect(b.get(name), name).toBe(a.get(name));
  }, 240_000);
});
