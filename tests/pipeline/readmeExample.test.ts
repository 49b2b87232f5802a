/**
 * README "Changing a parameter" promises that editing the example parameter
 * regenerates exactly the outputs of one script. That holds only while the
 * parameter is defined in that script's own file and no other script imports
 * the file: check both on the real figures/ tree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependencyGraph } from '../../src/pipeline/dependencyGraph';
import { discoverScripts } from '../../src/pipeline/discoverScripts';
import { REPO } from './fixtureProject';

const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const section = readme.split(/^## /m).find((s) => s.startsWith('Changing a parameter'))!;
const [, param, script] = /for\s+example\s+`(\w+)`\s+in\s+`([^`]+)`/.exec(section ?? '') ?? [];

describe('README "Changing a parameter" example', () => {
  it('names a parameter defined, with a default, in the script named', () => {
    expect(param, 'the section names "for example `param` in `script`"').toBeDefined();
    const source = readFileSync(path.join(REPO, script), 'utf8');
    expect(source).toMatch(new RegExp(`^\\s*${param}:\\s*z\\..*\\.default\\(`, 'm'));
  });

  it('the script is imported by no other script, so exactly its outputs regenerate', async () => {
    const { scripts } = await discoverScripts(REPO);
    expect(scripts).toContain(script);
    const graph = await dependencyGraph(REPO, scripts);
    const dependents = scripts.filter((s) => graph.get(s)!.inputs.includes(script));
    expect(dependents).toEqual([script]);
  });
});
