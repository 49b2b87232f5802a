/** Errors of a pipeline run: each failure names the figure (and script). */
export interface FigureFailure {
  /** Definition id when known, else the script path. */
  id: string;
  script: string;
  message: string;
}

export class PipelineError extends Error {
  constructor(readonly failures: FigureFailure[]) {
    super(
      failures.length === 1
        ? failures[0].message
        : `${failures.length} figures failed:\n${failures.map((f) => `  - ${f.message}`).join('\n')}`,
    );
    this.name = 'PipelineError';
  }
}

/** A usage error (unknown id on the command line, …): nothing ran. */
export class PipelineUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelineUsageError';
  }
}
