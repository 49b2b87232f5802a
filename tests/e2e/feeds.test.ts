/** RSS feed and sitemap: absolute URLs that include the base and point at real pages. */
import { describe, expect, inject, it } from 'vitest';
import { fetchText, sitemapPages, toLocal } from './crawl';

const sites = inject('sites');

describe.each(sites)('feeds ($name)', (site) => {
  it('the RSS feed links the site and every post with absolute URLs under the base', async () => {
    const { status, text } = await fetchText(site.url + 'rss.xml');
    expect(status).toBe(200);
    const links = [...text.matchAll(/<link>([^<]+)<\/link>/g)].map((m) => m[1]);
    expect(links[0]).toBe(site.publicUrl);
    const items = links.slice(1);
    expect(items.length).toBeGreaterThan(0);
    const pages = await sitemapPages(site);
    for (const item of items) {
      expect(item.startsWith(site.publicUrl), item).toBe(true);
      expect(pages).toContain(item);
      expect((await fetch(toLocal(site, item))).status, item).toBe(200);
    }
  });

  it('every page links the feed and the sitemap under the base', async () => {
    const { text } = await fetchText(site.url);
    expect(text).toContain(`href="${site.base}rss.xml"`);
    expect(text).toContain(`href="${site.base}sitemap-index.xml"`);
  });

  it('the sitemap lists only absolute URLs under the base, each served', async () => {
    const pages = await sitemapPages(site);
    for (const p of pages) {
      expect(p.startsWith(site.publicUrl), p).toBe(true);
      expect((await fetch(toLocal(site, p))).status, p).toBe(200);
    }
  });
});
