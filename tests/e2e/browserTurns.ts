/**
 * One Chromium page at a time across all browser-test files, which vitest
 * runs in parallel forks: on a loaded two-core machine two pages at once
 * (plus the unit tests) made page loads slow enough to time out.
 *
 * The global setup serves a turn: GET answers (headers only) when it is the
 * caller's turn and the turn lasts while the connection stays open. Closing
 * it, or the process dying, passes the turn on, so a crashed test file
 * cannot hold it.
 */
import { createServer, type ServerResponse } from 'node:http';

export interface TurnServer {
  url: string;
  close(): Promise<void>;
}

export async function serveTurns(): Promise<TurnServer> {
  const waiting: ServerResponse[] = [];
  let holder: ServerResponse | undefined;
  const next = (): void => {
    holder = undefined;
    while (!holder && waiting.length) {
      const res = waiting.shift()!;
      if (res.destroyed) continue;
      holder = res;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.flushHeaders();
    }
  };
  const server = createServer((req, res) => {
    res.on('close', () => {
      const at = waiting.indexOf(res);
      if (at >= 0) waiting.splice(at, 1);
      if (holder === res) next();
    });
    waiting.push(res);
    if (!holder) next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/turn`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits for this caller's turn; call the returned function to give it back. */
export async function takeTurn(url: string): Promise<() => void> {
  const abort = new AbortController();
  await fetch(url, { signal: abort.signal });
  return () => abort.abort();
}
