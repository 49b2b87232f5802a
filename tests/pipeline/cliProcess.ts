/** The figures CLI as a real child process on a fixture project, with its output collected. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO } from './fixtureProject';

export interface CliProcess {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

export function startCli(root: string, args: string[], env: Record<string, string> = {}, wrap: string[] = []): CliProcess {
  const cmd = [process.execPath, '--import', 'tsx', path.join(REPO, 'src/pipeline/cli.ts'), ...args, '--root', root];
  const [exe, ...rest] = [...wrap, ...cmd];
  const child = spawn(exe, rest, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out, exit: new Promise((r) => child.on('exit', (code) => r(code))) };
}

export async function waitFor(cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
