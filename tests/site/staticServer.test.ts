import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFile, serveStatic } from '../e2e/staticServer';

// The browser tests trust this server to behave like GitHub Pages for a project site.
const dir = mkdtempSync(join(tmpdir(), 'static-'));
mkdirSync(join(dir, 'post'));
writeFileSync(join(dir, 'index.html'), 'home');
writeFileSync(join(dir, 'post', 'index.html'), 'post');
writeFileSync(join(dir, '404.html'), 'missing');
writeFileSync(join(dir, 'a.css'), 'body{}');

describe('resolveFile', () => {
  it('maps paths under the base to files and directory indexes', () => {
    expect(resolveFile(dir, '/ntk/', '/ntk/')).toBe(join(dir, 'index.html'));
    expect(resolveFile(dir, '/ntk/', '/ntk/post/')).toBe(join(dir, 'post', 'index.html'));
    expect(resolveFile(dir, '/ntk/', '/ntk/a.css')).toBe(join(dir, 'a.css'));
  });

  it('refuses paths outside the base, traversal and missing files', () => {
    expect(resolveFile(dir, '/ntk/', '/a.css')).toBeUndefined();
    expect(resolveFile(dir, '/ntk/', '/ntk/../a.css')).toBeUndefined();
    expect(resolveFile(dir, '/ntk/', '/ntk/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(resolveFile(dir, '/ntk/', '/ntk/nope.css')).toBeUndefined();
  });
});

describe('serveStatic', async () => {
  const site = await serveStatic(dir, '/ntk/');
  afterAll(() => site.close());

  it('serves under the base with content types, and the 404 page with status 404', async () => {
    const css = await fetch(site.url + 'a.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    const missing = await fetch(site.origin + '/post/');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('missing');
  });
});
