/**
 * Several posts, no special cases: the home page and the RSS feed list every
 * post in content/, newest first (by the frontmatter dates), and on every post
 * the animation control works and the links to other posts resolve. The
 * generic checks (images, KaTeX, links, figure numbering) already run on every
 * sitemap page in site.test.ts, so on both posts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, fetchText, openContext, sitemapPages, toLocal } from './crawl';

const sites = inject('sites');

/** Post ids (folder names) with their frontmatter date, newest first; drafts excluded. */
function postsByDate(): { id: string; date: string }[] {
  const dir = join(process.cwd(), 'content');
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ id: e.name, fm: readFileSync(join(dir, e.name, 'index.mdx'), 'utf8').split(/^---$/m)[1] ?? '' }))
    .filter((p) => !/^draft:\s*true/m.test(p.fm))
    .map((p) => ({ id: p.id, date: /^date:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(p.fm)?.[1] ?? '' }))
    .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

describe.each(sites)('posts ($name)', (site) => {
  const posts = postsByDate();

  it('there are at least two posts, with distinct dates', () => {
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(posts.map((p) => p.date)).size).toBe(posts.length);
  });

  it('the home page lists every post, newest first', async () => {
    const { status, text } = await fetchText(site.url);
    expect(status).toBe(200);
    const listed = [...text.matchAll(/<h2>\s*<a href="([^"]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual(posts.map((p) => `${site.base}${p.id}/`));
  });

  it('the RSS feed lists every post, newest first, with its date', async () => {
    const { text } = await fetchText(site.url + 'rss.xml');
    const items = [...text.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>[\s\S]*?<pubDate>([^<]+)<\/pubDate>[\s\S]*?<\/item>/g)];
    expect(items.map((m) => m[1])).toEqual(posts.map((p) => `${site.publicUrl}${p.id}/`));
    expect(items.map((m) => new Date(m[2]).toISOString().slice(0, 10))).toEqual(posts.map((p) => p.date));
  });

  describe('on every post', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await connect();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('links to other posts resolve to posts in the sitemap, and the play/pause control of the first animation toggles', async () => {
      const pages = await sitemapPages(site);
      const context = await openContext(browser, { reducedMotion: 'no-preference' });
      try {
        const page = await context.newPage();
        for (const p of posts) {
          const url = `${site.url}${p.id}/`;
          await page.goto(url);
          const hrefs = await page.locator('article a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
          const others = posts.filter((q) => q.id !== p.id).map((q) => `${site.url}${q.id}/`);
          for (const h of hrefs.filter((h) => others.includes(h))) expect(pages.map((q) => toLocal(site, q))).toContain(h);
          const box = page.locator('[data-anim]').first();
          if ((await box.count()) === 0) continue;
          await box.scrollIntoViewIfNeeded();
          const button = box.locator('button.figure-toggle');
          await button.waitFor({ state: 'visible' });
          expect(await button.getAttribute('aria-pressed'), url).toBe('true');
          await button.click();
          expect(await button.getAttribute('aria-pressed'), url).toBe('false');
          await button.click();
          expect(await button.getAttribute('aria-pressed'), url).toBe('true');
        }
      } finally {
        await context.close();
      }
    });

    it('each post links to every other post at least once (the two posts refer to each other)', async () => {
      for (const p of posts) {
        const { text } = await fetchText(`${site.url}${p.id}/`);
        for (const q of posts.filter((q) => q.id !== p.id)) expect(text, `${p.id} → ${q.id}`).toContain(`href="${site.base}${q.id}/"`);
      }
    });
  });
});
