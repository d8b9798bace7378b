/** Cases published read-only by link: anyone with the link can read the case and its reading. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app.js';
import { HttpProblem } from '../problem.js';
import { hashSecret } from '../secrets.js';
import { caseView } from './case-loader.js';

export function sharedRoutes(server: FastifyInstance, ctx: AppContext): void {
  const api = server.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/shared/:token',
    {
      schema: {
        tags: ['Cases'],
        summary: 'A case shared by link, with its reading',
        params: z.object({ token: z.string().max(200) }),
      },
    },
    async (request) => {
      const stored = await ctx.store.cases.byShareToken(hashSecret(request.params.token));
      if (!stored)
        throw new HttpProblem(404, 'This link is not valid, or the case is no longer shared.');
      const located = await ctx.store.cases.locate(stored.workspaceId, stored.id);
      const analysis = located
        ? await ctx.cases.analysis(located.uuid, stored.revision, stored.document)
        : undefined;
      const { workspace, shared, ...view } = caseView(stored);
      void workspace; // which workspace it is in, and that it is shared, are not the reader's business
      void shared;
      return { ...view, analysis };
    },
  );
}
