/**
 * Tiny throwaway projects for pipeline tests: a figures/ tree with fixture
 * scripts that draw small PNGs/GIFs with sharp, a shared module, and a
 * lockfile. They live under <repo>/tmp/ (git-ignored) so `zod` and `sharp`
 * resolve from the repository's node_modules.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface FixtureProject {
  root: string;
  write(rel: string, text: string): void;
  read(rel: string): string;
  exists(rel: string): boolean;
  remove(): void;
}

export function createProject(files: Record<string, string>): FixtureProject {
  const root = path.join(REPO, 'tmp', 'pipeline-tests', randomBytes(6).toString('hex'));
  const p: FixtureProject = {
    root,
    write(rel, text) {
      const f = path.join(root, rel);
      mkdirSync(path.dirname(f), { recursive: true });
      writeFileSync(f, text);
    },
    read: (rel) => readFileSync(path.join(root, rel), 'utf8'),
    exists: (rel) => existsSync(path.join(root, rel)),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  p.write('package-lock.json', lockfile('1.0.0'));
  for (const [rel, text] of Object.entries(files)) p.write(rel, text);
  return p;
}

export function lockfile(zodVersion: string): string {
  return JSON.stringify(
    {
      name: 'fixture',
      lockfileVersion: 3,
      packages: { '': { dependencies: { zod: '^4' } }, 'node_modules/zod': { version: zodVersion } },
    },
    null,
    2,
  );
}

/** A shared module (imported by some scripts). */
export const SHARED = `export const shade = (): number => 100;\n`;

/**
 * A fixture figure script. `kind: 'gif'` writes an animation (GIF + poster);
 * `importShared` imports figures/lib/shared.ts; `extra` is spliced into render.
 */
export function script(opts: {
  id: string;
  out: string;
  size?: number;
  kind?: 'png' | 'gif';
  importShared?: boolean;
  extra?: string;
  paramsSchema?: string;
  alt?: string;
  pixelRatio?: number;
}): string {
  const size = opts.size ?? 8;
  const depth = opts.id.split('/').length; // figures/<post>/x.figure.ts → ../lib
  const up = '../'.repeat(depth - 1);
  return `import { z } from 'zod';
import sharp from 'sharp';
${opts.importShared ? `import { shade } from '${up}lib/shared';` : 'const shade = (): number => 50;'}

export default {
  id: ${JSON.stringify(opts.id)},
  title: 'Fixture ${opts.id}',
  seed: 7,
  params: ${opts.paramsSchema ?? `z.object({ size: z.number().int().positive().default(${size}) })`},
  async render({ params, rng, progress, out }: any) {
    progress(0.1, 'start');
    ${opts.extra ?? ''}
    const img = sharp({ create: { width: params.size ?? 8, height: 6, channels: 3,
      background: { r: shade(), g: Math.floor(rng.uniform() * 255), b: 0 } } });
    const meta = { alt: ${JSON.stringify(opts.alt ?? 'a fixture image')}, caption: 'Fixture caption', pixelRatio: ${opts.pixelRatio ?? 1} };
    ${
      opts.kind === 'gif'
        ? `const gif = await img.clone().gif().toBuffer(); const poster = await img.clone().png().toBuffer();
    out.animation(${JSON.stringify(opts.out)}, new Uint8Array(gif), new Uint8Array(poster), meta);`
        : `out.image(${JSON.stringify(opts.out)}, new Uint8Array(await img.png().toBuffer()), meta);`
    }
    out.data(${JSON.stringify(opts.out + '-data')}, { size: params.size });
    progress(1);
  },
};
`;
}
