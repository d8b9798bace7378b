// `coprism serve` as a person runs it: a real process, a real port, SQLite or PostgreSQL.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from './databases.js';

function start(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; out: () => string }> {
  const child = spawn(process.execPath, ['bin/coprism.js', 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    child.stdout.on('data', () => {
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match?.[1] && out.includes('Ctrl+C')) {
        clearTimeout(timer);
        resolve({ child, url: match[1], out: () => out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

const stop = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe('coprism serve', () => {
  it('starts on SQLite in a new data folder, prints where, preloads the library, and stops cleanly', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'coprism-serve-')), 'data');
    const { child, url, out } = await start(['--data', data]);
    expect(out()).toContain(`SQLite, ${join(data, 'coprism.sqlite')}`);
    expect(out()).toContain('create the owner account');
    expect(existsSync(join(data, 'coprism.sqlite'))).toBe(true);
    const library = (await (
      await fetch(`${url}/api/workspaces/library/cases?limit=100`)
    ).json()) as { total: number };
    expect(library.total).toBeGreaterThanOrEqual(13);
    expect((await fetch(`${url}/api/openapi.json`)).status).toBe(200);
    expect(await stop(child)).toBe(0);
    // A second start finds the library already loaded: nothing new, nothing lost.
    const again = await start(['--data', data]);
    expect(again.out()).toMatch(/Case library: \d+ cases \(0 new, 0 updated\)/);
    await stop(again.child);
  });

  it('runs on PostgreSQL when DATABASE_URL is set, without printing its password', async () => {
    const config = await freshDatabase('postgres');
    if (config.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const url = new URL(config.url);
    url.password = 'not-a-real-secret';
    const {
      child,
      url: base,
      out,
    } = await start(['--no-library'], { DATABASE_URL: url.toString() });
    expect(out()).toContain('PostgreSQL');
    expect(out()).not.toContain('not-a-real-secret');
    expect(
      ((await (await fetch(`${base}/api/health`)).json()) as { database: string }).database,
    ).toBe('postgres');
    await stop(child);
  });

  it('says plainly when the port is taken or the database cannot be reached', async () => {
    const { child, url } = await start([
      '--no-library',
      '--data',
      mkdtempSync(join(tmpdir(), 'coprism-serve-')),
    ]);
    const port = new URL(url).port;
    const clash = spawn(process.execPath, [
      'bin/coprism.js',
      'serve',
      '--port',
      port,
      '--no-library',
      '--data',
      mkdtempSync(join(tmpdir(), 'c-')),
    ]);
    let err = '';
    clash.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((resolve) => clash.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain(`port ${port} is already in use`);
    await stop(child);
    const nowhere = spawn(
      process.execPath,
      ['bin/coprism.js', 'serve', '--port', '0', '--no-library'],
      {
        env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      },
    );
    let err2 = '';
    nowhere.stderr.on('data', (d: Buffer) => (err2 += d.toString()));
    expect(await new Promise((resolve) => nowhere.on('exit', resolve))).toBe(1);
    expect(err2).toContain('cannot reach the PostgreSQL database');
    const badPort = spawn(process.execPath, ['bin/coprism.js', 'serve', '--port', 'lots']);
    expect(await new Promise((resolve) => badPort.on('exit', resolve))).toBe(2);
  });
});
