/**
 * "Latest edit wins" for the dev server: a request while a run is going
 * cancels that run (its AbortSignal fires, so even a figure stuck in
 * `while (true) {}` has its worker terminated) and starts a fresh one as soon
 * as it has stopped. Runs never overlap; requests during a run collapse into
 * one rerun. Figures that finished before the cancel stay committed.
 */
export class LatestRun {
  private current: AbortController | undefined;
  private again = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly run: (signal: AbortSignal) => Promise<void>) {}

  get running(): boolean {
    return this.loop !== undefined;
  }

  request(): Promise<void> {
    if (this.loop) {
      this.again = true;
      this.current?.abort(new Error('a newer change started a new run'));
      return this.loop;
    }
    this.loop = (async () => {
      try {
        do {
          this.again = false;
          this.current = new AbortController();
          await this.run(this.current.signal);
        } while (this.again);
      } finally {
        this.current = undefined;
        this.loop = undefined;
      }
    })();
    return this.loop;
  }
}
