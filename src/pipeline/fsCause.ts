/**
 * A file-system error in words a user can act on: read-only, no permission
 * or a full disk are named as such, with the place they concern, instead of
 * a raw `ENOENT … mkdir '…/staging/…'` whose path is an internal detail.
 */
const CAUSES: Record<string, string> = {
  EROFS: 'is on a read-only file system',
  EACCES: 'is not writable (permission denied)',
  EPERM: 'is not writable (operation not permitted)',
  ENOSPC: 'is on a full disk (no space left on device)',
  EDQUOT: 'is over its disk quota',
};

export function fsCause(err: NodeJS.ErrnoException, place: string): string {
  const cause = err.code ? CAUSES[err.code] : undefined;
  return cause ? `${place} ${cause} (${err.code})` : `${place}: ${err.message}`;
}

/**
 * mkdir -p on a read-only tree can report ENOENT for the missing child rather
 * than EROFS for the parent; asking the parent itself gives the real cause.
 */
export async function realCause(err: NodeJS.ErrnoException, dir: string): Promise<NodeJS.ErrnoException> {
  if (err.code && CAUSES[err.code]) return err;
  const { access, constants } = await import('node:fs/promises');
  return access(dir, constants.W_OK).then(
    () => err,
    (probe: NodeJS.ErrnoException) => (probe.code && CAUSES[probe.code] ? probe : err),
  );
}
