/**
 * package.json overrides unifont's undici (^8 needs Node ≥ 22.19, and npm ci
 * warned EBADENGINE on Node 20) with undici 7. unifont only imports undici to
 * install a proxy dispatcher; this checks that the version the override
 * installs runs on this Node and still has what unifont calls.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const fromUnifont = createRequire(createRequire(import.meta.url).resolve('unifont'));
const undiciEntry = fromUnifont.resolve('undici');

function packageJsonOf(entry: string): { version: string; engines?: { node?: string } } {
  let dir = path.dirname(entry);
  while (path.basename(dir) !== 'undici') dir = path.dirname(dir);
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

const parts = (v: string): number[] => v.replace(/^v/, '').split('.').map(Number);
const atLeast = (v: number[], min: number[]): boolean => {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
};

describe("unifont's undici", () => {
  it('supports the running Node version', () => {
    const range = packageJsonOf(undiciEntry).engines?.node ?? '';
    const min = /^>=\s*(\d+\.\d+\.\d+)$/.exec(range.trim());
    expect(min, `engines.node "${range}" is not a plain >= range; check it by hand`).not.toBeNull();
    expect(atLeast(parts(process.version), parts(min![1]))).toBe(true);
  });

  it('exports the proxy API unifont calls', async () => {
    const undici = (await import(undiciEntry)) as Record<string, unknown>;
    for (const name of ['Agent', 'EnvHttpProxyAgent', 'getGlobalDispatcher', 'setGlobalDispatcher']) expect(typeof undici[name]).toBe('function');
    const current = (undici.getGlobalDispatcher as () => unknown)();
    expect(current).toBeInstanceOf(undici.Agent as new () => unknown);
  });
});
