/**
 * Check: which planned figures can run at all. A script that failed to load
 * or has invalid params fails here; so do two scripts claiming one definition
 * id (they would share a cache directory). After generation, two scripts
 * writing the same output id fail together (output ids are global).
 */
import type { PlannedFigure } from './planFigures';
import type { Provenance } from './provenance';
import type { RunRecord } from './runRecord';
import type { Description } from './workerProtocol';

/** A figure that passed the check: its definition and key are known. */
export type CheckedFigure = PlannedFigure & { description: Description; key: string };

/** Scripts that cannot run are failures only when selected: a run about one figure reports that figure. */
export function checkFigures(planned: PlannedFigure[], record: RunRecord, selected: Set<string>): CheckedFigure[] {
  for (const f of planned) if (f.error && selected.has(f.script)) record.fail(f, f.error);
  const ok = planned.filter((f): f is CheckedFigure => !f.error && !!f.description && !!f.key);
  const byId = new Map<string, CheckedFigure[]>();
  for (const f of ok) byId.set(f.description.id, [...(byId.get(f.description.id) ?? []), f]);
  for (const [id, fs] of byId) {
    if (fs.length > 1) record.fail(fs, `figure id "${id}" is defined by more than one script: ${fs.map((x) => x.script).join(' and ')}`);
  }
  return ok.filter((f) => byId.get(f.description.id)!.length === 1);
}

/** Drop (and fail) every script whose output id another script also writes. */
export function checkOutputOwners(results: Map<string, Provenance>, valid: CheckedFigure[], record: RunRecord): void {
  const owners = new Map<string, string[]>();
  for (const [script, prov] of results) for (const o of prov.outputs) owners.set(o.id, [...(owners.get(o.id) ?? []), script]);
  for (const [outId, scripts] of owners) {
    if (scripts.length < 2) continue;
    scripts.sort();
    for (const s of scripts) results.delete(s);
    record.fail(
      scripts.map((s) => valid.find((x) => x.script === s)!),
      `output id "${outId}" is written by more than one script: ${scripts.join(' and ')}`,
    );
  }
}
