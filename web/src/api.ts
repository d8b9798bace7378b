/** The HTTP API, as the app uses it: results are tagged, problems are RFC 9457 documents in plain words. */
import type { Analysis } from '../../src/core/analysis.types.js';
import type { CaseFile } from '../../src/core/case.schema.js';
import type { Fit, ModelId } from '../../src/core/vocabulary.js';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  /** Where in a case file's text, for problems found in text (YAML). */
  readonly line?: number;
  readonly column?: number;
}

export interface Problem {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly problems: readonly FieldProblem[];
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export interface SessionInfo {
  readonly user: User | null;
  readonly csrfToken: string | null;
}

export interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly kind: 'library' | 'team';
  readonly role: 'owner' | 'editor' | 'viewer' | null;
}

export interface CaseListing {
  readonly workspace: string;
  readonly id: string;
  readonly title: string;
  readonly summary: string | null;
  readonly period: { readonly start: number | null; readonly end: number | null };
  readonly revision: number;
  readonly fits: Readonly<Record<ModelId, Fit>>;
  /** The reading's summary sentence, as kept with the case's current revision. */
  readonly reading: string;
  readonly updatedAt: string;
}

export interface CasePage {
  /** How many cases match, counted up to 10,000. */
  readonly total: number;
  /** True when more than `total` cases match (the count stopped). */
  readonly totalCapped: boolean;
  readonly limit: number;
  readonly offset: number;
  readonly items: readonly CaseListing[];
}

export interface CaseView extends Omit<CaseListing, 'reading'> {
  readonly document: CaseFile;
  /** Whether a read-only link to it is out (the link itself is shown only when it is made). */
  readonly shared?: boolean;
}

export type { Analysis, CaseFile };

let csrfToken: string | null = null;

/** The token the server checks on every change made with the session cookie. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const UNREACHABLE: Problem = {
  status: 0,
  title: 'No answer',
  detail: 'The Coprism server could not be reached. Check your connection, then try again.',
  problems: [],
};

/** One request; a non-2xx answer becomes its problem document, and a lost connection a plain problem. */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<Result<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    return { ok: false, problem: UNREACHABLE };
  }
  if (response.status === 204) return { ok: true, value: undefined as T };
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, value: json as T };
  return { ok: false, problem: toProblem(response.status, json) };
}

function toProblem(status: number, json: unknown): Problem {
  const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const problems = Array.isArray(body['problems'])
    ? (body['problems'] as unknown[]).flatMap((p) => {
        const item = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
        return typeof item['field'] === 'string' && typeof item['message'] === 'string'
          ? [
              {
                field: item['field'],
                message: item['message'],
                ...(typeof item['line'] === 'number' ? { line: item['line'] } : {}),
                ...(typeof item['column'] === 'number' ? { column: item['column'] } : {}),
              },
            ]
          : [];
      })
    : [];
  return {
    status,
    title: typeof body['title'] === 'string' ? body['title'] : 'Something went wrong',
    detail:
      typeof body['detail'] === 'string'
        ? body['detail']
        : `The server answered with an error (${status}). Please try again.`,
    problems,
  };
}

/** The problem that names a form field ("body.email" names "email"), if any. */
export function fieldMessage(problem: Problem | undefined, field: string): string | undefined {
  return problem?.problems.find((p) => p.field === field || p.field === `body.${field}`)?.message;
}

const enc = encodeURIComponent;

export const api = {
  session: () => request<SessionInfo & { via: string }>('GET', '/api/session'),
  setupNeeded: () => request<{ needed: boolean }>('GET', '/api/setup'),
  setup: (body: { name: string; email: string; password: string; workspaceName?: string }) =>
    request<{ user: User; csrfToken: string; workspace: Workspace }>('POST', '/api/setup', body),
  signIn: (email: string, password: string) =>
    request<{ user: User; csrfToken: string }>('POST', '/api/session', { email, password }),
  signOut: () => request<undefined>('DELETE', '/api/session'),
  workspaces: () => request<{ workspaces: Workspace[] }>('GET', '/api/workspaces'),
  workspace: (ws: string) => request<Workspace>('GET', `/api/workspaces/${enc(ws)}`),
  cases: (ws: string, query: URLSearchParams) =>
    request<CasePage>('GET', `/api/workspaces/${enc(ws)}/cases?${query.toString()}`),
  case: (ws: string, id: string) =>
    request<CaseView>('GET', `/api/workspaces/${enc(ws)}/cases/${enc(id)}`),
  analysis: (ws: string, id: string, revision?: number) =>
    request<Analysis>(
      'GET',
      `/api/workspaces/${enc(ws)}/cases/${enc(id)}/analysis${revision ? `?revision=${revision}` : ''}`,
    ),
};

/** What an import did with each file: its cases saved, or its problems (with line and field). */
export interface ImportResult {
  readonly saved: number;
  readonly failed: number;
  readonly files: readonly (
    | {
        readonly file: string;
        readonly ok: true;
        readonly cases: readonly {
          readonly id: string;
          readonly revision: number;
          readonly status: 'created' | 'updated' | 'unchanged';
        }[];
      }
    | { readonly file: string; readonly ok: false; readonly problems: readonly FieldProblem[] }
  )[];
}

/** Imports case files into a workspace; 200, 207 and 422 all answer with each file's outcome. */
export async function importCaseFiles(
  ws: string,
  files: readonly { name: string; text: string }[],
): Promise<Result<ImportResult>> {
  let response: Response;
  try {
    response = await fetch(`/api/workspaces/${enc(ws)}/import`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      credentials: 'same-origin',
      body: JSON.stringify({ files }),
    });
  } catch {
    return { ok: false, problem: UNREACHABLE };
  }
  const json: unknown = await response.json().catch(() => undefined);
  const outcomes = typeof json === 'object' && json !== null && 'files' in json;
  if (outcomes && [200, 207, 422].includes(response.status))
    return { ok: true, value: json as ImportResult };
  return { ok: false, problem: toProblem(response.status, json) };
}
