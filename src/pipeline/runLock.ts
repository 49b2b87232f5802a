/**
 * One figure run at a time per checkout: an advisory lock file
 * `.figures/lock` holding the owner's pid. A second run (another
 * `npm run build`, the CLI while `astro dev` regenerates) waits, saying whose
 * run it waits for, instead of racing it through publish and deleting its
 * files. A lock whose pid no longer exists on this host was left by a killed
 * run and is taken over.
 *
 * The lock is re-entrant within a process: `astro build` holds it from config
 * setup to the end of the build (so pages are rendered from the manifest this
 * build published), and the pipeline run inside takes it again.
 *
 * On a read-only `.figures/` there is nothing to protect (no run can write
 * there), so the run goes on unlocked; only a fully cached build can succeed.
 */
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FIGURES_STATE_DIR } from './cacheStore';
import { isLive } from './liveness';

export const LOCK_FILE = `${FIGURES_STATE_DIR}/lock`;

interface Holder {
  pid: number;
  host: string;
  since: string;
  what: string;
}

export interface RunLock {
  /** False when `.figures/` is read-only and the run goes on without a lock. */
  readonly held: boolean;
  release(): Promise<void>;
  /** For signal handlers, which must not wait. */
  releaseSync(): void;
}

export interface LockOptions {
  /** Told once when the run has to wait, and when a stale lock is taken over. */
  log: (line: string) => void;
  /** What this run is, recorded for whoever waits on it (e.g. `astro build`). */
  what?: string;
  pollMs?: number;
}

/** Re-entrancy: how many times this process holds the lock of each root. */
const depth = new Map<string, number>();

export async function acquireRunLock(root: string, opts: LockOptions): Promise<RunLock> {
  const file = path.join(root, LOCK_FILE);
  const mine = depth.get(file) ?? 0;
  if (mine > 0) {
    depth.set(file, mine + 1);
    return handle(file, true);
  }
  const me: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), what: opts.what ?? 'figures' };
  let told = false;
  for (;;) {
    try {
      await mkdir(path.dirname(file), { recursive: true });
      const fh = await open(file, 'wx');
      await fh.writeFile(JSON.stringify(me) + '\n');
      await fh.close();
      depth.set(file, 1);
      return handle(file, true);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
        opts.log(`figures: ${FIGURES_STATE_DIR}/ is not writable (${code}); running without the run lock — only cached figures can be served`);
        return handle(file, false);
      }
      if (code !== 'EEXIST') throw err;
    }
    const holder = await readHolder(file);
    if (holder && holder.host === os.hostname() && !isLive(holder.pid)) {
      opts.log(`figures: removing a stale lock left by pid ${holder.pid} (no longer running)`);
      await breakStaleLock(file, holder);
      continue;
    }
    if (!told && holder) {
      told = true;
      opts.log(
        `figures: waiting for another figure run to finish (${holder.what}, pid ${holder.pid}` +
          `${holder.host === os.hostname() ? '' : ` on ${holder.host}`}, since ${holder.since}); lock: ${LOCK_FILE}`,
      );
    }
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 250));
  }
}

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    const h = JSON.parse(await readFile(file, 'utf8')) as Holder;
    return typeof h.pid === 'number' ? h : undefined;
  } catch {
    return undefined; // gone meanwhile, or still being written: look again next poll
  }
}

/**
 * Move the lock aside before removing it, then check that what was moved is
 * the dead holder's: if another waiter took the lock over in between, its
 * fresh lock is put back instead of deleted.
 */
async function breakStaleLock(file: string, stale: Holder): Promise<void> {
  const aside = `${file}.${process.pid}.stale`;
  try {
    await rename(file, aside);
  } catch {
    return; // someone else broke it first
  }
  const moved = await readHolder(aside);
  if (moved && moved.pid !== stale.pid) await rename(aside, file).catch(() => undefined);
  else await rm(aside, { force: true });
}

function handle(file: string, held: boolean): RunLock {
  let released = false;
  const drop = (): boolean => {
    if (!held || released) return false;
    released = true;
    const left = (depth.get(file) ?? 1) - 1;
    if (left > 0) {
      depth.set(file, left);
      return false;
    }
    depth.delete(file);
    return true;
  };
  const ours = (text: string): boolean => {
    try {
      return (JSON.parse(text) as Holder).pid === process.pid;
    } catch {
      return false;
    }
  };
  return {
    held,
    async release() {
      if (drop() && ours(await readFile(file, 'utf8').catch(() => ''))) await rm(file, { force: true });
    },
    releaseSync() {
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        // already gone
      }
      if (drop() && ours(text)) rmSync(file, { force: true });
    },
  };
}
