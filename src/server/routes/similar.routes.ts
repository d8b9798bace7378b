/** Cases like this one: the same kinds of people doing the same kinds of things at each stage. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { gridShape, shapeFromCode, shapeSimilarity } from '../../core/index.js';
import { requireAccess } from '../access.js';
import type { AppContext } from '../app.js';
import { LIBRARY_ID } from '../library.js';
import { loadCase } from './case-loader.js';
import { CaseParams } from './schemas.js';

export function similarRoutes(server: FastifyInstance, ctx: AppContext): void {
  const api = server.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/workspaces/:workspace/cases/:case/similar',
    {
      schema: {
        tags: ['Cases'],
        summary:
          'The most similar cases, by the shape of their who-did-what grids, with what differs',
        description:
          'Compared in the library by default, or in another workspace you can read (in=ID). The score runs from 0 to 1 over the cells either case records; each difference names a kind of party, a stage, and the level in each case (null: not recorded).',
        params: CaseParams,
        querystring: z.object({
          in: z.string().max(64).default(LIBRARY_ID),
          limit: z.coerce.number().int().min(1).max(20).default(5),
        }),
      },
    },
    async (request) => {
      const { stored } = await loadCase(
        ctx,
        request.caller,
        request.params.workspace,
        request.params.case,
        'read',
      );
      const target = await requireAccess(ctx.store, request.caller, request.query.in, 'read');
      const here = gridShape(stored.document);
      const others = await ctx.store.cases.shapes(target.workspace.id);
      const similar = others
        .filter((o) => !(o.id === stored.id && target.workspace.id === stored.workspaceId))
        .flatMap((o) => {
          const there = shapeFromCode(o.shape);
          return there
            ? [
                {
                  workspace: target.workspace.id,
                  id: o.id,
                  title: o.title,
                  ...shapeSimilarity(here, there),
                },
              ]
            : [];
        })
        .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title))
        .slice(0, request.query.limit);
      return { similar };
    },
  );
}
