/**
 * One line naming the machine a benchmark ran on, printed before any number.
 *
 * Why: the project's machines are virtual and not always the same hardware.
 * The same commit's cold build took 45–49 s on one session's machine and
 * 30–33 s on another's, whose processor did the same work in about 60 % of
 * the CPU seconds. A number without the processor it was measured on cannot
 * be compared with another.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Processor {
  name: string;
  /** x86 family and model numbers (`cpu family`, `model`), which tell processor generations apart where the name does not ("AMD EPYC"). */
  family?: string;
  model?: string;
}

/** The first processor's name, family and model from the text of /proc/cpuinfo (x86 Linux), or null. */
export function processorFromCpuinfo(text: string): Processor | null {
  const first = text.split(/\n\s*\n/)[0] ?? '';
  const field = (key: string): string | undefined => {
    const m = new RegExp(`^${key}\\s*:\\s*(.*)$`, 'm').exec(first);
    return m?.[1].trim() || undefined;
  };
  const name = field('model name');
  if (!name) return null;
  return { name, family: field('cpu family'), model: field('model') };
}

export function describeMachine(): string {
  let processor: Processor | null = null;
  try {
    processor = processorFromCpuinfo(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    // not Linux: os.cpus() below still names the processor
  }
  const name = processor
    ? `${processor.name}${processor.family ? ` (family ${processor.family}, model ${processor.model ?? '?'})` : ''}`
    : (os.cpus()[0]?.model ?? 'unknown processor');
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  return `machine: ${name}, ${os.availableParallelism()} cores, ${gib} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`;
}
