/**
 * The GitHub workflows keep their security properties (issue 10, security of
 * the deploy): every action pinned by a full commit SHA with its version in a
 * comment, no checkout that keeps credentials, a time limit on every job,
 * and the Pages/OIDC permissions granted to the deploy job alone. Read as
 * text, job by job (the files are plain two-space YAML).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../pipeline/fixtureProject';

const DIR = path.join(REPO, '.github/workflows');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));

/** Top-level jobs: name → their lines. */
function jobs(text: string): Map<string, string[]> {
  const lines = text.split('\n');
  const start = lines.indexOf('jobs:');
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
    if (m) out.set(m[1], (current = []));
    else if (/^\S/.test(line)) break;
    else current?.push(line);
  }
  return out;
}

describe.each(files)('%s', (file) => {
  const text = readFileSync(path.join(DIR, file), 'utf8');
  const all = jobs(text);

  it('pins every action by commit SHA, with the version in a comment', () => {
    const uses = text.split('\n').filter((l) => /^\s*(- )?uses:/.test(l));
    expect(uses.length).toBeGreaterThan(0);
    for (const l of uses) expect(l).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
  });

  it('has a time limit on every job and checks out without keeping credentials', () => {
    expect(all.size).toBeGreaterThan(0);
    for (const [name, lines] of all) {
      expect(lines.some((l) => /^ {4}timeout-minutes: \d+$/.test(l)), name).toBe(true);
      const checkouts = lines.filter((l) => l.includes('uses: actions/checkout@')).length;
      expect(lines.filter((l) => /persist-credentials: false/.test(l)).length, name).toBe(checkouts);
    }
  });

  it('grants write permissions to no job but deploy, and nothing at workflow level beyond reading', () => {
    const topLevel = text.slice(0, text.indexOf('\njobs:')).split('\n').filter((l) => !l.trimStart().startsWith('#'));
    expect(topLevel.filter((l) => /: write\s*$/.test(l))).toEqual([]);
    for (const [name, lines] of all) {
      const writes = lines.filter((l) => /: write$/.test(l.trim())).map((l) => l.trim());
      expect(writes, name).toEqual(name === 'deploy' ? ['pages: write', 'id-token: write'] : []);
    }
  });
});

it('the deploy workflow deploys, and a test workflow runs npm test on pull requests', () => {
  expect(files).toEqual(expect.arrayContaining(['ci.yml', 'deploy.yml']));
  const ci = readFileSync(path.join(DIR, 'ci.yml'), 'utf8');
  expect(ci).toMatch(/^ {2}pull_request:/m);
  expect(ci).toMatch(/run: npm test$/m);
  expect(ci).toMatch(/node-version-file: \.nvmrc/);
  expect(readFileSync(path.join(REPO, '.nvmrc'), 'utf8').trim()).toBe('20');
});
