/**
 * "Did you mean …?" for unknown figure ids: the known ids ranked by edit
 * distance (Levenshtein), ties broken alphabetically so messages are stable.
 * A known id that starts like the typed one (`ellipse` → `ellipse-functions`)
 * is scored by its prefix plus a small penalty, so long ids with the right
 * stem are not buried under short unrelated ones.
 */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(up + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

export function closestIds(id: string, known: Iterable<string>, count = 3): string[] {
  return [...known]
    .map((k) => ({ k, d: score(id.toLowerCase(), k.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k))
    .slice(0, count)
    .map((x) => x.k);
}

function score(typed: string, known: string): number {
  const whole = editDistance(typed, known);
  if (known.length <= typed.length) return whole;
  return Math.min(whole, editDistance(typed, known.slice(0, typed.length)) + 0.5);
}
