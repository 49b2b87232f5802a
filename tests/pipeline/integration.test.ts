/**
 * The Astro integration, through real `astro build` and `astro dev` processes
 * on a throwaway project whose astro.config imports src/integration.ts: the
 * build runs the pipeline (workers included, under Vite's loader) before
 * pages render; a bad figure fails the build with its message; in dev,
 * saving a script regenerates only that figure and the browser is told to
 * reload over Vite's websocket.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/pipeline/manifest';
import { createProject, REPO, script, type FixtureProject } from './fixtureProject';

const ASTRO = path.join(REPO, 'node_modules/astro/astro.js');
let p: FixtureProject | undefined;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGTERM');
  p?.remove();
});

function astroProject(): FixtureProject {
  const integration = path.relative(path.join(REPO, 'tmp/pipeline-tests/x'), path.join(REPO, 'src/integration.ts'));
  return createProject({
    'figures/demo/a.figure.ts': script({ id: 'demo/a', out: 'a-img' }),
    'figures/demo/b.figure.ts': script({ id: 'demo/b', out: 'b-anim', kind: 'gif' }),
    'astro.config.mjs': `import { defineConfig } from 'astro/config';
import figures from '${integration.split(path.sep).join('/')}';
export default defineConfig({ integrations: [figures({ debounceMs: 100 })] });
`,
    'src/pages/index.astro': `---
import { readdirSync, readFileSync } from 'node:fs';
const m = JSON.parse(readFileSync('.figures/manifest.json', 'utf8'));
---
<html><body>{Object.values(m.figures).map((f: any) => <img src={f.src} width={f.width} alt={f.alt} />)}</body></html>
`,
  });
}

function start(args: string[], root: string, node: string[] = []): { child: ChildProcess; out: () => string; exit: Promise<number | null> } {
  // Not vitest's environment: Vite changes behaviour (HMR) when it sees VITEST / NODE_ENV=test.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV'));
  const child = spawn(process.execPath, [...node, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' } });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, out: () => out, exit: new Promise((r) => child.on('exit', (c) => r(c))) };
}

async function waitFor(cond: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const manifest = (root: string): Manifest => JSON.parse(readFileSync(path.join(root, '.figures/manifest.json'), 'utf8'));

describe('astro integration', () => {
  it('astro build runs the pipeline before rendering and publishes the figures into dist/', async () => {
    p = astroProject();
    const b = start([ASTRO, 'build'], p.root);
    expect(await b.exit, b.out()).toBe(0);
    expect(b.out()).toMatch(/demo\/a\s+generated/);
    expect(b.out()).toMatch(/2 figures: 2 generated, 0 cached, 0 failed/);
    const m = manifest(p.root);
    const html = p.read('dist/index.html');
    expect(html).toContain(`src="${m.figures['a-img'].src}"`);
    expect(p.exists(`dist/${m.figures['b-anim'].src}`)).toBe(true);

    const again = start([ASTRO, 'build'], p.root);
    expect(await again.exit).toBe(0);
    expect(again.out()).toMatch(/2 figures: 0 generated, 2 cached, 0 failed in .* nothing regenerated/);
  }, 120_000);

  it('two astro builds at once: the second waits for the first (naming its pid), both succeed, dist has no stray files', async () => {
    p = astroProject();
    // A figure slow enough that the second build starts while the first holds the run lock.
    p.write('figures/demo/a.figure.ts', script({ id: 'demo/a', out: 'a-img', extra: 'await new Promise((r) => setTimeout(r, 4000));' }));
    const first = start([ASTRO, 'build'], p.root);
    await waitFor(() => p!.exists('.figures/lock') || first.child.exitCode !== null);
    const second = start([ASTRO, 'build'], p.root);
    expect(await first.exit, first.out()).toBe(0);
    expect(await second.exit, second.out()).toBe(0);
    expect(second.out()).toContain(`waiting for another figure run to finish (astro build, pid ${first.child.pid}`);
    expect(second.out()).toMatch(/2 figures: 0 generated, 2 cached, 0 failed in .* nothing regenerated/);
    expect(p.exists('.figures/lock')).toBe(false);
    const files = readdirSync(path.join(p.root, 'dist'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    for (const f of files) expect(readFileSync(path.join(f.parentPath, f.name)).includes(p.root), f.name).toBe(false);
  }, 180_000);

  it('a figure with an invalid parameter fails astro build with its message', async () => {
    p = astroProject();
    p.write(
      'figures/demo/bad.figure.ts',
      script({ id: 'demo/bad', out: 'bad', paramsSchema: `z.object({ lr: z.number().max(1).default(3) })` }),
    );
    const b = start([ASTRO, 'build'], p.root);
    expect(await b.exit).not.toBe(0);
    expect(b.out()).toContain('figure demo/bad: parameter "lr" = 3 is invalid: must be <= 1');
    expect(p.exists('dist/index.html')).toBe(false);
    // The good figures were generated and stay cached.
    expect(Object.keys(manifest(p.root).figures).sort()).toEqual(['a-img', 'b-anim']);
  }, 120_000);

  it('astro dev: saving a script regenerates only it and sends a full reload', async () => {
    p = astroProject();
    const port = 4400 + Math.floor(Math.random() * 500);
    const dev = start([ASTRO, 'dev', '--port', String(port)], p.root);
    await waitFor(() => /ready in/.test(dev.out()) || dev.child.exitCode !== null);
    expect(dev.out()).toMatch(/2 figures: 2 generated/);
    const keyB = manifest(p.root).figures['b-anim'].key;

    // Node 20 has WebSocket behind a flag: a tiny client prints Vite's HMR messages.
    const ws = start(
      ['-e', `const ws = new WebSocket('ws://localhost:${port}/', 'vite-hmr'); ws.onmessage = (e) => console.log('WS ' + e.data); ws.onopen = () => console.log('OPEN'); ws.onclose = (e) => console.log('CLOSE ' + e.code); ws.onerror = (e) => console.log('ERR ' + e.message); setInterval(() => {}, 1000);`],
      p.root,
      ['--experimental-websocket', '--no-warnings'],
    );
    await waitFor(() => ws.out().includes('OPEN'));

    p.write('figures/demo/a.figure.ts', script({ id: 'demo/a', out: 'a-img', size: 11 }));
    await waitFor(() => manifest(p!.root).figures['a-img'].width === 11);
    await waitFor(() => ws.out().includes('"type":"full-reload"'), 10_000);
    expect(dev.out()).toMatch(/demo\/b\s+cached/);
    expect(manifest(p.root).figures['b-anim'].key).toBe(keyB);
    const res = await fetch(`http://localhost:${port}/${manifest(p.root).figures['a-img'].src}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
  }, 120_000);
});
