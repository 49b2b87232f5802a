/** The two builds the browser tests run against, shared by setup and tests. */
export interface SiteBuild {
  /** Label used in test names. */
  name: string;
  /** Astro `base`, with trailing slash. */
  base: string;
  /** SITE_URL given to the build ('' = Astro config default). */
  siteUrl: string;
  /** Output directory, relative to the project. */
  outDir: string;
}

export const SITE_BUILDS: SiteBuild[] = [
  { name: 'root base', base: '/', siteUrl: '', outDir: 'dist-e2e-root' },
  { name: 'project-site base', base: '/ntk/', siteUrl: 'https://example.github.io', outDir: 'dist-e2e-base' },
];

/** The default `site` of astro.config.mjs, used when SITE_URL is unset. */
export const DEFAULT_SITE_URL = 'http://localhost:4321';

export interface ServedSite extends SiteBuild {
  /** Local URL of the site root, e.g. `http://127.0.0.1:40123/ntk/`. */
  url: string;
  /** Public URL of the site root as the build sees it, e.g. `https://example.github.io/ntk/`. */
  publicUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sites: ServedSite[];
    wsEndpoint: string;
    /** URL of the one-page-at-a-time turn (browserTurns.ts). */
    browserTurn: string;
  }
}
