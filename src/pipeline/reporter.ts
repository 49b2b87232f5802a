/**
 * Progress output of a pipeline run. Effects are injected: `log` receives
 * whole lines (tests record them; the CLI prints them; the Astro integration
 * hands them to Astro's logger) and `live` — present only on a terminal —
 * redraws a single status line with the running figures and their percent.
 * Without a terminal (CI, logs) long figures get a plain line every 10%, and
 * a heartbeat ("still running: ntk/x, 40 s, 'training'") at a fixed interval,
 * so a figure that spins without reporting progress is still named in the log.
 */
export interface Logger {
  info(line: string): void;
  error(line: string): void;
}

export interface LiveLine {
  /** Replace the status line (no newline). */
  update(text: string): void;
  /** Erase it, so a regular line can be printed. */
  clear(): void;
}

export const consoleLogger: Logger = {
  info: (l) => console.log(l),
  error: (l) => console.error(l),
};

/** A redrawn status line on a TTY stream, or null when the stream is not a terminal. */
export function ttyLiveLine(stream: NodeJS.WriteStream = process.stdout): LiveLine | null {
  if (!stream.isTTY) return null;
  let shown = false;
  return {
    update(text) {
      const width = Math.max(20, (stream.columns || 80) - 1);
      stream.write(`\r\x1b[2K${text.length > width ? text.slice(0, width - 1) + '…' : text}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Plain progress lines only for figures running at least this long. */
const PLAIN_PROGRESS_AFTER_MS = 2000;

interface Running {
  start: number;
  fraction: number;
  label?: string;
  lastDecile: number;
}

/** Default interval of the plain-output heartbeat. */
export const HEARTBEAT_MS = 30_000;

export class Reporter {
  private running = new Map<string, Running>();
  private width = 0;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly clock: () => number,
    private readonly live: LiveLine | null,
    private readonly heartbeatMs: number = HEARTBEAT_MS,
  ) {}

  /** Align the status column to the longest id of this run. */
  setIds(ids: string[]): void {
    this.width = Math.max(0, ...ids.map((i) => i.length));
  }

  /**
   * First line of a run, before any hashing or worker start-up: on a cold
   * definition cache planning takes seconds, and silence reads as a hang.
   */
  planning(scripts: number): void {
    this.line(scripts ? `planning ${plural(scripts, 'figure script')} (hashing sources, loading changed definitions)…` : 'no figure scripts under figures/');
  }

  /** What the cache lookup decided, before any figure starts rendering. */
  planned(cached: number, toGenerate: number, ms: number): void {
    this.line(`planned in ${formatSeconds(ms)}: ${cached} cached, ${toGenerate} to generate`);
  }

  line(text: string, level: 'info' | 'error' = 'info'): void {
    this.live?.clear();
    this.logger[level](text);
    this.redraw();
  }

  status(id: string, text: string, level: 'info' | 'error' = 'info'): void {
    this.line(`${id.padEnd(this.width)}  ${text}`, level);
  }

  started(id: string): void {
    this.running.set(id, { start: this.clock(), fraction: 0, lastDecile: 0 });
    if (!this.live && !this.heartbeat && this.heartbeatMs > 0) {
      this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
      this.heartbeat.unref();
    }
    this.redraw();
  }

  /** One line per figure that has been running for at least one interval. */
  beat(): void {
    const now = this.clock();
    for (const [id, r] of this.running) {
      const ms = now - r.start;
      if (ms < this.heartbeatMs) continue;
      this.logger.info(`still running: ${id}, ${Math.round(ms / 1000)} s${r.label ? `, '${r.label}'` : ''}`);
    }
  }

  progress(id: string, fraction: number, label?: string): void {
    const r = this.running.get(id);
    if (!r) return;
    r.fraction = fraction;
    if (label) r.label = label;
    if (this.live) {
      this.redraw();
      return;
    }
    const decile = Math.floor(fraction * 10);
    if (decile > r.lastDecile && decile < 10 && this.clock() - r.start >= PLAIN_PROGRESS_AFTER_MS) {
      r.lastDecile = decile;
      this.status(id, `${decile * 10}%${r.label ? ` ${r.label}` : ''}`);
    }
  }

  finished(id: string): void {
    this.running.delete(id);
    this.redraw();
  }

  /** Erase the live line at the end of a run. */
  close(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.running.clear();
    this.live?.clear();
  }

  private redraw(): void {
    if (!this.live) return;
    if (this.running.size === 0) {
      this.live.clear();
      return;
    }
    const now = this.clock();
    const parts = [...this.running].map(
      ([id, r]) => `${id} ${Math.floor(r.fraction * 100)}%${r.label ? ` ${r.label}` : ''} (${formatSeconds(now - r.start)})`,
    );
    this.live.update(parts.join(' · '));
  }
}
