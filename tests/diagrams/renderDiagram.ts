/**
 * Renders an Astro component to HTML inside vitest. Our vitest config has no
 * Astro plugin, so `.astro` files cannot be imported directly; instead we start
 * a middleware-mode Vite server configured by Astro (`getViteConfig`) and load
 * the component through it, then render it with the container API.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { getViteConfig } from 'astro/config';
import { createServer, type ViteDevServer } from 'vite';

let server: ViteDevServer | undefined;

async function vite(): Promise<ViteDevServer> {
  if (server) return server;
  // configFile: false — compile .astro files only; the project's integrations
  // (the figure pipeline among them) must not start inside a unit test.
  const configFn = getViteConfig(
    { logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false } },
    { configFile: false, logLevel: 'error' },
  );
  const config = await configFn({ command: 'serve', mode: 'test' });
  server = await createServer({ ...config, configFile: false });
  return server;
}

export async function renderDiagram(path: string, props: Record<string, unknown> = {}): Promise<string> {
  const mod = await (await vite()).ssrLoadModule(path);
  const container = await AstroContainer.create();
  return container.renderToString(mod.default, { props });
}

export async function closeRenderer(): Promise<void> {
  await server?.close();
  server = undefined;
}
