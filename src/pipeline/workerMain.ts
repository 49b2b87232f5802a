/**
 * Runs inside a worker thread (entered through worker.mjs, which registered
 * tsx so figure scripts load as TypeScript). Two tasks: `describe` loads a
 * script and validates its params; `render` also creates the seeded RNG, the
 * progress reporter and the OutputWriter, and runs `render` into the
 * staging directory the pipeline chose.
 */
import { parentPort } from 'node:worker_threads';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createRng } from '../numerics/rng';
import type { FigureDefinition } from './contract';
import { createOutputWriter } from './outputWriter';
import { forbidUnseededRandomness } from './randomGuard';
import { ParamError, validateParams } from './validateParams';
import type { Description, SerializedError, WorkerReply, WorkerTask } from './workerProtocol';

/** The figure this worker is running (its script path until the definition names it). */
let current = '(no figure)';

export function main(): void {
  const port = parentPort;
  if (!port) throw new Error('workerMain must run in a worker thread');
  forbidUnseededRandomness(() => current);
  const reply = (m: WorkerReply): void => port.postMessage(m);
  port.on('message', (task: WorkerTask) => {
    current = task.script;
    run(task, reply).catch((err) => reply({ type: 'failed', taskId: task.taskId, error: serializeError(err) }));
  });
}

async function run(task: WorkerTask, reply: (m: WorkerReply) => void): Promise<void> {
  const def = await loadDefinition(task.root, task.script);
  current = def.id;
  const params = validateParams(def.id, def.params);
  const description: Description = { id: def.id, title: def.title, seed: def.seed, params, timeLimitSeconds: def.timeLimitSeconds };
  if (task.type === 'describe') {
    reply({ type: 'described', taskId: task.taskId, description });
    return;
  }
  let lastSent = -1;
  const progress = (fraction: number, label?: string): void => {
    const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    // Throttle to whole percents: scripts may report every step of a long loop.
    if (Math.floor(f * 100) === lastSent && !label) return;
    lastSent = Math.floor(f * 100);
    reply({ type: 'progress', taskId: task.taskId, fraction: f, label });
  };
  const { out, written } = createOutputWriter(task.stagingDir, undefined, (f, label) => progress(Math.max(lastSent / 100, f), label));
  const t0 = performance.now();
  await def.render({ params, seed: def.seed, rng: createRng(def.seed), progress, out });
  await written.settle();
  if (written.outputs.length === 0) throw new Error('render finished without writing any image or animation');
  // Only plain data crosses the thread boundary (settle() is a function).
  reply({ type: 'rendered', taskId: task.taskId, written: { outputs: written.outputs, data: written.data }, durationMs: performance.now() - t0, description });
}

async function loadDefinition(root: string, script: string): Promise<FigureDefinition> {
  const mod = (await import(pathToFileURL(path.join(root, script)).href)) as { default?: FigureDefinition };
  const def = mod.default;
  const problems: string[] = [];
  if (!def || typeof def !== 'object') problems.push('has no default export (export default defineFigure({...}))');
  else {
    if (typeof def.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_/-]*$/.test(def.id)) problems.push(`has an invalid id ${JSON.stringify(def.id)}`);
    if (typeof def.title !== 'string' || !def.title.trim()) problems.push('has no title');
    if (typeof def.seed !== 'number' || !Number.isFinite(def.seed)) problems.push(`has an invalid seed ${JSON.stringify(def.seed)}`);
    if (typeof def.render !== 'function') problems.push('has no render function');
    const limit = def.timeLimitSeconds;
    if (limit !== undefined && !(typeof limit === 'number' && Number.isFinite(limit) && limit > 0)) {
      problems.push(`has an invalid timeLimitSeconds ${JSON.stringify(limit)} (a positive number of seconds)`);
    }
  }
  if (problems.length) throw new Error(`${script} ${problems.join('; ')}`);
  return def!;
}

function serializeError(err: unknown): SerializedError {
  if (err instanceof ParamError) return { name: err.name, message: err.message, param: err.param, figureId: err.figureId };
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
}
