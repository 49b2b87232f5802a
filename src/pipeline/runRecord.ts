/**
 * What a run has decided so far about each figure: its outcome (cached,
 * generated, failed, skipped) and the failure messages. Every stage writes
 * here, so the report at the end sees one consistent picture whichever stage
 * a figure stopped in.
 */
import type { FigureFailure } from './errors';
import type { PlannedFigure } from './planFigures';
import type { Provenance } from './provenance';

export interface FigureOutcome {
  script: string;
  id: string;
  title?: string;
  status: 'cached' | 'generated' | 'failed' | 'skipped';
  key?: string;
  durationMs?: number;
  bytes?: number;
  outputs: string[];
}

export class RunRecord {
  readonly outcomes = new Map<string, FigureOutcome>();
  readonly failures: FigureFailure[] = [];

  /** One failure (one message) that marks every script involved as failed. */
  fail(figures: PlannedFigure | PlannedFigure[], message: string): void {
    const all = Array.isArray(figures) ? figures : [figures];
    for (const f of all) {
      this.outcomes.set(f.script, { script: f.script, id: idOf(f), title: f.description?.title, status: 'failed', key: f.key, outputs: [] });
    }
    this.failures.push({ id: idOf(all[0]), script: all.map((f) => f.script).join(', '), message });
  }

  /** A failure of the run itself (publishing, the manifest), not of one figure. */
  failRun(id: string, message: string): void {
    this.failures.push({ id, script: '', message });
  }

  skip(f: PlannedFigure): void {
    this.outcomes.set(f.script, { script: f.script, id: idOf(f), title: f.description?.title, status: 'skipped', key: f.key, outputs: [] });
  }

  done(f: PlannedFigure, status: 'cached' | 'generated', prov: Provenance): FigureOutcome {
    const o: FigureOutcome = {
      script: f.script,
      id: idOf(f),
      title: f.description?.title,
      status,
      key: f.key,
      durationMs: prov.durationMs,
      bytes: prov.files.reduce((s, x) => s + x.bytes, 0),
      outputs: prov.outputs.map((x) => x.id),
    };
    this.outcomes.set(f.script, o);
    return o;
  }

  /** Outcomes in plan order (figures that never got one are left out). */
  list(figures: PlannedFigure[]): FigureOutcome[] {
    return figures.map((f) => this.outcomes.get(f.script)).filter((o): o is FigureOutcome => !!o);
  }
}

const idOf = (f: PlannedFigure): string => f.description?.id ?? f.id ?? f.script;
