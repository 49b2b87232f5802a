/**
 * The content-hashed name a cache file is published under. Generic over
 * whatever files a provenance lists: the hash goes after the file's stem, so
 * `a-img.png` → `a-img.<h>.png` and `a-img.poster.png` → `a-img.<h>.poster.png`;
 * data files are prefixed by the script's slug because data names are only
 * unique within one script: `data/loss.json` → `ntk-x.loss.<h>.json`.
 */
export const slug = (scriptId: string): string => scriptId.replace(/[^A-Za-z0-9_-]/g, '-');

export function publishedName(scriptId: string, cachePath: string, sha256: string): string {
  const h = sha256.slice(0, 8);
  const base = cachePath.split('/').pop()!;
  const dot = base.indexOf('.');
  const [stem, rest] = dot < 0 ? [base, ''] : [base.slice(0, dot), base.slice(dot)];
  return cachePath.startsWith('data/') ? `${slug(scriptId)}.${stem}.${h}${rest}` : `${stem}.${h}${rest}`;
}
