/**
 * Unseeded randomness in a figure (issue 10, item 6): Math.random and
 * crypto.getRandomValues (global or from node:crypto) throw inside figure
 * workers, failing that figure with a message naming it; seeded rng works.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, script, type FixtureProject } from './fixtureProject';
import { run } from './runHelpers';

let p: FixtureProject | undefined;
afterEach(() => p?.remove());

describe('unseeded randomness in figure workers', () => {
  it.each([
    ['Math.random()', `const x = Math.random();`],
    ['crypto.getRandomValues()', `globalThis.crypto.getRandomValues(new Uint8Array(4));`],
    ['crypto.getRandomValues()', `(await import('node:crypto')).getRandomValues(new Uint8Array(4));`],
  ])('%s throws, naming the figure; the seeded figures still generate', async (what, call) => {
    p = createProject({
      'figures/demo/ok.figure.ts': script({ id: 'demo/ok', out: 'ok-img' }),
      'figures/demo/noisy.figure.ts': script({ id: 'demo/noisy', out: 'noisy-img', extra: call }),
    });
    const r = await run(p);
    expect(r.failed).toEqual(['demo/noisy']);
    expect(r.generated).toEqual(['demo/ok']);
    expect(r.error!.message).toBe(
      `figure demo/noisy (figures/demo/noisy.figure.ts) failed during "start" (10%): UnseededRandomError: ${what} is not allowed in figure demo/noisy: unseeded randomness would make its output differ between runs with the same cache key; use the rng passed to render`,
    );
  });

  it('at load time, the script is named', async () => {
    p = createProject({ 'figures/demo/top.figure.ts': `const x = Math.random();\n${script({ id: 'demo/top', out: 'top-img' })}` });
    const r = await run(p);
    expect(r.error!.message).toContain('Math.random() is not allowed in figure figures/demo/top.figure.ts');
  });
});
