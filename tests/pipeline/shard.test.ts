/**
 * Sharding (issue 10, beyond one machine): the partition is deterministic,
 * balanced by recorded durations (by count without any), stable when a
 * figure is added; and, simulated with real processes, three clones each
 * generating one shard of three, whose cache entries are copied into a
 * fourth clone, give a build there that generates nothing. When one shard's
 * entries are missing (that job failed), the build generates exactly those.
 */
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseShard, partition, type Weighted } from '../../src/pipeline/shard';
import { startCli } from './cliProcess';
import { createProject, script, type FixtureProject } from './fixtureProject';

const loads = (figs: Weighted[], shards: Map<string, number>, n: number): number[] => {
  const l = new Array<number>(n).fill(0);
  for (const f of figs) l[shards.get(f.id)! - 1] += f.durationMs ?? 1;
  return l;
};

describe('partition', () => {
  const timed: Weighted[] = [
    { id: 'ntk/a', durationMs: 70_000 },
    { id: 'ntk/b', durationMs: 50_000 },
    { id: 'ntk/c', durationMs: 30_000 },
    { id: 'ntk/d', durationMs: 25_000 },
    { id: 'ntk/e', durationMs: 20_000 },
    { id: 'ntk/f', durationMs: 5_000 },
  ];

  it('puts every figure in exactly one shard, the same way whatever the input order', () => {
    const a = partition(timed, 3);
    const b = partition([...timed].reverse(), 3);
    expect([...a.keys()].sort()).toEqual(timed.map((f) => f.id));
    expect(b).toEqual(a);
    expect(new Set(a.values())).toEqual(new Set([1, 2, 3]));
  });

  it('balances by recorded durations: no shard exceeds the longest figure or the even share by much', () => {
    const l = loads(timed, partition(timed, 3), 3);
    const total = timed.reduce((s, f) => s + f.durationMs!, 0);
    // LPT guarantee: max load <= total/N + longest job.
    expect(Math.max(...l)).toBeLessThanOrEqual(total / 3 + 70_000);
    expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(30_000);
  });

  it('balances by count when no duration is recorded', () => {
    const fresh = Array.from({ length: 7 }, (_, i) => ({ id: `p/f${i}` }));
    expect(loads(fresh, partition(fresh, 3), 3).sort()).toEqual([2, 2, 3]);
  });

  it('is stable when a figure is added: no figure with a recorded duration moves', () => {
    const before = partition(timed, 3);
    const after = partition([...timed, { id: 'ntk/new' }], 3);
    for (const f of timed) expect(after.get(f.id)).toBe(before.get(f.id));
    expect(after.has('ntk/new')).toBe(true);
  });

  it('parses K/N and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '3', 'a/b', '']) expect(() => parseShard(bad)).toThrow(/invalid --shard/);
  });
});

