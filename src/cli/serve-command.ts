/** `coprism serve`: the server, on SQLite in a data folder by default or on PostgreSQL with DATABASE_URL. */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../server/index.js';
import type { DatabaseConfig } from '../store/index.js';
import type { Io } from './main.js';
import { CommandUsageError } from './usage-error.js';

/** The case library shipped with Coprism, wherever it is installed. */
export const BUNDLED_CASES = fileURLToPath(new URL('../../cases', import.meta.url));

export async function serve(
  args: readonly string[],
  io: Io,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      data: { type: 'string' },
      cases: { type: 'string' },
      'no-library': { type: 'boolean' },
      'secure-cookies': { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new CommandUsageError(`unexpected '${positionals[0] ?? ''}'`);
  const portText = values.port ?? env['PORT'] ?? '4321';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CommandUsageError(
      `'${portText}' is not a port; expected a whole number from 0 to 65535`,
    );
  }
  const url = env['DATABASE_URL'];
  const dataFolder = resolve(values.data ?? env['COPRISM_DATA'] ?? 'coprism-data');
  const database: DatabaseConfig =
    url !== undefined && url !== ''
      ? { kind: 'postgres', url }
      : { kind: 'sqlite', folder: dataFolder };
  if (database.kind === 'postgres' && !/^postgres(ql)?:\/\//.test(database.url)) {
    throw new CommandUsageError(
      'DATABASE_URL must start with postgres:// (leave it unset to use SQLite)',
    );
  }
  const casesDir = values['no-library'] ? undefined : resolve(values.cases ?? BUNDLED_CASES);
  const say = (line: string) => io.out(`${line}\n`);
  let server;
  try {
    server = await startServer({
      port,
      host: values.host ?? env['HOST'] ?? '127.0.0.1',
      database,
      ...(casesDir === undefined ? {} : { casesDir }),
      secureCookies: values['secure-cookies'] === true || env['COPRISM_SECURE_COOKIES'] === '1',
      logLevel: env['LOG_LEVEL'] ?? 'warn',
      say,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      io.err(`coprism: port ${port} is already in use; choose another with --port or PORT.\n`);
    else if (
      code === 'ECONNREFUSED' ||
      code === 'ENOTFOUND' ||
      code === '28P01' ||
      code === '3D000'
    )
      io.err(
        `coprism: cannot reach the PostgreSQL database in DATABASE_URL (${(error as Error).message}).\n`,
      );
    else io.err(`coprism: the server could not start: ${(error as Error).message}\n`);
    return 1;
  }
  say(`Coprism is running at ${server.url}`);
  say(`API: ${server.url}/api/openapi.json (documentation at ${server.url}/api/docs)`);
  if (!(await server.store.users.isInstalled())) {
    say(`First time: open ${server.url} and create the owner account.`);
  }
  say('Press Ctrl+C to stop.');
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(done, done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  say('Stopped.');
  return 0;
}
