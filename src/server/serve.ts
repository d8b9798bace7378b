/** Starts the server: opens the store, loads the case library, and listens. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { RULEBOOK } from '../core/index.js';
import { findCaseFiles } from '../files/index.js';
import { openStore, type DatabaseConfig, type Store } from '../store/index.js';
import { buildApp } from './app.js';
import { loadLibrary } from './library.js';
import { CasesService } from './cases.service.js';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  /** The folder of cases loaded as the public library; none when undefined. */
  readonly casesDir?: string;
  readonly secureCookies?: boolean;
  readonly logLevel?: string;
  /** Where the log goes; standard output when undefined. */
  readonly logStream?: { write(line: string): void };
  /** Where to tell the person running the server what is happening. */
  readonly say: (line: string) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: Store;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const store = await openStore(options.database);
  try {
    options.say(
      `Database: ${store.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${store.location}`,
    );
    const now = () => new Date();
    const cases = new CasesService(store, now);
    const reindexed = await cases.reindexStale(RULEBOOK.version);
    if (reindexed > 0)
      options.say(`Brought ${reindexed} cases up to rulebook ${RULEBOOK.version}.`);
    const casesDir = options.casesDir;
    if (casesDir !== undefined) {
      const found = findCaseFiles([casesDir]);
      if (!found.ok) options.say(`Case library not loaded: ${found.message}`);
      else {
        const files = found.files.map((f) => ({
          name: `${basename(casesDir)}/${basename(f)}`,
          text: readFileSync(f, 'utf8'),
        }));
        const loaded = await loadLibrary(store, cases, files, now());
        const total = loaded.created + loaded.updated + loaded.unchanged;
        options.say(
          `Case library: ${total} cases (${loaded.created} new, ${loaded.updated} updated).`,
        );
        for (const problem of loaded.problems) options.say(`  not loaded: ${problem}`);
      }
    }
    const app = await buildApp({
      store,
      secureCookies: options.secureCookies ?? false,
      log: {
        level: options.logLevel ?? 'warn',
        ...(options.logStream ? { stream: options.logStream } : {}),
      },
    });
    await app.listen({ port: options.port, host: options.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const shownHost =
      options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
    const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
    return {
      url,
      app,
      store,
      close: async () => {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
