/** Serves the built web app (dist/web): its files, and index.html for every other page address.
 * The security headers (CSP without inline script, no referrer, no framing) come from security-headers.ts. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build` puts the web app; the same from src/server (tests) and dist/server. */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const NOT_BUILT = `The Coprism web app has not been built yet.

Run \`npm run build\` (or \`npm ci\`, which builds too), then reload this page.
The API is working meanwhile: see /api/docs.
`;

/** Registers GET routes for the app; `/api/…` addresses are left to the API and its not-found answer. */
export async function webApp(app: FastifyInstance, options: { root?: string } = {}): Promise<void> {
  const root = options.root ?? WEB_ROOT;
  // serve: false: only reply.sendFile; the routes below decide what is a file and what is a page.
  await app.register(fastifyStatic, { root, serve: false });

  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
    if (!existsSync(join(root, 'index.html'))) {
      return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    }
    const last = path.slice(path.lastIndexOf('/') + 1);
    // Addresses that name a file (they have an extension) are files, or not found; the rest are pages.
    if (last.includes('.')) {
      const immutable = path.startsWith('/assets/');
      let file: string;
      try {
        file = decodeURIComponent(path.slice(1));
      } catch {
        return reply.callNotFound();
      }
      return reply.sendFile(file, {
        cacheControl: true,
        maxAge: immutable ? '365d' : '1h',
        immutable,
      });
    }
    return reply
      .header('cache-control', 'no-cache')
      .sendFile('index.html', { cacheControl: false });
  });
}
