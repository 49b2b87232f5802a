/**
 * Browser-test setup: build the site twice with the real figure pipeline
 * (root base, and a GitHub Pages project-site base; the figure cache is
 * shared, so the second build is warm), serve each output under its base on
 * 127.0.0.1, and start one Debian Chromium that the test files connect to.
 *
 * E2E_SKIP_BUILD=1 reuses existing dist-e2e-* directories (for iterating on
 * tests); E2E_PROJECT_DIR builds another checkout (e.g. a fixture copy).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { DEFAULT_SITE_URL, SITE_BUILDS, type ServedSite } from './sites';
import { serveStatic, type StaticSite } from './staticServer';
import { serveTurns, type TurnServer } from './browserTurns';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Variables vitest sets in its own process (BASE_URL='/', MODE, NODE_ENV='test', …).
 * Astro inlines process.env into import.meta.env at build time, so a child build
 * that inherited them would get BASE_URL='/' whatever its base: strip them.
 */
const VITEST_ENV = /^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*)$/;

/**
 * Asynchronous on purpose: this runs in vitest's main process, which must keep
 * answering the unit-test workers while the site builds (minutes, cold). A
 * synchronous spawn blocked it, and a worker whose report went unanswered for
 * 60 s failed the run with "Timeout calling onTaskUpdate" although every test passed.
 */
async function build(projectDir: string, env: Record<string, string>): Promise<void> {
  const astro = join(projectDir, 'node_modules', 'astro', 'astro.js');
  const started = Date.now();
  const child = spawn(process.execPath, [astro, 'build'], {
    cwd: projectDir,
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !VITEST_ENV.test(k))), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const status = await new Promise<number | null>((res, rej) => {
    child.once('error', rej);
    child.once('exit', (code) => res(code));
  });
  if (status !== 0) {
    throw new Error(`astro build failed (exit ${status}) with ${JSON.stringify(env)}; see the output above.`);
  }
  console.log(`e2e: built ${env.OUT_DIR} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Debian's Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
  }
  const projectDir = resolve(process.env.E2E_PROJECT_DIR ?? process.cwd());
  const servers: StaticSite[] = [];
  let browser: BrowserServer | undefined;
  let turns: TurnServer | undefined;
  const teardown = async (): Promise<void> => {
    await browser?.close();
    await turns?.close();
    await Promise.all(servers.map((s) => s.close()));
  };
  try {
    const sites: ServedSite[] = [];
    for (const b of SITE_BUILDS) {
      const dir = join(projectDir, b.outDir);
      if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync(dir)) {
        await build(projectDir, { BASE_PATH: b.base, OUT_DIR: b.outDir, ...(b.siteUrl ? { SITE_URL: b.siteUrl } : {}) });
      }
      const served = await serveStatic(dir, b.base);
      servers.push(served);
      sites.push({ ...b, url: served.url, publicUrl: new URL(b.base, b.siteUrl || DEFAULT_SITE_URL).href });
    }
    // launchServer starts from a fresh temporary profile (user-data-dir) every run.
    browser = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    project.provide('sites', sites);
    project.provide('wsEndpoint', browser.wsEndpoint());
    turns = await serveTurns();
    project.provide('browserTurn', turns.url);
  } catch (e) {
    await teardown();
    throw e;
  }
  return teardown;
}
