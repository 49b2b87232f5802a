/**
 * The built site, for both bases: every sitemap page loads cleanly, images
 * decode, math renders, and every internal link and asset resolves.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, cssUrls, fetchText, sitemapPages, toLocal, visit, type PageReport } from './crawl';

const sites = inject('sites');

describe.each(sites)('site ($name)', (site) => {
  let browser: Browser;
  let pages: string[] = [];
  const reports: PageReport[] = [];
  let notFound: PageReport;

  beforeAll(async () => {
    browser = await connect();
    pages = await sitemapPages(site);
    for (const p of pages) reports.push(await visit(browser, toLocal(site, p)));
    notFound = await visit(browser, site.url + 'this-page-does-not-exist/');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the home page and at least one post in the sitemap, with absolute URLs under the base', () => {
    expect(pages).toContain(site.publicUrl);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) expect(p.startsWith(site.publicUrl), p).toBe(true);
  });

  it('loads every page with status 200 and no console errors', () => {
    for (const r of reports) {
      expect(r.status, r.url).toBe(200);
      expect(r.errors, r.url).toEqual([]);
    }
  });

  it('answers an unknown address with the 404 page, whose assets and home link resolve', async () => {
    expect(notFound.status).toBe(404);
    // The only error allowed is Chromium logging the 404 of the document itself.
    expect(notFound.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    expect(notFound.errors.length).toBeLessThanOrEqual(1);
    expect(notFound.links).toContain(site.url);
    for (const a of notFound.assets.filter((u) => u.startsWith(site.url))) expect((await fetch(a)).status, a).toBe(200);
  });

  it('decodes every image (natural size > 0)', () => {
    const images = reports.reduce((n, r) => n + r.imageCount, 0);
    expect(images).toBeGreaterThan(0);
    for (const r of reports) expect(r.brokenImages, r.url).toEqual([]);
  });

  it('renders math without KaTeX errors', () => {
    expect(reports.reduce((n, r) => n + r.katexCount, 0)).toBeGreaterThan(0);
    for (const r of reports) expect(r.katexErrors, r.url).toBe(0);
  });

  it('leaves no TeX unrendered in the text', () => {
    for (const r of reports) expect(r.strayTex, r.url).toEqual([]);
  });

  it('serves every asset from this site (no CDN), under the base', () => {
    const origin = new URL(site.url).origin;
    for (const r of reports) {
      for (const a of r.assets) {
        if (a.startsWith(site.publicUrl)) continue; // canonical / feed links carry the public URL
        expect(a.startsWith(site.url), `${a} on ${r.url}`).toBe(true);
        expect(new URL(a).origin).toBe(origin);
      }
    }
  });

  it('resolves every internal link, asset and stylesheet url() (HTTP 200)', async () => {
    const origin = new URL(site.url).origin;
    const targets = new Set<string>();
    for (const r of reports) {
      for (const u of [...r.links, ...r.assets]) {
        const local = toLocal(site, u);
        if (new URL(local).origin === origin) targets.add(local.split('#')[0]);
      }
    }
    const failures: string[] = [];
    const css: string[] = [];
    for (const t of targets) {
      const res = await fetch(t);
      if (res.status !== 200) failures.push(`${res.status} ${t}`);
      if (t.endsWith('.css')) css.push(t);
      await res.arrayBuffer();
    }
    for (const sheet of css) {
      const { text } = await fetchText(sheet);
      for (const u of cssUrls(text, sheet)) {
        const res = await fetch(u, { method: 'HEAD' });
        if (res.status !== 200) failures.push(`${res.status} ${u} (from ${sheet})`);
      }
    }
    expect(targets.size).toBeGreaterThan(5);
    expect(css.length).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });

  it('has a target for every in-page #fragment link (TOC, FigRef, Cite, footnotes)', () => {
    for (const r of reports) expect(r.missingFragments, r.url).toEqual([]);
  });

  it('numbers figures 1..n in document order, and every FigRef names the figure it links to', () => {
    const posts = reports.filter((r) => r.figures.length > 0);
    expect(posts.length).toBeGreaterThan(0);
    for (const r of posts) {
      const labels = r.figures.filter((f) => f.label !== null).map((f) => f.label);
      expect(labels, r.url).toEqual(labels.map((_, i) => `Figure ${i + 1}.`));
      const byAnchor = new Map(r.figures.map((f) => [f.anchor, f.label]));
      for (const ref of r.figrefs) {
        const target = byAnchor.get(ref.href.slice(1));
        expect(target, `${ref.href} on ${r.url}`).not.toBeUndefined();
        if (target === null) expect(ref.text).toBe('the figure at the top');
        else if (target) expect(`${ref.text}.`, ref.href).toBe(target);
      }
    }
  });
});
