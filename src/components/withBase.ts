/** Prefixes a base-relative path (`figures/x.png`) with Astro's base URL. */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  return base + path.replace(/^\/+/, '');
}
