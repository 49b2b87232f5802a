/**
 * A small worker_threads pool. Figure scripts are CPU-bound (they train
 * networks), so the pool is sized to the machine and each task runs in its
 * own thread; a worker that dies (uncaught error, out of memory, terminate)
 * fails only the task it was running and is replaced on demand.
 *
 * A task may carry a time limit: past it, its worker is terminated (the only
 * way to stop a `while (true) {}`) and the task fails with TimeLimitError.
 * Every worker runs under a heap limit, so a runaway allocation fails its
 * figure in seconds instead of swapping the machine for minutes.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startWorker } from './workerHeap';
import type { WorkerReply, WorkerTask } from './workerProtocol';

type TaskInput = WorkerTask extends infer T ? (T extends WorkerTask ? Omit<T, 'taskId'> : never) : never;
type FinalReply = Exclude<WorkerReply, { type: 'progress' }>;

export interface TaskHooks {
  onProgress?: (fraction: number, label?: string) => void;
  /** Called when a worker takes the task (queued tasks are not running yet). */
  onStart?: () => void;
  /** Terminate the worker and fail the task this long after it started. */
  timeLimitMs?: number;
}

interface Pending extends TaskHooks {
  task: WorkerTask;
  resolve: (r: FinalReply) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
}

export class TimeLimitError extends Error {
  constructor(readonly limitMs: number) {
    super(`time limit of ${Math.round(limitMs / 1000)} s exceeded`);
    this.name = 'TimeLimitError';
  }
}

export class OutOfMemoryError extends Error {
  constructor(readonly limitMb: number) {
    super(`ran out of memory (worker heap limit ${limitMb} MB)`);
    this.name = 'OutOfMemoryError';
  }
}

/** Heap limit per worker: a share of the machine's memory, at least 1 GB, at most 8 GB. */
export function defaultMemoryLimitMb(poolSize: number): number {
  const share = Math.floor(os.totalmem() / 2 ** 20 / (poolSize + 1));
  return Math.max(1024, Math.min(8192, share));
}

export function defaultPoolSize(tasks: number): number {
  return Math.max(1, Math.min(os.availableParallelism(), tasks));
}

/**
 * worker.mjs sits next to this file. Under the CLI (tsx) and under Vite's SSR
 * loader import.meta.url is this file's real location; the project-root
 * fallback covers loaders that rewrite it.
 */
export function workerEntry(): string {
  try {
    const here = fileURLToPath(new URL('./worker.mjs', import.meta.url));
    if (existsSync(here)) return here;
  } catch {
    // import.meta.url was not a file: URL
  }
  const fallback = path.resolve(process.cwd(), 'src/pipeline/worker.mjs');
  if (existsSync(fallback)) return fallback;
  throw new Error(`figure pipeline: cannot find worker.mjs (looked next to ${import.meta.url} and in ${fallback})`);
}

export class WorkerPool {
  private idle: Worker[] = [];
  private busy = new Map<Worker, Pending>();
  private queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly entry: string = workerEntry(),
    private readonly memoryLimitMb: number = defaultMemoryLimitMb(size),
  ) {}

  run(task: TaskInput, hooks: TaskHooks = {}): Promise<FinalReply> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ ...hooks, task: { ...task, taskId: this.nextId++ } as WorkerTask, resolve, reject });
      this.pump();
    });
  }

  /** Stop every worker now (a running render is abandoned mid-way). */
  async terminate(): Promise<void> {
    this.closed = true;
    const all = [...this.idle, ...this.busy.keys()];
    for (const job of this.busy.values()) clearTimeout(job.timer);
    for (const p of this.queue) p.reject(new Error('cancelled'));
    this.queue = [];
    await Promise.all(all.map((w) => w.terminate()));
    this.idle = [];
  }

  private pump(): void {
    while (this.queue.length && !this.closed) {
      let worker = this.idle.pop();
      if (!worker) {
        if (this.busy.size >= this.size) return;
        worker = this.spawn();
      }
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage(job.task);
      if (job.timeLimitMs !== undefined) job.timer = setTimeout(() => this.expire(worker, job), job.timeLimitMs);
      job.onStart?.();
    }
  }

  /** The task ran out of time: forget the worker first, so its exit fails nothing else. */
  private expire(worker: Worker, job: Pending): void {
    if (this.busy.get(worker) !== job) return;
    this.busy.delete(worker);
    void worker.terminate();
    job.reject(new TimeLimitError(job.timeLimitMs!));
    this.pump();
  }

  private spawn(): Worker {
    const worker = startWorker(this.entry, this.memoryLimitMb);
    worker.on('message', (m: WorkerReply) => {
      const job = this.busy.get(worker);
      if (!job || m.taskId !== job.task.taskId) return;
      if (m.type === 'progress') {
        job.onProgress?.(m.fraction, m.label);
        return;
      }
      clearTimeout(job.timer);
      this.busy.delete(worker);
      this.idle.push(worker);
      job.resolve(m);
      this.pump();
    });
    const die = (err: Error): void => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle = this.idle.filter((w) => w !== worker);
      if (job) {
        clearTimeout(job.timer);
        const oom = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        job.reject(oom ? new OutOfMemoryError(this.memoryLimitMb) : err);
      }
      if (!this.closed) void worker.terminate();
      this.pump();
    };
    worker.on('error', (err) => die(err instanceof Error ? err : new Error(String(err))));
    worker.on('exit', (code) => {
      if (this.busy.has(worker) || this.idle.includes(worker)) die(new Error(`worker exited with code ${code}`));
    });
    return worker;
  }
}
