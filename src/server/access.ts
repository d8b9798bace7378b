/** Who is asking, and what they may do in a workspace. Every route goes through here. */
import type { Repositories, Role, User, Workspace } from '../store/index.js';
import { HttpProblem, notFound } from './problem.js';

export interface Caller {
  readonly user: User | null;
  /** How the caller signed in; cookie sessions must also send the CSRF token on writes. */
  readonly via: 'session' | 'token' | 'none';
  readonly sessionHash?: string;
  readonly csrfToken?: string;
}

export const ANONYMOUS: Caller = { user: null, via: 'none' };

export type Right = 'read' | 'write' | 'manage';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };
const NEEDS: Record<Right, Role> = { read: 'viewer', write: 'editor', manage: 'owner' };

export interface Access {
  readonly workspace: Workspace;
  /** The caller's role, or null for a public reader of the library. */
  readonly role: Role | null;
}

/**
 * The caller's access to a workspace, or a problem. A workspace the caller cannot see is a 404,
 * never a 403, so its existence is not confirmed. The library is public and read-only for everyone.
 */
export async function requireAccess(
  repos: Repositories,
  caller: Caller,
  workspaceId: string,
  right: Right,
): Promise<Access> {
  const workspace = await repos.workspaces.byId(workspaceId);
  if (!workspace) throw notFound('workspace');
  if (workspace.kind === 'library') {
    if (right === 'read') return { workspace, role: null };
    throw new HttpProblem(
      403,
      'The case library is read-only. Import a copy of a case into your own workspace to change it.',
    );
  }
  if (!caller.user) throw notFound('workspace');
  const role = await repos.workspaces.roleOf(workspaceId, caller.user.id);
  if (!role) throw notFound('workspace');
  if (RANK[role] < RANK[NEEDS[right]]) {
    const what = right === 'write' ? 'change cases' : 'manage members and invitations';
    throw new HttpProblem(
      403,
      `Your role in this workspace is ${role}; only ${NEEDS[right]}s can ${what}.`,
    );
  }
  return { workspace, role };
}

/** The signed-in user, or 401. */
export function requireUser(caller: Caller): User {
  if (!caller.user) throw new HttpProblem(401, 'Sign in, or send an API token, to do this.');
  return caller.user;
}
