/**
 * Which of the checked figures this run may regenerate: all of them, the ids
 * named on the command line (script ids or output ids), and/or one shard.
 * Unselected figures are still published from the cache when they can be.
 */
import type { CheckedFigure } from './checkFigures';
import { closestIds } from './closest';
import { PipelineUsageError } from './errors';
import type { Manifest } from './manifest';

export function selectFigures(valid: CheckedFigure[], only: string[] | undefined, previous: Manifest | undefined): Set<string> {
  if (!only?.length) return new Set(valid.map((f) => f.script));
  const byScriptId = new Map(valid.map((f) => [f.description.id, f.script]));
  const byOutputId = new Map<string, string>();
  for (const e of Object.values(previous?.figures ?? {})) {
    const f = valid.find((v) => v.description.id === e.script.id);
    if (f) byOutputId.set(e.id, f.script);
  }
  const known = [...byScriptId.keys(), ...byOutputId.keys()];
  const sel = new Set<string>();
  for (const id of only) {
    const s = byScriptId.get(id) ?? byOutputId.get(id);
    if (!s) {
      const near = closestIds(id, known);
      throw new PipelineUsageError(
        `unknown figure id "${id}"${near.length ? `; did you mean ${near.map((x) => `"${x}"`).join(', ')}?` : ' (no figures found)'}`,
      );
    }
    sel.add(s);
  }
  return sel;
}
