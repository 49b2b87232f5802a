import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childCpuFromStat, childCpuSeconds } from '../../bench/childCpu';

describe('childCpuFromStat', () => {
  it('reads cutime and cstime (fields 16 and 17) after a command name holding spaces and parentheses', () => {
    // Fields 3–15, then cutime = 250 and cstime = 30 ticks, then the rest.
    const stat = '4242 (node (x) y) S 1 2 3 4 5 6 7 8 9 10 11 12 250 30 20 0 1 0 99 1000 10';
    expect(childCpuFromStat(stat)).toBeCloseTo(2.8, 10);
  });

  it('fails loudly on text that is not a stat line', () => {
    expect(() => childCpuFromStat('garbage')).toThrow(/cutime/);
  });
});

describe.runIf(process.platform === 'linux')('childCpuSeconds', () => {
  it('grows by at least the CPU a finished child measured for itself', () => {
    // The child spins until its own CPU clock says 400 ms: whatever the machine's load,
    // the kernel charged it at least that much by the time it exits.
    const burn = 'const t=process.cpuUsage();while((process.cpuUsage(t).user+process.cpuUsage(t).system)<4e5){}';
    const before = childCpuSeconds()!;
    const r = spawnSync(process.execPath, ['-e', burn]);
    expect(r.status).toBe(0);
    const used = childCpuSeconds()! - before;
    // Ticks are 10 ms: allow one tick of rounding below; Node's own startup adds a little above.
    expect(used).toBeGreaterThanOrEqual(0.39);
    expect(used).toBeLessThan(5);
  });
});
