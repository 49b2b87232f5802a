/**
 * `npm run bench`: every benchmark of the project, one after another, each
 * printing its own numbers. Run on an otherwise idle machine; the numbers are
 * reported in issue notes, never asserted by tests (timed tests flake).
 *
 *   npm run bench               all sections
 *   npm run bench -- numerics   one section (numerics | plot | build | web)
 */
import { describeMachine } from './machine';

const sections: Record<string, () => Promise<void>> = {
  numerics: async () => (await import('./numerics')).runNumericsBench(),
  plot: async () => (await import('./plot')).runPlotBench(),
  build: async () => (await import('./build')).runBuildBench(),
  web: async () => (await import('./web')).runWebBench(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`unknown bench section(s): ${unknown.join(', ')}; known: ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}
console.log(describeMachine());
for (const name of wanted.length > 0 ? wanted : Object.keys(sections)) {
  console.log(`\n== ${name} ==`);
  await sections[name]();
}
