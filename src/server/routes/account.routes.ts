/** Setting up, signing in and out, the password, and personal API tokens. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../access.js';
import type { AppContext } from '../app.js';
import type { SignedIn } from '../accounts.service.js';
import { HttpProblem } from '../problem.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../session-cookie.js';
import { SECRETS_LIMIT, SIGN_IN_LIMIT } from '../rate-limits.js';
import { Email, Name, NewAccountBody, Password } from './schemas.js';

const tags = ['Accounts'];

export function accountRoutes(server: FastifyInstance, ctx: AppContext): void {
  const api = server.withTypeProvider<ZodTypeProvider>();
  const signedIn = (reply: FastifyReply, session: SignedIn) => {
    reply.setCookie(SESSION_COOKIE, session.sessionToken, sessionCookieOptions(ctx.secureCookies));
    return { user: session.user, csrfToken: session.csrfToken };
  };

  api.get(
    '/api/health',
    { schema: { tags: ['Service'], summary: 'Is the server up, and its database reachable?' } },
    async () => {
      await ctx.accounts.needsSetup();
      return { status: 'ok', database: ctx.store.dialect };
    },
  );

  api.get(
    '/api/setup',
    { schema: { tags, summary: 'Whether this installation still needs its first owner' } },
    async () => ({
      needed: await ctx.accounts.needsSetup(),
    }),
  );

  api.post(
    '/api/setup',
    {
      config: SECRETS_LIMIT,
      schema: {
        tags,
        summary: 'Create the owner account of a fresh installation (only once)',
        body: NewAccountBody.extend({ workspaceName: Name.optional() }),
      },
    },
    async (request, reply) => {
      const { workspaceName, ...account } = request.body;
      const done = await ctx.accounts.setup(
        account,
        workspaceName ?? `${account.name.trim()}’s workspace`,
      );
      reply.code(201);
      return { ...signedIn(reply, done), workspace: done.workspace };
    },
  );

  api.get(
    '/api/session',
    { schema: { tags, summary: 'Who is signed in, and the CSRF token for changes' } },
    (request) => ({
      user: request.caller.user,
      via: request.caller.via,
      csrfToken: request.caller.csrfToken ?? null,
    }),
  );

  api.post(
    '/api/session',
    {
      config: SIGN_IN_LIMIT,
      schema: {
        tags,
        summary: 'Sign in',
        body: z.object({ email: Email, password: z.string().min(1).max(200) }),
      },
    },
    async (request, reply) =>
      signedIn(reply, await ctx.accounts.signIn(request.body.email, request.body.password)),
  );

  api.delete('/api/session', { schema: { tags, summary: 'Sign out' } }, async (request, reply) => {
    if (request.caller.sessionHash) await ctx.accounts.signOut(request.caller.sessionHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  api.put(
    '/api/account/password',
    {
      config: SIGN_IN_LIMIT,
      schema: {
        tags,
        summary: 'Change your password; every other session is signed out',
        body: z.object({ current: z.string().min(1).max(200), password: Password }),
      },
    },
    async (request, reply) => {
      const user = requireUser(request.caller);
      await ctx.accounts.changePassword(
        user,
        request.body.current,
        request.body.password,
        request.caller.sessionHash,
      );
      return reply.code(204).send();
    },
  );

  api.get(
    '/api/tokens',
    { schema: { tags, summary: 'Your API tokens (never the secrets)' } },
    async (request) => ({
      tokens: await ctx.store.tokens.list(requireUser(request.caller).id),
    }),
  );

  api.post(
    '/api/tokens',
    {
      config: SECRETS_LIMIT,
      schema: {
        tags,
        summary: 'Create an API token; the secret is shown only in this answer',
        body: z.object({ name: Name }),
      },
    },
    async (request, reply) => {
      const user = requireUser(request.caller);
      reply.code(201);
      return ctx.accounts.createToken(user, request.body.name);
    },
  );

  api.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: z.object({ id: z.string().max(64) }),
      },
    },
    async (request, reply) => {
      const user = requireUser(request.caller);
      if (!(await ctx.store.tokens.delete(user.id, request.params.id))) {
        throw new HttpProblem(404, 'You have no API token with this id.');
      }
      return reply.code(204).send();
    },
  );
}
