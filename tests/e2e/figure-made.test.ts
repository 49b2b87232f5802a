/**
 * "How this figure was made" on the built post: one full disclosure per
 * script (parameters once, every module of its cache key linked), later
 * outputs of a script pointing at it, and a light page (issue 8 counted
 * ≈4.4k elements in closed parameter tables, then ~290 KB of bodies waiting
 * in <template>s): each body is its own page, fetched when opened, and the
 * page a reader without JavaScript follows the disclosure's link to.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, fetchText, madeSettled, openContext, sitemapPages, toLocal } from './crawl';

const sites = inject('sites');
const site = sites[0];

interface MadeReport {
  full: { script: string; modulesSaid: number; moduleLinks: number; pre: number }[];
  refs: { target: string; exists: boolean }[];
  elements: number;
  figures: number;
}

describe('how each figure was made', () => {
  let browser: Browser;
  const reports: MadeReport[] = [];
  beforeAll(async () => {
    browser = await connect();
    const context = await openContext(browser);
    const page = await context.newPage();
    for (const url of (await sitemapPages(site)).map((p) => toLocal(site, p))) {
      await page.goto(url);
      // Closed, as every reader loads the page.
      const elements = await page.evaluate(() =>
        [...document.querySelectorAll('details.figure-made')].reduce((n, d) => n + d.querySelectorAll('*').length, 0),
      );
      await page.evaluate(() => document.querySelectorAll('details.figure-made').forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await page.waitForFunction(madeSettled);
      reports.push(
        await page.evaluate((elements) => {
          const made = [...document.querySelectorAll('details.figure-made')];
          return {
            figures: made.length,
            elements,
            full: made.flatMap((d) => {
              const body = d.querySelector('.figure-made-body');
              if (!body) return [];
              return [{
                script: body.querySelector('p code')?.textContent ?? '',
                modulesSaid: Number(/(\d+) local modules/.exec(body.textContent ?? '')?.[1] ?? 0),
                moduleLinks: body.querySelectorAll('.figure-modules a').length,
                pre: body.querySelectorAll('pre').length,
              }];
            }),
            refs: made.flatMap((d) =>
              d.querySelector('.figure-made-body')
                ? []
                : [...d.querySelectorAll('a[href^="#"]')].map((a) => {
                    const target = decodeURIComponent(a.getAttribute('href')!.slice(1));
                    return { target, exists: document.getElementById(target)?.matches('details.figure-made .figure-made-body, details.figure-made') === true };
                  }),
            ),
          };
        }, elements),
      );
    }
    await context.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows each script in full once per page, with its parameters and every module linked', () => {
    const withFigures = reports.filter((r) => r.figures > 0);
    expect(withFigures.length).toBeGreaterThan(0);
    for (const r of withFigures) {
      const scripts = r.full.map((f) => f.script);
      expect(new Set(scripts).size, 'no script shown in full twice').toBe(scripts.length);
      for (const f of r.full) {
        expect(f.script).toMatch(/\.figure\.ts$/);
        expect(f.pre).toBe(1);
        expect(f.modulesSaid).toBeGreaterThan(0);
        expect(f.moduleLinks, f.script).toBe(f.modulesSaid);
      }
      // Every other figure points at a full disclosure on the same page.
      expect(r.full.length + r.refs.length).toBe(r.figures);
      for (const ref of r.refs) expect(ref.exists, ref.target).toBe(true);
    }
  });

  it('keeps closed disclosures light: a summary and a link each', () => {
    for (const r of reports.filter((x) => x.figures > 0)) expect(r.elements / r.figures).toBeLessThan(4);
  });

  it('following the link of a later output opens the first disclosure of its script', async () => {
    const context = await openContext(browser);
    try {
      const page = await context.newPage();
      const post = (await sitemapPages(site)).map((p) => toLocal(site, p)).find((u) => /\/ntk\/$/.test(u))!;
      await page.goto(post);
      // A later output's disclosure has no id of its own (only first ones are link targets).
      const ref = page.locator('details.figure-made:not([id])').first();
      await ref.locator('summary').click();
      const link = ref.locator('a[href^="#"]');
      const target = (await link.getAttribute('href'))!.slice(1);
      await link.click();
      await page.waitForFunction((id) => (document.getElementById(id) as HTMLDetailsElement | null)?.open === true, target);
      expect(await page.locator(`[id="${target}"] .figure-made-body pre`).count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe.each(sites)('each disclosure has its own page ($name)', (s) => {
  let browser: Browser;
  let posts: string[] = [];
  beforeAll(async () => {
    browser = await connect();
    posts = (await sitemapPages(s)).map((p) => toLocal(s, p)).filter((u) => new URL(u).pathname !== new URL(s.url).pathname);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the post carries links, not bodies; every linked page holds the body, unindexed and outside the sitemap', async () => {
    const sitemap = (await sitemapPages(s)).join(' ');
    let disclosures = 0;
    for (const post of posts) {
      const html = (await fetchText(post)).text;
      for (const heavy of ['<template', 'figure-made-body', 'figure-notes', 'figure-params']) expect(html, `${heavy} in ${post}`).not.toContain(heavy);
      const links = [...html.matchAll(/<p class="figure-made-link"><a href="([^"]+)"/g)].map((m) => new URL(m[1], post).href);
      expect(links.length, post).toBe((html.match(/<details class="figure-made"/g) ?? []).length);
      for (const link of links) {
        expect(link.startsWith(`${post}made/`), link).toBe(true);
        const page = await fetchText(link);
        expect(page.status, link).toBe(200);
        expect(page.text).toContain('class="figure-made figure-made-content"');
        expect(page.text).toContain('<meta name="robots" content="noindex">');
        expect(sitemap).not.toContain(link.slice(s.url.length));
      }
      disclosures += links.length;
    }
    expect(disclosures).toBeGreaterThan(0);
  });

  it('without JavaScript, an opened disclosure links to its page, which links back to the figure', async () => {
    const context = await openContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const post = posts.find((u) => /\/ntk\/$/.test(u))!;
      await page.goto(post);
      const made = page.locator('details.figure-made').nth(1);
      await made.locator('summary').click();
      const link = made.locator('.figure-made-link a');
      expect(await link.isVisible()).toBe(true);
      const anchor = await made.evaluate((d) => d.closest('figure')!.id);
      await link.click();
      await page.waitForURL(/\/made\//);
      expect(await page.locator('.figure-made-content pre').count()).toBe(1);
      const back = page.locator('.post-meta a').first();
      expect(new URL((await back.getAttribute('href'))!, page.url()).href).toBe(`${post}#${anchor}`);
    } finally {
      await context.close();
    }
  });

  it('a disclosure whose page cannot be fetched keeps the link to it', async () => {
    const context = await openContext(browser);
    try {
      const page = await context.newPage();
      await page.route('**/made/**', (route) => route.fulfill({ status: 503, body: '' }));
      await page.goto(posts.find((u) => /\/ntk\/$/.test(u))!);
      const made = page.locator('details.figure-made').first();
      await made.locator('summary').click();
      await page.waitForFunction(() => (document.querySelector('details.figure-made') as HTMLElement).dataset.made === 'failed');
      expect(await made.locator('.figure-made-link a').isVisible()).toBe(true);
      expect(await made.getAttribute('aria-busy')).toBeNull();
    } finally {
      await context.close();
    }
  });
});
