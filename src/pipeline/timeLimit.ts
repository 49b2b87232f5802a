/**
 * How long one figure may run. Ten minutes by default: long enough for any
 * figure of a blog post, short enough that a `while (true) {}` in CI fails
 * with the figure's name instead of burning the job's whole budget. A script
 * that trains for hours raises it with `timeLimitSeconds` in its definition.
 */
export const DEFAULT_TIME_LIMIT_SECONDS = 600;

export function timeLimitMs(scriptLimitSeconds: number | undefined, defaultMs = DEFAULT_TIME_LIMIT_SECONDS * 1000): number {
  return scriptLimitSeconds !== undefined ? scriptLimitSeconds * 1000 : defaultMs;
}
