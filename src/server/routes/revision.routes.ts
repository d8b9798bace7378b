/** The history of a case: its revisions, the difference between two, and going back to one. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app.js';
import { HttpProblem } from '../problem.js';
import { caseView, loadCase, sameDocument } from './case-loader.js';
import { authorOf } from './case.routes.js';
import { CaseParams, etag, expectedRevision } from './schemas.js';

const tags = ['History'];
const RevisionParams = CaseParams.extend({ revision: z.coerce.number().int().positive() });

export function revisionRoutes(server: FastifyInstance, ctx: AppContext): void {
  const api = server.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/workspaces/:workspace/cases/:case/revisions',
    { schema: { tags, summary: 'Every revision of a case, newest first', params: CaseParams } },
    async (request) => {
      const { uuid } = await loadCase(
        ctx,
        request.caller,
        request.params.workspace,
        request.params.case,
        'read',
      );
      return { revisions: await ctx.store.cases.revisions(uuid) };
    },
  );

  api.get(
    '/api/workspaces/:workspace/cases/:case/revisions/:revision',
    { schema: { tags, summary: 'One revision of a case', params: RevisionParams } },
    async (request) => {
      const { uuid } = await loadCase(
        ctx,
        request.caller,
        request.params.workspace,
        request.params.case,
        'read',
      );
      const revision = await ctx.store.cases.revision(uuid, request.params.revision);
      if (!revision)
        throw new HttpProblem(404, `This case has no revision ${request.params.revision}.`);
      return revision;
    },
  );

  api.get(
    '/api/workspaces/:workspace/cases/:case/diff',
    {
      schema: {
        tags,
        summary: 'What changed between two revisions, as a unified diff of the case file',
        params: CaseParams,
        querystring: z.object({
          from: z.coerce.number().int().positive(),
          to: z.coerce.number().int().positive(),
        }),
      },
    },
    async (request) => {
      const { uuid } = await loadCase(
        ctx,
        request.caller,
        request.params.workspace,
        request.params.case,
        'read',
      );
      const { from, to } = request.query;
      const patch = await ctx.cases.diff(uuid, request.params.case, from, to);
      if (patch === undefined)
        throw new HttpProblem(404, `This case has no revision ${from} or no revision ${to}.`);
      return { from, to, patch };
    },
  );

  api.post(
    '/api/workspaces/:workspace/cases/:case/revert',
    {
      schema: {
        tags,
        summary: 'Go back to an earlier revision, by saving it again as a new revision',
        params: CaseParams,
        body: z.object({
          to: z.number().int().positive(),
          revision: z.number().int().positive().optional(),
          message: z.string().trim().max(500).optional(),
        }),
      },
    },
    async (request, reply) => {
      const {
        access,
        uuid,
        stored: current,
      } = await loadCase(
        ctx,
        request.caller,
        request.params.workspace,
        request.params.case,
        'write',
      );
      const expected = expectedRevision(request.headers['if-match'], request.body.revision);
      const old = await ctx.store.cases.revision(uuid, request.body.to);
      if (!old) throw new HttpProblem(404, `This case has no revision ${request.body.to}.`);
      if (expected === current.revision && sameDocument(current.document, old.document)) {
        reply.header('etag', etag(current.revision));
        return caseView(current);
      }
      const saved = await ctx.cases.save(
        uuid,
        expected,
        old.document,
        authorOf(request.caller),
        request.body.message ?? `Reverted to revision ${request.body.to}`,
      );
      if (!saved.ok) {
        throw saved.conflict === 'missing'
          ? new HttpProblem(404, 'This case was moved to the bin.')
          : new HttpProblem(
              409,
              `Someone saved revision ${saved.current} after the revision ${expected} you were looking at. Nothing was changed.`,
              { currentRevision: saved.current },
            );
      }
      const stored = await ctx.store.cases.get(access.workspace.id, request.params.case);
      reply.header('etag', etag(saved.revision));
      return stored && caseView(stored);
    },
  );
}
