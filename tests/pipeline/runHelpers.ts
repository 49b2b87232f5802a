/** Run the pipeline in-process on a fixture project, recording its log lines. */
import { runPipeline, type PipelineOptions, type PipelineResult } from '../../src/pipeline/runPipeline';
import type { FixtureProject } from './fixtureProject';

export interface Recorded {
  result?: PipelineResult;
  error?: Error & { result?: PipelineResult };
  lines: string[];
  errors: string[];
  /** Script ids by status. */
  generated: string[];
  cached: string[];
  failed: string[];
  /** Messages of every failure of the run, in order. */
  failures: () => string[];
}

export async function run(p: FixtureProject, extra: Partial<PipelineOptions> = {}): Promise<Recorded> {
  const lines: string[] = [];
  const errors: string[] = [];
  const rec: Recorded = { lines, errors, generated: [], cached: [], failed: [], failures: () => rec.result?.failures.map((f) => f.message) ?? [] };
  try {
    rec.result = await runPipeline({
      root: p.root,
      handleSignals: false,
      logger: { info: (l) => lines.push(l), error: (l) => errors.push(l) },
      ...extra,
    });
  } catch (err) {
    rec.error = err as Recorded['error'];
    rec.result = rec.error?.result;
  }
  for (const f of rec.result?.figures ?? []) {
    if (f.status === 'generated') rec.generated.push(f.id);
    if (f.status === 'cached') rec.cached.push(f.id);
    if (f.status === 'failed') rec.failed.push(f.id);
  }
  rec.generated.sort();
  rec.cached.sort();
  rec.failed.sort();
  return rec;
}
