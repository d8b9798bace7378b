/** `coprism push` and `coprism pull`: case files to and from a Coprism server, with an API token. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTextProblem, type TextProblem } from '../core/index.js';
import { decodeCaseBytes, findCaseFiles } from '../files/index.js';
import type { Io } from './main.js';
import { CommandUsageError } from './usage-error.js';

export interface Remote {
  readonly server: string;
  readonly token: string;
}

export function remote(server: string | undefined, env: NodeJS.ProcessEnv): Remote {
  const token = env['COPRISM_TOKEN'];
  if (!token) {
    throw new CommandUsageError(
      'set COPRISM_TOKEN to an API token (create one in the app under your account, or POST /api/tokens)',
    );
  }
  const base = (server ?? env['COPRISM_SERVER'] ?? 'http://localhost:4321').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base))
    throw new CommandUsageError(
      `'${base}' is not a server address; expected http://… or https://…`,
    );
  return { server: base, token };
}

export async function call(
  r: Remote,
  path: string,
  init: RequestInit = {},
): Promise<Response | string> {
  try {
    return await fetch(`${r.server}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${r.token}`, ...(init.headers ?? {}) },
    });
  } catch {
    return `cannot reach the server at ${r.server}; is it running? (set COPRISM_SERVER or --server)`;
  }
}

export async function problemOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { detail?: string };
    return body.detail ?? `the server answered ${response.status}`;
  } catch {
    return `the server answered ${response.status}`;
  }
}

export async function pushCommand(
  args: readonly string[],
  io: Io,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { server: { type: 'string' }, workspace: { type: 'string', short: 'w' } },
  });
  const workspace = values.workspace ?? env['COPRISM_WORKSPACE'];
  if (!workspace)
    throw new CommandUsageError(
      'say which workspace to push to: --workspace ID (or COPRISM_WORKSPACE)',
    );
  if (positionals.length === 0)
    throw new CommandUsageError('name at least one case file or folder to push');
  const r = remote(values.server, env);
  const found = findCaseFiles(positionals);
  if (!found.ok) {
    io.err(`${found.message}\n`);
    return 1;
  }
  const files: { name: string; text: string }[] = [];
  for (const name of found.files) {
    const text = decodeCaseBytes(readFileSync(name), name);
    if (!text.ok) {
      for (const problem of text.error) io.err(`${formatTextProblem(problem)}\n`);
      return 1;
    }
    files.push({ name, text: text.value });
  }
  const response = await call(r, `/api/workspaces/${encodeURIComponent(workspace)}/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files }),
  });
  if (typeof response === 'string') {
    io.err(`coprism: ${response}\n`);
    return 1;
  }
  if (![200, 207, 422].includes(response.status)) {
    io.err(`coprism: ${await problemOf(response)}\n`);
    return 1;
  }
  const result = (await response.json()) as {
    files: Array<
      | { file: string; ok: true; cases: Array<{ id: string; revision: number; status: string }> }
      | { file: string; ok: false; problems: TextProblem[] }
    >;
  };
  let failed = 0;
  for (const file of result.files) {
    if (file.ok) {
      for (const c of file.cases)
        io.out(`${file.file}: ${c.id} ${c.status} (revision ${c.revision})\n`);
    } else {
      failed += 1;
      for (const p of file.problems) io.err(`${formatTextProblem(p)}\n`);
    }
  }
  if (failed > 0)
    io.err(
      `${failed} of ${result.files.length} files were not pushed; nothing from them was saved.\n`,
    );
  return failed > 0 ? 1 : 0;
}

export async function pullCommand(
  args: readonly string[],
  io: Io,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      server: { type: 'string' },
      workspace: { type: 'string', short: 'w' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
    },
  });
  const [target, extra] = positionals;
  if (!target || extra !== undefined)
    throw new CommandUsageError(
      'name one case: coprism pull WORKSPACE/CASE (or --workspace and CASE)',
    );
  const [workspace, caseId] = target.includes('/')
    ? target.split('/', 2)
    : [values.workspace ?? env['COPRISM_WORKSPACE'], target];
  if (!workspace || !caseId)
    throw new CommandUsageError('name the case as WORKSPACE/CASE, or give --workspace');
  const format = values.format ?? 'yaml';
  if (format !== 'yaml' && format !== 'json')
    throw new CommandUsageError(`'${format}' is not a format; expected yaml or json`);
  const r = remote(values.server, env);
  const response = await call(
    r,
    `/api/workspaces/${encodeURIComponent(workspace)}/cases/${encodeURIComponent(caseId)}/export?format=${format}`,
  );
  if (typeof response === 'string' || !response.ok) {
    io.err(`coprism: ${typeof response === 'string' ? response : await problemOf(response)}\n`);
    return 1;
  }
  const text = await response.text();
  if (values.out) {
    writeFileSync(values.out, text);
    io.err(`Wrote ${caseId} to ${basename(values.out)}.\n`);
  } else io.out(text);
  return 0;
}
