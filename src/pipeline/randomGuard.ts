/**
 * Unseeded randomness is impossible inside a figure worker: `Math.random`
 * and `crypto.getRandomValues` throw, naming the figure. A figure that used
 * them would give different bytes on every run under the same cache key
 * (two `--force` runs disagreed), silently breaking the promise that the
 * key decides the output. Figures take randomness from the seeded `rng`.
 *
 * Installed once per worker thread, before any script is loaded; the figure
 * named is whichever the worker is running (one task at a time).
 */
export class UnseededRandomError extends Error {
  constructor(what: string, figure: string) {
    super(`${what} is not allowed in figure ${figure}: unseeded randomness would make its output differ between runs with the same cache key; use the rng passed to render`);
    this.name = 'UnseededRandomError';
  }
}

export function forbidUnseededRandomness(currentFigure: () => string): void {
  const forbid = (target: object, name: string, what: string): void => {
    Object.defineProperty(target, name, {
      value: () => {
        throw new UnseededRandomError(what, currentFigure());
      },
      writable: false,
      configurable: false,
    });
  };
  forbid(Math, 'random', 'Math.random()');
  // node:crypto's getRandomValues delegates to this same object, so one override covers both.
  if (globalThis.crypto) forbid(globalThis.crypto, 'getRandomValues', 'crypto.getRandomValues()');
}
