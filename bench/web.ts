/**
 * Web benchmark (`npm run bench -- web`): what a reader's device gets from the
 * built site (base `/`), served with text gzipped as GitHub Pages does.
 *
 * - Lighthouse 12, mobile preset (simulated throttling), 3 runs per article,
 *   median by performance score: the four category scores, LCP, TBT, CLS and
 *   the DOM size.
 * - Bytes on the wire for each article with every <details> open, scrolled to
 *   the end: a phone (390 px, DPR 3) and a desktop (1280 px, DPR 1).
 * - Horizontal overflow and the smallest figure text as displayed at 320,
 *   360 (a common Android width), 390 and 1280 px.
 *
 * Numbers are printed, never asserted: run it on an idle machine.
 * Uses Debian's Chromium (CHROME_PATH, default /usr/bin/chromium).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium, type Browser } from 'playwright-core';
import { serveStatic } from '../tests/e2e/staticServer';
import { loadAllFigures, overflow, shownFigures } from '../tests/e2e/figurePage';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = 'dist-bench-web';
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RUNS = 3;

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/astro/astro.js'), 'build'], {
      cwd: ROOT,
      env: { ...process.env, OUT_DIR: `./${OUT_DIR}`, BASE_PATH: '/', ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro build exited with ${code}`))));
  });
}

async function articles(url: string): Promise<string[]> {
  const html = await (await fetch(url)).text();
  return [...new Set([...html.matchAll(/href="(\/[a-z0-9-]+\/)"/g)].map((m) => new URL(m[1], url).href))];
}

interface LighthouseRun { performance: number; accessibility: number; bestPractices: number; seo: number; lcp: number; tbt: number; cls: number; dom: number }

async function lighthouseRun(url: string): Promise<LighthouseRun> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
    const lhr = result!.lhr;
    const score = (k: string) => Math.round((lhr.categories[k]?.score ?? 0) * 100);
    const num = (k: string) => lhr.audits[k]?.numericValue ?? NaN;
    return {
      performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), seo: score('seo'),
      lcp: num('largest-contentful-paint') / 1000, tbt: num('total-blocking-time'), cls: num('cumulative-layout-shift'), dom: num('dom-size'),
    };
  } finally {
    await chrome.kill();
  }
}

async function wireBytes(browser: Browser, url: string, width: number, dpr: number): Promise<{ total: number; images: number; requests: number }> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const sizes: Promise<{ bytes: number; image: boolean }>[] = [];
  page.on('requestfinished', (req) => {
    sizes.push(req.sizes().then((s) => ({ bytes: s.responseBodySize + s.responseHeadersSize, image: req.resourceType() === 'image' })));
  });
  await page.goto(url, { waitUntil: 'load' });
  await loadAllFigures(page);
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  await page.waitForLoadState('networkidle');
  const all = await Promise.all(sizes);
  await context.close();
  return { total: all.reduce((n, s) => n + s.bytes, 0), images: all.filter((s) => s.image).reduce((n, s) => n + s.bytes, 0), requests: all.length };
}

async function layoutChecks(browser: Browser, url: string, width: number, dpr: number) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await loadAllFigures(page);
  const over = await overflow(page);
  const figs = await shownFigures(page);
  await context.close();
  const texts = figs.map((f) => ({ id: f.id, px: (f.minText * f.shownWidth) / f.drawnWidth }));
  const smallest = texts.reduce((a, b) => (b.px < a.px ? b : a), { id: '-', px: Infinity });
  return { over, smallest };
}

const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
const median = <T>(xs: T[], by: (x: T) => number): T => [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)];

export async function runWebBench(): Promise<void> {
  console.log(`building the site (base /) into ${OUT_DIR}/ …`);
  await build();
  const site = await serveStatic(path.join(ROOT, OUT_DIR), '/', { gzip: true });
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_FLAGS });
  try {
    for (const url of await articles(site.url)) {
      console.log(`\n${new URL(url).pathname}`);
      const runs: LighthouseRun[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await lighthouseRun(url));
      const m = median(runs, (r) => r.performance);
      console.log(`  lighthouse mobile (median of ${RUNS}; performance ${runs.map((r) => r.performance).join(', ')}):`);
      console.log(`    performance ${m.performance}  accessibility ${m.accessibility}  best-practices ${m.bestPractices}  SEO ${m.seo}`);
      console.log(`    LCP ${m.lcp.toFixed(2)} s  TBT ${Math.round(m.tbt)} ms  CLS ${m.cls.toFixed(3)}  DOM elements ${m.dom}`);
      for (const [name, w, dpr] of [['phone 390 px DPR 3', 390, 3], ['desktop 1280 px DPR 1', 1280, 1]] as const) {
        const b = await wireBytes(browser, url, w, dpr);
        console.log(`  bytes, ${name}, all details open, scrolled: ${mb(b.total)} (images ${mb(b.images)}, ${b.requests} requests)`);
      }
      for (const [w, dpr] of [[320, 1], [360, 3], [390, 3], [1280, 1]] as const) {
        const { over, smallest } = await layoutChecks(browser, url, w, dpr);
        console.log(`  ${w} px: horizontal overflow ${over} px; smallest figure text ${smallest.px.toFixed(1)} px (${smallest.id})`);
      }
    }
  } finally {
    await browser.close();
    await site.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runWebBench();
