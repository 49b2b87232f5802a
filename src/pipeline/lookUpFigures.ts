/**
 * Look up: for every checked figure, a verified cache entry (cached), or a
 * place in the generate queue when it is selected (stale), or nothing at all
 * (skipped: stale but not selected, e.g. another shard's figure). Only
 * selected figures get a line.
 */
import { readEntry } from './cacheStore';
import type { CheckedFigure } from './checkFigures';
import type { Provenance } from './provenance';
import type { Reporter } from './reporter';
import type { RunRecord } from './runRecord';

export interface LookUp {
  /** Verified provenance by script path. */
  cached: Map<string, Provenance>;
  stale: CheckedFigure[];
}

export async function lookUpFigures(
  root: string,
  valid: CheckedFigure[],
  selected: Set<string>,
  force: boolean,
  record: RunRecord,
  reporter: Reporter,
): Promise<LookUp> {
  const cached = new Map<string, Provenance>();
  const stale: CheckedFigure[] = [];
  for (const f of valid) {
    const id = f.description.id;
    const entry = await readEntry(root, id, f.key);
    const isSelected = selected.has(f.script);
    if (entry.ok && !(force && isSelected)) {
      cached.set(f.script, entry.provenance);
      record.done(f, 'cached', entry.provenance);
      if (isSelected) reporter.status(id, 'cached');
    } else if (isSelected) {
      if (!entry.ok && entry.reason !== 'missing') reporter.status(id, `cache entry damaged (${entry.reason}), regenerating`);
      stale.push(f);
    } else {
      record.skip(f);
    }
  }
  return { cached, stale };
}
