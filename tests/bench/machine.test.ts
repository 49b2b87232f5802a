import { describe, expect, it } from 'vitest';
import { describeMachine, processorFromCpuinfo } from '../../bench/machine';

describe('processorFromCpuinfo', () => {
  it('reads the first processor’s name, family and model, not a later one’s', () => {
    const text = [
      'processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel\t\t: 2\nmodel name\t: AMD EPYC\nflags\t\t: fpu',
      'processor\t: 1\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\nmodel\t\t: 1\nmodel name\t: Other\n',
    ].join('\n\n');
    expect(processorFromCpuinfo(text)).toEqual({ name: 'AMD EPYC', family: '26', model: '2' });
  });

  it('keeps a name without family and model (Arm lists neither)', () => {
    expect(processorFromCpuinfo('processor\t: 0\nmodel name\t: Neoverse-N1\n')).toEqual({ name: 'Neoverse-N1', family: undefined, model: undefined });
  });

  it('returns null when there is no model name', () => {
    expect(processorFromCpuinfo('processor\t: 0\nBogoMIPS\t: 50.00\n')).toBeNull();
  });
});

describe('describeMachine', () => {
  it('names the cores and Node version this process sees', () => {
    const line = describeMachine();
    expect(line).toMatch(/^machine: .+, \d+ cores, [\d.]+ GiB, Node v\d+/);
    expect(line).toContain(process.version);
  });
});
