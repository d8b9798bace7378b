/** Accounts: the first owner, signing in and out, passwords, API tokens and invitations. */
import type {
  PendingInvitation,
  Repositories,
  Role,
  Store,
  User,
  Workspace,
} from '../store/index.js';
import { isUniqueViolation, publicUser } from '../store/index.js';
import { ANONYMOUS, type Caller } from './access.js';
import { HttpProblem } from './problem.js';
import { hashPassword, hashSecret, newId, newSecret, verifyPassword } from './secrets.js';
import { SESSION_DAYS } from './session-cookie.js';

const DAY = 24 * 60 * 60 * 1000;
const INVITATION_DAYS = 14;

export interface NewAccount {
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

export interface SignedIn {
  readonly user: User;
  /** The session secret, for the cookie; shown once, kept only as a hash. */
  readonly sessionToken: string;
  readonly csrfToken: string;
}

// Compared against when no such user exists, so a wrong email takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

const TAKEN = new HttpProblem(
  409,
  'There is already an account with this email address. Sign in instead.',
);

// The invitation was fine when checked, then used or withdrawn before this request could use it.
const USED_MEANWHILE = new HttpProblem(
  410,
  'This invitation was used or withdrawn a moment ago. Ask for a new one.',
);

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export class AccountsService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  private iso(offsetMs = 0): string {
    return new Date(this.now().getTime() + offsetMs).toISOString();
  }

