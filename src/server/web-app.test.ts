import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.js';
import { buildApp } from './app.js';
import type { FastifyInstance } from 'fastify';

// A stand-in build, so these tests do not depend on dist/web being there (other builds replace it).
function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'coprism-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><title>Coprism</title><div id="root"></div>',
  );
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("app")');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return root;
}

describe('the web app, served by the API server', () => {
  let store: Store;
  let app: FastifyInstance;
  let bare: FastifyInstance;

  beforeAll(async () => {
    store = await openStore({
      kind: 'sqlite',
      folder: mkdtempSync(join(tmpdir(), 'coprism-web-db-')),
    });
    app = await buildApp({ store, webRoot: fakeBuild() });
    bare = await buildApp({ store, webRoot: mkdtempSync(join(tmpdir(), 'coprism-web-empty-')) });
  });
  afterAll(async () => {
    await app.close();
    await bare.close();
    await store.close();
  });

  it('answers / and every page address with index.html, under a strict Content-Security-Policy', async () => {
    for (const url of [
      '/',
      '/sign-in',
      '/w/library/cases/sleepwell?part=x',
      '/shared/cpl_secret',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves built files, hashed assets for a year, and a missing file as not found', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ method: 'GET', url: '/favicon.svg' })).statusCode).toBe(200);
    const missing = await app.inject({ method: 'GET', url: '/assets/nothing-here.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const outside = await app.inject({ method: 'GET', url: '/assets/..%2f..%2fpackage.json' });
    expect([403, 404]).toContain(outside.statusCode);
  });

  it('leaves /api to the API: an unknown API address is a problem document, not the app', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404 });
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/anything' })).statusCode).toBe(404);
  });

  it('says plainly how to build the app when it has not been built, and the API still works', async () => {
    const response = await bare.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('npm run build');
    expect((await bare.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
