/**
 * Which scripts a run is about: all of them, or those named on the command
 * line by script id (`ntk/ellipses`) or output id (`ellipses`).
 *
 * Scripts that failed to plan are selectable too when their id is known
 * (invalid params: the worker reports the definition id). Otherwise
 * `generate ntk/hessian-heatmap` with a bad parameter would answer "unknown
 * figure id" and hide the one error the user needs to see.
 */
import { closestIds } from './closest';
import { PipelineUsageError } from './errors';
import type { Manifest } from './manifest';
import type { PlannedFigure } from './planFigures';

export function selectFigures(figures: PlannedFigure[], only: string[] | undefined, previous: Manifest | undefined): Set<string> {
  if (!only?.length) return new Set(figures.map((f) => f.script));
  const scripts = new Map<string, string[]>();
  const add = (id: string, script: string): void => {
    const known = scripts.get(id) ?? [];
    if (!known.includes(script)) scripts.set(id, [...known, script]);
  };
  for (const f of figures) {
    const id = f.description?.id ?? f.id;
    if (id) add(id, f.script);
  }
  // Output ids are only known once a script has run: take them from the last manifest.
  const planned = new Set(figures.map((f) => f.script));
  for (const e of Object.values(previous?.figures ?? {})) if (planned.has(e.script.path)) add(e.id, e.script.path);

  const selected = new Set<string>();
  for (const id of only) {
    const found = scripts.get(id);
    if (!found) throw new PipelineUsageError(unknownIdMessage(id, [...scripts.keys()], figures));
    for (const s of found) selected.add(s);
  }
  return selected;
}

function unknownIdMessage(id: string, known: string[], figures: PlannedFigure[]): string {
  const near = closestIds(id, known);
  const message = `unknown figure id "${id}"${near.length ? `; did you mean ${near.map((x) => `"${x}"`).join(', ')}?` : ' (no figures found)'}`;
  // A script that cannot even be loaded has no id: it may be the one the user meant.
  const anonymous = figures.filter((f) => f.error && !f.description && !f.id);
  if (!anonymous.length) return message;
  return `${message}\nthese scripts could not be loaded, so their ids are unknown:\n${anonymous.map((f) => f.error).join('\n')}`;
}
