/** A mark's colour for item i: one colour, a list cycled through, or a function of i. */
export const colorAt = (c: string | readonly string[] | ((i: number) => string) | undefined, i: number, fallback: string): string =>
  c === undefined ? fallback : typeof c === 'string' ? c : typeof c === 'function' ? c(i) : c[i % c.length];
