/**
 * Report: the one summary line of a run, then every failure message (so the
 * last lines of a CI log say what went wrong, whatever stage it was in).
 */
import type { FigureFailure } from './errors';
import { formatSeconds, type Logger } from './reporter';
import type { FigureOutcome } from './runRecord';

export function summaryLine(list: FigureOutcome[], durationMs: number): string {
  const n = (s: FigureOutcome['status']): number => list.filter((o) => o.status === s).length;
  const skipped = n('skipped') ? `, ${n('skipped')} skipped` : '';
  return (
    `${list.length} figure${list.length === 1 ? '' : 's'}: ${n('generated')} generated, ${n('cached')} cached, ${n('failed')} failed${skipped} in ${formatSeconds(durationMs)}` +
    (n('generated') === 0 && n('failed') === 0 ? ' — nothing regenerated' : '')
  );
}

export function reportRun(logger: Logger, list: FigureOutcome[], failures: FigureFailure[], durationMs: number): void {
  logger.info(summaryLine(list, durationMs));
  for (const f of failures) logger.error(f.message);
}
