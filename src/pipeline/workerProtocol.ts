/** Messages between the pipeline and its worker threads. */
import type { WrittenOutputs } from './outputWriter';

export type WorkerTask =
  | { type: 'describe'; taskId: number; root: string; script: string }
  | { type: 'render'; taskId: number; root: string; script: string; stagingDir: string };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Parameter path, when the error is an invalid parameter. */
  param?: string;
  /** Definition id, when the script loaded far enough to have one. */
  figureId?: string;
}

export interface Description {
  id: string;
  title: string;
  seed: number;
  params: unknown;
  /** The script's own time limit, when it sets one (not part of the cache key: it cannot change the outputs). */
  timeLimitSeconds?: number;
}

export type WorkerReply =
  | { type: 'described'; taskId: number; description: Description }
  | { type: 'progress'; taskId: number; fraction: number; label?: string }
  | { type: 'rendered'; taskId: number; written: Omit<WrittenOutputs, 'settle'>; durationMs: number; description: Description }
  | { type: 'failed'; taskId: number; error: SerializedError };