  /** Who sent a request: an API token in the Authorization header, or a session cookie. */
  async callerFrom(cookie: string | undefined, authorization: string | undefined): Promise<Caller> {
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const userId = match?.[1]
        ? await this.store.tokens.use(hashSecret(match[1]), this.iso())
        : undefined;
      const user = userId ? await this.store.users.byId(userId) : undefined;
      if (!user)
        throw new HttpProblem(
          401,
          'The API token is not valid. Create a new one under your account.',
        );
      return { user: publicUser(user), via: 'token' };
    }
    if (cookie === undefined) return ANONYMOUS;
    const sessionHash = hashSecret(cookie);
    const session = await this.store.sessions.find(sessionHash, this.iso());
    const user = session ? await this.store.users.byId(session.userId) : undefined;
    if (!session || !user) return ANONYMOUS;
    return { user: publicUser(user), via: 'session', sessionHash, csrfToken: session.csrfToken };
  }

  needsSetup(): Promise<boolean> {
    return this.store.users.isInstalled().then((installed) => !installed);
  }

  /** Creates the owner of a fresh installation and their first workspace; only ever once. */
  async setup(
    account: NewAccount,
    workspaceName: string,
  ): Promise<SignedIn & { workspace: Workspace }> {
    const passwordHash = await hashPassword(account.password);
    return this.store.transaction(async (repos) => {
      if (!(await repos.users.claimInstallation(this.iso()))) {
        throw new HttpProblem(
          409,
          'This installation already has an owner. Sign in, or ask the owner for an invitation.',
        );
      }
      const user = await this.createUser(repos, account, passwordHash);
      const workspace: Workspace = {
        id: newId(),
        name: workspaceName,
        kind: 'team',
        createdAt: this.iso(),
      };
      await repos.workspaces.create(workspace);
      await repos.workspaces.addMember(workspace.id, user.id, 'owner', this.iso());
      return { ...(await this.startSession(repos, user)), workspace };
    });
  }

  private async createUser(
    repos: Repositories,
    account: NewAccount,
    passwordHash: string,
  ): Promise<User> {
    const email = normaliseEmail(account.email);
    if (await repos.users.byEmail(email)) {
      throw new HttpProblem(
        409,
        'There is already an account with this email address. Sign in instead.',
      );
    }
    const now = this.iso();
    try {
      return await repos.users.create({
        id: newId(),
        email,
        name: account.name.trim(),
        passwordHash,
        createdAt: now,
        passwordChangedAt: now,
      });
    } catch (error) {
      // Two people joining with one address at the same moment: the second is told, not crashed.
      if (isUniqueViolation(error)) throw TAKEN;
      throw error;
    }
  }

  private async startSession(repos: Repositories, user: User): Promise<SignedIn> {
    const sessionToken = newSecret('cps');
    const csrfToken = newSecret('csrf');
    await repos.sessions.create(hashSecret(sessionToken), {
      userId: user.id,
      csrfToken,
      createdAt: this.iso(),
      expiresAt: this.iso(SESSION_DAYS * DAY),
    });
    return { user, sessionToken, csrfToken };
  }

  /** Signs in; the same answer for an unknown email and a wrong password. */
  async signIn(email: string, password: string): Promise<SignedIn> {
    const user = await this.store.users.byEmail(normaliseEmail(email));
    decoyHash ??= hashPassword('decoy password that matches nothing');
    const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
    if (!user || !matches)
      throw new HttpProblem(401, 'The email address or the password is not right.');
    await this.store.sessions.deleteExpired(this.iso());
    return this.startSession(this.store, publicUser(user));
  }

  signOut(sessionHash: string): Promise<void> {
    return this.store.sessions.delete(sessionHash);
  }

  /** Changes a password and ends every other session of the user. */
  async changePassword(
    user: User,
    current: string,
    next: string,
    keepSessionHash?: string,
  ): Promise<void> {
    const stored = await this.store.users.byId(user.id);
    if (!stored || !(await verifyPassword(current, stored.passwordHash))) {
      throw new HttpProblem(403, 'The current password is not right.');
    }
    await this.store.users.setPassword(user.id, await hashPassword(next), this.iso());
    await this.store.sessions.deleteForUser(user.id, keepSessionHash);
  }

  async createToken(
    user: User,
    name: string,
  ): Promise<{ id: string; name: string; token: string; createdAt: string }> {
    const token = newSecret('cpt');
    const id = newId();
    const createdAt = this.iso();
    await this.store.tokens.create(user.id, {
      id,
      name,
      createdAt,
      lastUsedAt: null,
      tokenHash: hashSecret(token),
    });
    return { id, name, token, createdAt };
  }

  async invite(
    workspaceId: string,
    role: Role,
    by: User,
  ): Promise<{ id: string; token: string; expiresAt: string }> {
    const token = newSecret('cpi');
    const id = newId();
    const expiresAt = this.iso(INVITATION_DAYS * DAY);
    await this.store.workspaces.createInvitation(hashSecret(token), {
      id,
      workspaceId,
      role,
      createdBy: by.id,
      now: this.iso(),
      expiresAt,
    });
    return { id, token, expiresAt };
  }

  /** A workspace's invitations still waiting to be used, without their links. */
  pendingInvitations(workspaceId: string): Promise<PendingInvitation[]> {
    return this.store.workspaces.pendingInvitations(workspaceId, this.iso());
  }

  /** Withdraws an invitation, so its link no longer works; 404 if there is none, 409 if used. */
  async withdrawInvitation(workspaceId: string, id: string): Promise<void> {
    const outcome = await this.store.workspaces.withdrawInvitation(workspaceId, id, this.iso());
    if (outcome === 'missing')
      throw new HttpProblem(
        404,
        'There is no invitation with this id waiting in this workspace: it may have been withdrawn already.',
      );
    if (outcome === 'used')
      throw new HttpProblem(
        409,
        'This invitation has already been used, so it cannot be withdrawn. To take away access, remove the person from the members.',
      );
  }

  /** What an invitation is for, if it can still be used. */
  async invitation(
    token: string,
  ): Promise<{ workspaceId: string; workspaceName: string; role: Role; expiresAt: string }> {
    const found = await this.store.workspaces.invitation(hashSecret(token));
    if (!found) throw new HttpProblem(404, 'This invitation link is not valid. Ask for a new one.');
    if (found.acceptedAt !== null)
      throw new HttpProblem(410, 'This invitation has already been used. Ask for a new one.');
    if (found.withdrawnAt !== null)
      throw new HttpProblem(
        410,
        'This invitation was withdrawn by an owner of the workspace. Ask them for a new one if you should still join.',
      );
    if (found.expiresAt <= this.iso())
      throw new HttpProblem(410, 'This invitation has expired. Ask for a new one.');
    return found;
  }

  /** Joins the invitation's workspace as a signed-in user. */
  async accept(token: string, user: User): Promise<{ workspaceId: string; role: Role }> {
    const invitation = await this.invitation(token);
    return this.store.transaction(async (repos) => {
      if (!(await repos.workspaces.acceptInvitation(hashSecret(token), user.id, this.iso()))) {
        throw USED_MEANWHILE;
      }
      await repos.workspaces.addMember(
        invitation.workspaceId,
        user.id,
        invitation.role,
        this.iso(),
      );
      return { workspaceId: invitation.workspaceId, role: invitation.role };
    });
  }

  /** Creates an account through an invitation and joins its workspace. */
  async join(
    token: string,
    account: NewAccount,
  ): Promise<SignedIn & { workspaceId: string; role: Role }> {
    const invitation = await this.invitation(token);
    const passwordHash = await hashPassword(account.password);
    return this.store.transaction(async (repos) => {
      const user = await this.createUser(repos, account, passwordHash);
      if (!(await repos.workspaces.acceptInvitation(hashSecret(token), user.id, this.iso()))) {
        throw USED_MEANWHILE;
      }
      await repos.workspaces.addMember(
        invitation.workspaceId,
        user.id,
        invitation.role,
        this.iso(),
      );
      return {
        ...(await this.startSession(repos, user)),
        workspaceId: invitation.workspaceId,
        role: invitation.role,
      };
    });
  }
}
