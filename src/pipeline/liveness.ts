/**
 * Is a process still running? Used to tell a live run's files (staging dirs,
 * temp files, the lock) from those a killed run left behind. EPERM means the
 * process exists but belongs to someone else: alive.
 */
export function isLive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
