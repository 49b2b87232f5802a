/**
 * The "How this figure was made" disclosures of a post, as remark-figure-made
 * records them in the frontmatter: one per generated figure, in document
 * order. Each has its own page, `<post>/made/<anchor>/`, holding the body the
 * disclosure shows when opened.
 */
export interface FigureMadeRef {
  /** Output id (manifest key). */
  id: string;
  /** The figure's anchor on the post (`fig-<id>`, `fig-<id>-hero`). */
  anchor: string;
  /** Figure number; absent for the hero. */
  number?: string;
  /** Anchor and number of the first figure of the same script, for a later output. */
  madeRef?: string;
  madeRefNumber?: string;
}

/** The list from a post's `remarkPluginFrontmatter` (empty for a post without generated figures). */
export function figuresMadeOf(frontmatter: Record<string, unknown> | undefined): FigureMadeRef[] {
  const list = frontmatter?.figuresMade;
  return Array.isArray(list) ? (list as FigureMadeRef[]) : [];
}

/** Path of a disclosure's page below the post's URL (`made/<anchor>/`). */
export function madePagePath(anchor: string): string {
  return `made/${anchor}/`;
}

/** Whether a page URL is one of those disclosure pages (kept out of the sitemap: they belong to their post). */
export function isMadePage(url: string): boolean {
  return /\/made\/[^/]+\/$/.test(new URL(url).pathname);
}
