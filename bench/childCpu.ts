/**
 * CPU time used by this process's finished children, for the build bench.
 *
 * Why CPU and not only wall time: on this 2-core virtual machine the wall
 * time of the same cold build varies by ±10 % from run to run (the host's
 * load), while what a change to the pipeline can alter is the work done.
 * CPU seconds divided by wall seconds also shows how well the build keeps
 * both cores busy.
 *
 * Linux only: the kernel adds a child's CPU (user + system, its own children
 * included once it has waited for them) to the parent's `cutime` and
 * `cstime` in /proc/self/stat when the parent reaps it, which Node does as
 * soon as the child exits. Elsewhere this returns null.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux architecture Node supports). */
const TICKS_PER_SECOND = 100;

/** cutime + cstime of the given /proc/<pid>/stat text, in seconds. */
export function childCpuFromStat(stat: string): number {
  // The command name (field 2) is in parentheses and may itself hold spaces or ')':
  // the fields after the last ')' are state (3), ppid (4), …, cutime (16), cstime (17).
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const field = (n: number): number => Number(rest[n - 3]);
  const ticks = field(16) + field(17);
  if (!Number.isFinite(ticks)) throw new Error(`childCpu: cannot read cutime/cstime from "${stat.slice(0, 80)}…"`);
  return ticks / TICKS_PER_SECOND;
}

/** CPU seconds used so far by this process's reaped children, or null off Linux. */
export function childCpuSeconds(): number | null {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return null;
  }
  return childCpuFromStat(stat);
}
