/** Workspaces, their members, and invitations to join them. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAccess, requireUser } from '../access.js';
import type { AppContext } from '../app.js';
import { HttpProblem } from '../problem.js';
import { newId } from '../secrets.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../session-cookie.js';
import { SECRETS_LIMIT } from '../rate-limits.js';
import { Name, NewAccountBody, ROLES, WorkspaceParams } from './schemas.js';

const tags = ['Workspaces'];
const MemberParams = WorkspaceParams.extend({ user: z.string().max(64) });
const InvitationParams = z.object({ token: z.string().max(200) });
const PendingParams = WorkspaceParams.extend({ invitation: z.string().min(1).max(64) });
const Pending = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  createdBy: z.object({
    id: z.string(),
    name: z.string().nullable().meta({ description: 'Null when their account is gone.' }),
  }),
  createdAt: z.string(),
  expiresAt: z.string(),
});

export function workspaceRoutes(server: FastifyInstance, ctx: AppContext): void {
  const api = server.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/workspaces',
    { schema: { tags, summary: 'The library and the workspaces you belong to' } },
    async (request) => ({
      workspaces: await ctx.store.workspaces.listFor(request.caller.user?.id),
    }),
  );

  api.post(
    '/api/workspaces',
    {
      schema: {
        tags,
        summary: 'Create a workspace; you become its owner',
        body: z.object({ name: Name }),
      },
    },
    async (request, reply) => {
      const user = requireUser(request.caller);
      const workspace = {
        id: newId(),
        name: request.body.name,
        kind: 'team' as const,
        createdAt: ctx.now().toISOString(),
      };
      await ctx.store.transaction(async (repos) => {
        await repos.workspaces.create(workspace);
        await repos.workspaces.addMember(workspace.id, user.id, 'owner', workspace.createdAt);
      });
      reply.code(201);
      return { ...workspace, role: 'owner' };
    },
  );

  api.get(
    '/api/workspaces/:workspace',
    { schema: { tags, summary: 'A workspace', params: WorkspaceParams } },
    async (request) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'read',
      );
      return { ...access.workspace, role: access.role };
    },
  );

  api.patch(
    '/api/workspaces/:workspace',
    {
      schema: {
        tags,
        summary: 'Rename a workspace (owners)',
        params: WorkspaceParams,
        body: z.object({ name: Name }),
      },
    },
    async (request) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'manage',
      );
      await ctx.store.workspaces.rename(access.workspace.id, request.body.name);
      return { ...access.workspace, name: request.body.name, role: access.role };
    },
  );

  api.get(
    '/api/workspaces/:workspace/members',
    { schema: { tags, summary: 'Members and their roles', params: WorkspaceParams } },
    async (request) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'read',
      );
      if (access.workspace.kind === 'library') return { members: [] };
      return { members: await ctx.store.workspaces.members(access.workspace.id) };
    },
  );

  api.patch(
    '/api/workspaces/:workspace/members/:user',
    {
      schema: {
        tags,
        summary: 'Change a member’s role (owners)',
        params: MemberParams,
        body: z.object({ role: z.enum(ROLES) }),
      },
    },
    async (request) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'manage',
      );
      await ctx.store.transaction(async (repos) => {
        const current = await repos.workspaces.roleOf(access.workspace.id, request.params.user);
        if (!current) throw new HttpProblem(404, 'There is no such member in this workspace.');
        if (
          current === 'owner' &&
          request.body.role !== 'owner' &&
          (await repos.workspaces.countOwners(access.workspace.id)) <= 1
        ) {
          throw new HttpProblem(
            409,
            'A workspace needs at least one owner. Make someone else an owner first.',
          );
        }
        await repos.workspaces.setRole(access.workspace.id, request.params.user, request.body.role);
      });
      return { userId: request.params.user, role: request.body.role };
    },
  );

  api.delete(
    '/api/workspaces/:workspace/members/:user',
    {
      schema: {
        tags,
        summary: 'Remove a member (owners), or leave a workspace yourself',
        params: MemberParams,
      },
    },
    async (request, reply) => {
      const user = requireUser(request.caller);
      const self = user.id === request.params.user;
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        self ? 'read' : 'manage',
      );
      await ctx.store.transaction(async (repos) => {
        const current = await repos.workspaces.roleOf(access.workspace.id, request.params.user);
        if (!current) throw new HttpProblem(404, 'There is no such member in this workspace.');
        if (current === 'owner' && (await repos.workspaces.countOwners(access.workspace.id)) <= 1) {
          throw new HttpProblem(
            409,
            'A workspace needs at least one owner. Make someone else an owner first.',
          );
        }
        await repos.workspaces.removeMember(access.workspace.id, request.params.user);
      });
      return reply.code(204).send();
    },
  );

  api.post(
    '/api/workspaces/:workspace/invitations',
    {
      schema: {
        tags,
        summary: 'Create an invitation link (owners); the link is shown only in this answer',
        params: WorkspaceParams,
        body: z.object({ role: z.enum(ROLES).default('editor') }),
      },
    },
    async (request, reply) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'manage',
      );
      const user = requireUser(request.caller);
      const { id, token, expiresAt } = await ctx.accounts.invite(
        access.workspace.id,
        request.body.role,
        user,
      );
      reply.code(201);
      return { id, token, path: `/join/${token}`, role: request.body.role, expiresAt };
    },
  );

  api.get(
    '/api/workspaces/:workspace/invitations',
    {
      schema: {
        tags,
        summary: 'Invitations waiting to be used (owners), without their links',
        description:
          'Each invitation not yet used, withdrawn or expired: its role, who made it and when, and when it expires. The link itself is shown only once, when it is made.',
        params: WorkspaceParams,
        response: { 200: z.object({ invitations: z.array(Pending) }) },
      },
    },
    async (request) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'manage',
      );
      return { invitations: await ctx.accounts.pendingInvitations(access.workspace.id) };
    },
  );

  api.delete(
    '/api/workspaces/:workspace/invitations/:invitation',
    {
      schema: {
        tags,
        summary: 'Withdraw an invitation (owners): its link stops working at once',
        params: PendingParams,
      },
    },
    async (request, reply) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'manage',
      );
      await ctx.accounts.withdrawInvitation(access.workspace.id, request.params.invitation);
      return reply.code(204).send();
    },
  );

  api.get(
    '/api/invitations/:token',
    { schema: { tags, summary: 'What an invitation is for', params: InvitationParams } },
    async (request) => {
      const found = await ctx.accounts.invitation(request.params.token);
      return { workspaceName: found.workspaceName, role: found.role, expiresAt: found.expiresAt };
    },
  );

  api.post(
    '/api/invitations/:token/accept',
    {
      schema: {
        tags,
        summary: 'Join the workspace as the signed-in user',
        params: InvitationParams,
      },
    },
    async (request) => ctx.accounts.accept(request.params.token, requireUser(request.caller)),
  );

  api.post(
    '/api/invitations/:token/join',
    {
      config: SECRETS_LIMIT,
      schema: {
        tags,
        summary: 'Create an account through an invitation',
        params: InvitationParams,
        body: NewAccountBody,
      },
    },
    async (request, reply) => {
      const joined = await ctx.accounts.join(request.params.token, request.body);
      reply.setCookie(SESSION_COOKIE, joined.sessionToken, sessionCookieOptions(ctx.secureCookies));
      reply.code(201);
      return {
        user: joined.user,
        csrfToken: joined.csrfToken,
        workspaceId: joined.workspaceId,
        role: joined.role,
      };
    },
  );
}
