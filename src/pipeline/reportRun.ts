/**
 * Report: the one summary line of a run, then every failure message (so the
 * last lines of a CI log say what went wrong, whatever stage it was in).
 */
import type { FigureFailure } from './errors';
import { formatSeconds, plural, type Logger } from './reporter';
import type { FigureOutcome } from './runRecord';

/**
 * The summary counts what was asked for (selected, in this shard); the other
 * scripts were only published from the cache.
 */
export function summaryLine(list: FigureOutcome[], selected: Set<string>, scripts: number, durationMs: number): string {
  const shown = list.filter((o) => selected.has(o.script));
  const n = (s: FigureOutcome['status']): number => shown.filter((o) => o.status === s).length;
  const others = scripts - selected.size;
  return (
    `${plural(shown.length, 'figure')}: ${n('generated')} generated, ${n('cached')} cached, ${n('failed')} failed in ${formatSeconds(durationMs)}` +
    (others ? ` (${plural(others, 'other')} not selected)` : '') +
    (n('generated') === 0 && n('failed') === 0 ? ' — nothing regenerated' : '')
  );
}

export function reportRun(
  logger: Logger,
  list: FigureOutcome[],
  selected: Set<string>,
  scripts: number,
  failures: FigureFailure[],
  durationMs: number,
): void {
  logger.info(summaryLine(list, selected, scripts, durationMs));
  for (const f of failures) logger.error(f.message);
}
