/**
 * For a describe block that checks every page of one built site: connects to
 * the shared Chromium and lists the sitemap's pages before its tests, and
 * disconnects after them. `eachPage` then walks all pages in one page of one
 * context, so a test holds a single browser turn (browserTurns.ts) for the
 * whole site instead of taking one per page.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { connect, openContext, sitemapPages, toLocal } from './crawl';
import type { ServedSite } from './sites';

export interface VisitOptions {
  /** Open every <details> after loading (diagrams and figures live in collapsed proofs too). */
  openDetails?: boolean;
}

export interface SitePages {
  /** Goes to every page (local URL, sitemap order) in a context with `options` and hands it to `check`. */
  eachPage(options: BrowserContextOptions, check: (page: Page, url: string) => Promise<void>, visit?: VisitOptions): Promise<void>;
}

/** Call inside a describe: registers the hooks and returns the walker. */
export function sitePages(site: ServedSite): SitePages {
  let browser: Browser;
  let urls: string[] = [];
  beforeAll(async () => {
    browser = await connect();
    urls = (await sitemapPages(site)).map((p) => toLocal(site, p));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async eachPage(options, check, visit = {}) {
      const context = await openContext(browser, options);
      try {
        const page = await context.newPage();
        for (const url of urls) {
          await page.goto(url);
          if (visit.openDetails) {
            await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
          }
          await check(page, url);
        }
      } finally {
        await context.close();
      }
    },
  };
}
