/** An output a script wrote is unusable (bad id, missing alt text, wrong size): fails the figure at that line. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}
