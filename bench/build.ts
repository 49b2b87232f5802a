/**
 * Build benchmark: a cold `astro build` (empty figure cache, so every figure
 * script really runs) and a warm one (everything cached), with total wall
 * times and each figure script's own generation time (from its provenance).
 * Run alone with `npx tsx bench/build.ts` or via `npm run bench -- build`.
 *
 * The existing `.figures/` is moved aside (same file system, so a rename) and
 * restored afterwards (and re-published), even if a build fails; the site is built into
 * `dist-bench/` so a real `dist/` is left alone.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rename, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Manifest } from '../src/pipeline/manifest';
import { runPipeline } from '../src/pipeline/runPipeline';
import { recordedDurations } from '../src/pipeline/shard';
import { childCpuSeconds } from './childCpu';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = 'dist-bench';

interface BuildRun {
  seconds: number;
  /** CPU seconds of the build's whole process tree (null where it cannot be read: ./childCpu.ts). */
  cpuSeconds: number | null;
  /** The pipeline's own summary line (`6 figures: … in 99.7 s`). */
  summary?: string;
  /** First error line when the build failed (e.g. the article cites a figure not written yet). */
  error?: string;
}

function astroBuild(): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now(), cpu0 = childCpuSeconds();
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/astro/astro.js'), 'build'], {
      cwd: ROOT,
      env: { ...process.env, OUT_DIR: `./${OUT_DIR}`, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      const cpu1 = childCpuSeconds();
      const cpuSeconds = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null;
      const summary = /\d+ figures?: .* in [\d.]+ s.*/.exec(log)?.[0];
      if (code === 0) return resolve({ seconds, cpuSeconds, summary });
      const lines = log.split('\n');
      const at = lines.findIndex((l) => l.includes('[ERROR]'));
      resolve({ seconds, cpuSeconds, summary, error: at >= 0 ? lines.slice(at, at + 2).join(' ') : `exit code ${code}` });
    });
  });
}

/**
 * Generation time of each figure script, from the cache entries the cold run
 * wrote (the published provenance leaves the duration out so that it stays
 * byte-identical between builds; the cache keeps it).
 */
async function figureTimes(): Promise<{ id: string; seconds: number; outputs: string[] }[]> {
  const manifest = JSON.parse(await readFile(path.join(ROOT, '.figures/manifest.json'), 'utf8')) as Manifest;
  const outputsByScript = new Map<string, string[]>();
  for (const e of Object.values(manifest.figures)) outputsByScript.set(e.script.id, [...(outputsByScript.get(e.script.id) ?? []), e.id]);
  // An empty key counts every entry (see recordedDurations); the cold cache holds one per script.
  const durations = await recordedDurations(ROOT, [...outputsByScript.keys()].map((id) => ({ id, key: '' })));
  return durations
    .map(({ id, durationMs }) => ({ id, seconds: (durationMs ?? NaN) / 1000, outputs: outputsByScript.get(id) ?? [] }))
    .sort((a, b) => b.seconds - a.seconds);
}

export async function runBuildBench(): Promise<void> {
  const figuresDir = path.join(ROOT, '.figures');
  const aside = path.join(ROOT, 'tmp', `bench-figures-${process.pid}`);
  const hadCache = existsSync(figuresDir);
  if (hadCache) {
    await mkdir(path.dirname(aside), { recursive: true });
    await rename(figuresDir, aside);
  }
  try {
    const cold = await astroBuild();
    const times = await figureTimes();
    const warm = await astroBuild();
    const width = Math.max(...times.map((t) => t.id.length));
    const cpu = (b: BuildRun): string => (b.cpuSeconds === null ? '' : `, ${b.cpuSeconds.toFixed(1)} s of CPU (${(b.cpuSeconds / b.seconds).toFixed(2)} cores busy)`);
    const show = (b: BuildRun): string => `${b.seconds.toFixed(1)} s${cpu(b)}  [pipeline: ${b.summary ?? '?'}]${b.error ? `  (build FAILED after the figures: ${b.error.trim()})` : ''}`;
    console.log(`cold astro build (empty figure cache): ${show(cold)}`);
    console.log(`warm astro build (all figures cached): ${show(warm)}`);
    console.log(`figure generation (cold run; scripts run in parallel in a worker pool):`);
    for (const t of times) console.log(`  ${t.id.padEnd(width)}  ${t.seconds.toFixed(1).padStart(6)} s  (${t.outputs.join(', ')})`);
    console.log(`  sum of script times: ${times.reduce((s, t) => s + t.seconds, 0).toFixed(1)} s`);
  } finally {
    if (hadCache) {
      await rm(figuresDir, { recursive: true, force: true });
      await rename(aside, figuresDir);
      // Re-publish from the restored cache so public/figures matches its manifest again
      // (the cold run's provenance files carry other timestamps, hence other names).
      await runPipeline({ root: ROOT, logger: { info: () => {}, error: (l) => console.error(l) } }).catch(() => {});
    }
    await rm(path.join(ROOT, OUT_DIR), { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runBuildBench();
}
