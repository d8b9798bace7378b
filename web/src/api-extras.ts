/** The API calls of the case tools, history, sharing, workspace and account pages (through api.ts's `request`). */
import type { CorpusSummary } from '../../src/core/corpus.js';
import type { ShapeDifference } from '../../src/core/grid-shape.js';
import { request, type Analysis, type CaseFile, type CaseView, type User } from './api.js';
import type { Certainty, Level, Stage } from './words.js';

export type Role = 'owner' | 'editor' | 'viewer';

export interface SimilarCase {
  readonly workspace: string;
  readonly id: string;
  readonly title: string;
  readonly score: number;
  readonly differences: readonly ShapeDifference[];
}

export interface RevisionInfo {
  readonly number: number;
  readonly authorName: string;
  readonly message: string;
  readonly createdAt: string;
}

export interface StoredRevision extends RevisionInfo {
  readonly document: CaseFile;
}

export interface Member {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly since: string;
}

/** An invitation waiting to be used, as owners see it: never its link. */
export interface PendingInvitation {
  readonly id: string;
  readonly role: Role;
  /** Who made it; `name` is null when their account is gone. */
  readonly createdBy: { readonly id: string; readonly name: string | null };
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

export interface OwnClaim {
  readonly party: string;
  readonly stage: Stage;
  readonly level: Level;
  readonly certainty?: Certainty;
  readonly note?: string;
}

/** A case read through a share link: no workspace, and its reading alongside. */
export type SharedCase = Omit<CaseView, 'workspace' | 'shared'> & { readonly analysis?: Analysis };

export type { CorpusSummary, ShapeDifference };

const enc = encodeURIComponent;
const casePath = (ws: string, id: string) => `/api/workspaces/${enc(ws)}/cases/${enc(id)}`;

/** Addresses the browser opens or downloads itself (with the session cookie). */
export const files = {
  export: (ws: string, id: string, format: 'yaml' | 'json') =>
    `${casePath(ws, id)}/export?format=${format}`,
  report: (ws: string, id: string, format: 'html' | 'pdf' | 'markdown') =>
    `${casePath(ws, id)}/report?format=${format}`,
  summarySvg: (ws: string) => `/api/workspaces/${enc(ws)}/summary?format=svg`,
  table: (ws: string, format: 'csv' | 'json' | 'markdown') =>
    `/api/workspaces/${enc(ws)}/table?format=${format}`,
};

export const extras = {
  addMyAccount: (
    ws: string,
    id: string,
    revision: number,
    body: { component: string; claims: readonly OwnClaim[] },
  ) =>
    request<CaseView>('POST', `${casePath(ws, id)}/my-account`, body, {
      'if-match': `"r${revision}"`,
    }),
  share: (ws: string, id: string) =>
    request<{ token: string; path: string }>('POST', `${casePath(ws, id)}/share`, {}),
  unshare: (ws: string, id: string) => request<undefined>('DELETE', `${casePath(ws, id)}/share`),
  shared: (token: string) => request<SharedCase>('GET', `/api/shared/${enc(token)}`),
  similar: (ws: string, id: string) =>
    request<{ similar: SimilarCase[] }>('GET', `${casePath(ws, id)}/similar?limit=5`),
  revisions: (ws: string, id: string) =>
    request<{ revisions: RevisionInfo[] }>('GET', `${casePath(ws, id)}/revisions`),
  revision: (ws: string, id: string, n: number) =>
    request<StoredRevision>('GET', `${casePath(ws, id)}/revisions/${n}`),
  diff: (ws: string, id: string, from: number, to: number) =>
    request<{ from: number; to: number; patch: string }>(
      'GET',
      `${casePath(ws, id)}/diff?from=${from}&to=${to}`,
    ),
  revert: (ws: string, id: string, to: number, revision: number) =>
    request<CaseView>(
      'POST',
      `${casePath(ws, id)}/revert`,
      { to },
      { 'if-match': `"r${revision}"` },
    ),
  createWorkspace: (name: string) =>
    request<{ id: string; name: string; role: Role }>('POST', '/api/workspaces', { name }),
  members: (ws: string) =>
    request<{ members: Member[] }>('GET', `/api/workspaces/${enc(ws)}/members`),
  setRole: (ws: string, user: string, role: Role) =>
    request<{ userId: string; role: Role }>(
      'PATCH',
      `/api/workspaces/${enc(ws)}/members/${enc(user)}`,
      { role },
    ),
  removeMember: (ws: string, user: string) =>
    request<undefined>('DELETE', `/api/workspaces/${enc(ws)}/members/${enc(user)}`),
  invite: (ws: string, role: Role) =>
    request<{ id: string; token: string; path: string; role: Role; expiresAt: string }>(
      'POST',
      `/api/workspaces/${enc(ws)}/invitations`,
      { role },
    ),
  pendingInvitations: (ws: string) =>
    request<{ invitations: PendingInvitation[] }>('GET', `/api/workspaces/${enc(ws)}/invitations`),
  withdrawInvitation: (ws: string, id: string) =>
    request<undefined>('DELETE', `/api/workspaces/${enc(ws)}/invitations/${enc(id)}`),
  invitation: (token: string) =>
    request<{ workspaceName: string; role: Role; expiresAt: string }>(
      'GET',
      `/api/invitations/${enc(token)}`,
    ),
  accept: (token: string) =>
    request<{ workspaceId: string; role: Role }>(
      'POST',
      `/api/invitations/${enc(token)}/accept`,
      {},
    ),
  join: (token: string, body: { name: string; email: string; password: string }) =>
    request<{ user: User; csrfToken: string; workspaceId: string; role: Role }>(
      'POST',
      `/api/invitations/${enc(token)}/join`,
      body,
    ),
  tokens: () => request<{ tokens: ApiToken[] }>('GET', '/api/tokens'),
  createToken: (name: string) =>
    request<{ id: string; name: string; token: string; createdAt: string }>('POST', '/api/tokens', {
      name,
    }),
  revokeToken: (id: string) => request<undefined>('DELETE', `/api/tokens/${enc(id)}`),
  changePassword: (current: string, password: string) =>
    request<undefined>('PUT', '/api/account/password', { current, password }),
  summary: (ws: string) => request<CorpusSummary>('GET', `/api/workspaces/${enc(ws)}/summary`),
};
