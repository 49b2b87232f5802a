/**
 * A tiny static file server for a built site, mounted under its base path
 * (as GitHub Pages serves a project site): `/ntk/x/` → `<dir>/x/index.html`.
 * Anything outside the base, or missing, is a 404 with the site's 404 page.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export interface StaticSite {
  /** Origin plus base, ending in `/`, e.g. `http://127.0.0.1:40123/ntk/`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Maps a URL path to a file inside `dir`, or undefined (outside base, traversal, missing). */
export function resolveFile(dir: string, base: string, pathname: string): string | undefined {
  if (!pathname.startsWith(base)) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return undefined;
  }
  const file = normalize(join(dir, rel));
  if (file !== dir && !file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return undefined;
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = join(file, 'index.html');
  if (existsSync(index)) return pathname.endsWith('/') || rel === '' ? index : undefined;
  return undefined;
}

/** Text types GitHub Pages compresses (images and fonts are already compressed). */
const GZIPPED = new Set(['.html', '.css', '.js', '.json', '.xml', '.svg', '.txt', '.ts', '.csv']);

/**
 * Serve `dir` under `base`. With `gzip`, text is sent gzip-encoded to clients
 * that accept it, as GitHub Pages does (the web benchmark counts those bytes).
 */
export async function serveStatic(dir: string, base: string, options: { gzip?: boolean } = {}): Promise<StaticSite> {
  const root = normalize(dir);
  const server: Server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    const file = resolveFile(root, base, pathname);
    if (!file) {
      const notFound = join(root, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      if (existsSync(notFound) && req.method !== 'HEAD') createReadStream(notFound).pipe(res);
      else res.end();
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (options.gzip && GZIPPED.has(extname(file)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(createGzip({ level: 9 })).pipe(res);
      return;
    }
    res.writeHead(200, { 'content-type': type, 'content-length': statSync(file).size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + base,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
