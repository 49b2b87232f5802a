/** The figures CLI as a real child process on a fixture project, with its output collected. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO } from './fixtureProject';

export interface CliProcess {
  child: ChildProcess;
  /** stdout and stderr interleaved as they came. */
  output: () => string;
  stdout: () => string;
  stderr: () => string;
  /** The exit code, once the process has exited and its output is all read ('close', not 'exit'). */
  exit: Promise<number | null>;
}

/** `root` is passed as `--root DIR`; without it the args are passed as they are. */
export function startCli(root: string | undefined, args: string[], env: Record<string, string> = {}, wrap: string[] = []): CliProcess {
  const cmd = [process.execPath, '--import', 'tsx', path.join(REPO, 'src/pipeline/cli.ts'), ...args, ...(root ? ['--root', root] : [])];
  const [exe, ...rest] = [...wrap, ...cmd];
  const child = spawn(exe, rest, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', stdout = '', stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { out += d; stdout += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { out += d; stderr += d; });
  return { child, output: () => out, stdout: () => stdout, stderr: () => stderr, exit: new Promise((r) => child.on('close', (code) => r(code))) };
}

export interface CliRun { code: number | null; out: string; err: string }

/**
 * Run the CLI to the end. Awaited, never spawnSync: a vitest fork must keep
 * reading the runner's replies. cli.test.ts once ran its CLI calls with
 * spawnSync in synchronous tests, so the whole file ran without the event
 * loop turning once (tests follow each other on microtasks); under the load
 * of a full run it took 66.7 s and 68.7 s, past vitest's fixed 60 s RPC
 * timeout, and the run failed with "Timeout calling onTaskUpdate" although
 * every test passed. Runs where it took 43 s and 49 s passed.
 */
export async function runCli(args: string[], root?: string): Promise<CliRun> {
  const p = startCli(root, args);
  const code = await p.exit;
  return { code, out: p.stdout(), err: p.stderr() };
}

export async function waitFor(cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
