/** The reading: of a stored case (kept per revision and rulebook), or of any case posted. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RULEBOOK, analyseCase, caseJsonSchema } from '../../core/index.js';
import type { AppContext } from '../app.js';
import { HttpProblem } from '../problem.js';
import { loadCase } from './case-loader.js';
import { CaseBody, CaseParams, caseFromBody } from './schemas.js';

const tags = ['Analysis'];

export function analysisRoutes(server: FastifyInstance, ctx: AppContext): void {
  const api = server.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/workspaces/:workspace/cases/:case/analysis',
    {
      schema: {
        tags,
        summary:
          'The five-model reading of a case (coprism-analysis/1), at its current or a given revision',
        params: CaseParams,
        querystring: z.object({ revision: z.coerce.number().int().positive().optional() }),
      },
    },
    async (request, reply) => {
      const { uuid, stored } = await loadCase(
        ctx,
        request.caller,
        request.params.workspace,
        request.params.case,
        'read',
      );
      const number = request.query.revision ?? stored.revision;
      const document =
        number === stored.revision
          ? stored.document
          : (await ctx.store.cases.revision(uuid, number))?.document;
      if (!document) throw new HttpProblem(404, `This case has no revision ${number}.`);
      return reply
        .type('application/json; charset=utf-8')
        .send(await ctx.cases.analysisJson(uuid, number, document));
    },
  );

  api.post(
    '/api/analyse',
    {
      schema: {
        tags,
        summary: 'Read any case without saving it',
        description:
          'Send { "document": … } or { "text": "…a case file…" }, or the case file itself as application/yaml.',
        body: z.union([CaseBody, z.string()]),
      },
    },
    (request) =>
      analyseCase(
        caseFromBody(typeof request.body === 'string' ? { text: request.body } : request.body),
      ),
  );

  api.get(
    '/api/rulebook',
    { schema: { tags, summary: 'The rulebook: every rule in plain English, with its version' } },
    () => RULEBOOK,
  );

  api.get(
    '/api/schema',
    { schema: { tags, summary: 'The JSON Schema of the coprism/1 case format' } },
    () => caseJsonSchema(),
  );
}
