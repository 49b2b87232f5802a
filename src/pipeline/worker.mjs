// Worker thread entry. Plain JavaScript on purpose: it must load in a bare
// worker (no tsx, no Vite), whether the pipeline runs from the CLI or inside
// `astro build` / `astro dev`. It registers tsx's ESM loader for this thread,
// then hands over to the TypeScript runtime.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./workerMain.ts');
main();
