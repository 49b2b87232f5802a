/**
 * The content-hashed name a cache file is published under. Generic over
 * whatever files a provenance lists: the hash goes after the output id and
 * the rendition tag, if any, so `a.png` → `a.<h>.png`, `a.phone-dark-2x.webp`
 * → `a.phone-dark-2x.<h>.webp`, `a.social.png` → `a.social.<h>.png`; a
 * legacy poster keeps its name `a.<h>.poster.png`. Data files are prefixed by
 * the script's slug because data names are only unique within one script:
 * `data/loss.json` → `ntk-x.loss.<h>.json`.
 */
export const slug = (scriptId: string): string => scriptId.replace(/[^A-Za-z0-9_-]/g, '-');

export function publishedName(scriptId: string, cachePath: string, sha256: string): string {
  const h = sha256.slice(0, 8);
  const parts = cachePath.split('/').pop()!.split('.');
  if (cachePath.startsWith('data/')) return [slug(scriptId), parts[0], h, ...parts.slice(1)].join('.');
  const tagged = parts.length >= 3 && parts[1] !== 'poster';
  const at = tagged ? 2 : 1;
  return [...parts.slice(0, at), h, ...parts.slice(at)].join('.');
}