describe('three machines, one shard each, merged into a fourth', () => {
  const clones: FixtureProject[] = [];
  afterEach(() => clones.splice(0).forEach((c) => c.remove()));

  const files = Object.fromEntries(
    ['a', 'b', 'c', 'd', 'e'].map((n) => [`figures/demo/${n}.figure.ts`, script({ id: `demo/${n}`, out: `${n}-img`, kind: n === 'c' ? 'gif' : 'png' })]),
  );
  const generatedBy = (out: string): string[] => [...out.matchAll(/^(demo\/\w+)\s+generated/gm)].map((m) => m[1]).sort();
  /** Copy the entry dirs of one clone's cache into another's: entries are content-addressed, so nothing conflicts. */
  const merge = (from: FixtureProject, into: FixtureProject): void =>
    cpSync(path.join(from.root, '.figures/cache'), path.join(into.root, '.figures/cache'), { recursive: true, force: false });

  it('each shard generates a disjoint part; the merged build generates nothing, or only a missing shard', async () => {
    for (let i = 0; i < 5; i++) clones.push(createProject(files));
    const [c1, c2, c3, full, partial] = clones;
    const shards = [c1, c2, c3].map((c, i) => startCli(c.root, ['generate', '--shard', `${i + 1}/3`]));
    const outs: string[] = [];
    for (const s of shards) {
      expect(await s.exit, s.output()).toBe(0);
      outs.push(s.output());
    }
    const parts = outs.map(generatedBy);
    expect(parts.flat().sort()).toEqual(['demo/a', 'demo/b', 'demo/c', 'demo/d', 'demo/e']);
    expect(parts.every((p) => p.length >= 1)).toBe(true);
    expect(outs[0]).toMatch(/\(2 others not selected\)|\(3 others not selected\)/);

    for (const c of [c1, c2, c3]) merge(c, full);
    const build = startCli(full.root, ['generate']);
    expect(await build.exit, build.output()).toBe(0);
    expect(build.output()).toMatch(/5 figures: 0 generated, 5 cached, 0 failed in .* nothing regenerated/);
    expect(readdirSync(path.join(full.root, 'public/figures')).length).toBeGreaterThan(0);

    // Shard 2's job failed: its entries never arrived. The build (or a rerun of that shard) does only those.
    merge(c1, partial);
    merge(c3, partial);
    const rerun = startCli(partial.root, ['generate', '--shard', '2/3']);
    expect(await rerun.exit).toBe(0);
    expect(generatedBy(rerun.output())).toEqual(parts[1]);
  }, 180_000);
});

describe('recorded durations', () => {
  let p: FixtureProject | undefined;
  afterEach(() => p?.remove());

  it("come from a figure's previous version, never from its current key (which shards add)", async () => {
    const { recordedDurations } = await import('../../src/pipeline/shard');
    p = createProject({});
    const entry = (key: string, durationMs: number, generatedAt: string): void =>
      p!.write(`.figures/cache/demo/a/${key}/provenance.json`, JSON.stringify({ durationMs, generatedAt }));
    const [k1, k2, k3] = ['1', '2', '3'].map((c) => c.repeat(64));
    entry(k1, 5000, '2026-01-01T00:00:00Z');
    entry(k2, 9000, '2026-02-01T00:00:00Z');
    entry(k3, 1, '2026-03-01T00:00:00Z');
    expect(await recordedDurations(p.root, [{ id: 'demo/a', key: k3 }, { id: 'demo/none', key: k1 }])).toEqual([
      { id: 'demo/a', durationMs: 9000 },
      { id: 'demo/none', durationMs: undefined },
    ]);
  });
});

describe('the order stale figures go to the pool', () => {
  let p: FixtureProject | undefined;
  afterEach(() => p?.remove());

  it('is longest first by the newest recorded duration (current key included), unknown ones after, in discovery order', async () => {
    const { longestFirst } = await import('../../src/pipeline/longestFirst');
    p = createProject({});
    const entry = (id: string, key: string, durationMs: number, generatedAt: string): void =>
      p!.write(`.figures/cache/${id}/${key}/provenance.json`, JSON.stringify({ durationMs, generatedAt }));
    const [k1, k2] = ['1', '2'].map((c) => c.repeat(64));
    entry('demo/short', k1, 900, '2026-01-01T00:00:00Z');
    entry('demo/long', k1, 1000, '2026-01-01T00:00:00Z');
    // A newer entry under the key being regenerated (a --force run) is the best estimate.
    entry('demo/long', k2, 40_000, '2026-02-01T00:00:00Z');
    // Never generated: a script that publishes an animation goes before one with stills only.
    p.write('figures/demo/new-still.figure.ts', "out.still('a', { draw });");
    p.write('figures/demo/new-anim.figure.ts', "out.animated('b', { frames: 9, draw });");
    const fig = (id: string) => ({ key: k2, script: `figures/${id}.figure.ts`, description: { id } });
    const order = await longestFirst(p.root, [fig('demo/new-still'), fig('demo/short'), fig('demo/new-anim'), fig('demo/long')]);
    expect(order.map((f) => f.description.id)).toEqual(['demo/long', 'demo/short', 'demo/new-anim', 'demo/new-still']);
  });
});
