/** Cases: list and search, create, read, change (a new revision each time), bin and restore, share. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { COUNT_CAP, type Author } from '../../store/index.js';
import { requireAccess, requireUser, type Caller } from '../access.js';
import type { AppContext } from '../app.js';
import { HttpProblem } from '../problem.js';
import { hashSecret, newSecret } from '../secrets.js';
import { caseView, loadCase, sameDocument } from './case-loader.js';
import {
  CaseBody,
  CaseParams,
  ListQuery,
  WorkspaceParams,
  caseFromBody,
  etag,
  expectedRevision,
} from './schemas.js';

const tags = ['Cases'];

export const authorOf = (caller: Caller): Author => {
  const user = requireUser(caller);
  return { id: user.id, name: user.name };
};

export function caseRoutes(server: FastifyInstance, ctx: AppContext): void {
  const api = server.withTypeProvider<ZodTypeProvider>();

  const list =
    (deleted: boolean) =>
    async (request: {
      caller: Caller;
      params: { workspace: string };
      query: typeof ListQuery._output;
    }) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'read',
      );
      const { q, model, fit, domain, label, sourceKind, year, sort, order, limit, offset } =
        request.query;
      if (fit && !model)
        throw new HttpProblem(
          400,
          "fit filters by a model's fit: give model too, e.g. model=co-production&fit=fits.",
        );
      const page = await ctx.store.cases.list(access.workspace.id, {
        ...(q ? { q } : {}),
        ...(model ? { fit: { model, fits: fit ?? ['fits'] } } : {}),
        ...(domain ? { domain } : {}),
        ...(label ? { label } : {}),
        ...(sourceKind ? { sourceKind } : {}),
        ...(year !== undefined ? { year } : {}),
        ...(sort ? { sort } : {}),
        descending: order === 'desc',
        limit,
        offset,
        deleted,
      });
      return {
        total: page.total,
        totalCapped: page.capped,
        limit,
        offset,
        items: page.items.map(({ workspaceId, ...item }) => ({ workspace: workspaceId, ...item })),
      };
    };

  api.get(
    '/api/workspaces/:workspace/cases',
    {
      schema: {
        tags,
        summary: 'List and search cases',
        description: `q: words that must all appear (title, summary, setting, parties, components). model and fit: cases whose overall reading gives that model one of these fits (comma-separated; fits by default). domain, label (a model the case claims), sourceKind, year: filters. sort: title, updated or period; order: asc or desc. total counts the matching cases up to ${COUNT_CAP.toLocaleString('en-GB')}; totalCapped is true when more match.`,
        params: WorkspaceParams,
        querystring: ListQuery,
      },
    },
    list(false),
  );

  api.get(
    '/api/workspaces/:workspace/bin',
    {
      schema: {
        tags,
        summary: 'Cases in the bin',
        params: WorkspaceParams,
        querystring: ListQuery,
      },
    },
    list(true),
  );

  api.post(
    '/api/workspaces/:workspace/cases',
    {
      schema: {
        tags,
        summary: 'Create a case (revision 1)',
        params: WorkspaceParams,
        body: CaseBody,
      },
    },
    async (request, reply) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'write',
      );
      const document = caseFromBody(request.body);
      const created = await ctx.cases.create(
        access.workspace.id,
        document,
        authorOf(request.caller),
        request.body.message ?? 'Created',
      );
      if (!created.ok) {
        throw new HttpProblem(
          409,
          `This workspace already has a case with the id '${document.id}' (perhaps in the bin). Choose another id, or change that case.`,
        );
      }
      const stored = await ctx.store.cases.get(access.workspace.id, document.id);
      reply
        .code(201)
        .header('etag', etag(created.revision))
        .header('location', `/api/workspaces/${access.workspace.id}/cases/${document.id}`);
      return stored && caseView(stored);
    },
  );

  api.get(
    '/api/workspaces/:workspace/cases/:case',
    {
      schema: {
        tags,
        summary: 'A case at its current revision (ETag names the revision)',
        params: CaseParams,
      },
    },
    async (request, reply) => {
      const { stored } = await loadCase(
        ctx,
        request.caller,
        request.params.workspace,
        request.params.case,
        'read',
      );
      reply.header('etag', etag(stored.revision));
      return caseView(stored);
    },
  );

  api.put(
    '/api/workspaces/:workspace/cases/:case',
    {
      schema: {
        tags,
        summary: 'Save a new revision of a case',
        description:
          'Send the revision you changed (If-Match: "r3", or revision in the body). If someone saved since, the answer is 409 with the current revision, and nothing is overwritten.',
        params: CaseParams,
        body: CaseBody,
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
      const document = caseFromBody(request.body);
      // Saving what is already there adds no revision.
      if (expected === current.revision && sameDocument(current.document, document)) {
        reply.header('etag', etag(current.revision));
        return caseView(current);
      }
      if (document.id !== request.params.case) {
        throw new HttpProblem(
          422,
          `The case's id can't change (it is '${request.params.case}', the document says '${document.id}'). Create a new case instead.`,
          {
            problems: [{ field: 'id', message: `expected '${request.params.case}'` }],
          },
        );
      }
      const saved = await ctx.cases.save(
        uuid,
        expected,
        document,
        authorOf(request.caller),
        request.body.message ?? 'Changed',
      );
      if (!saved.ok) {
        if (saved.conflict === 'missing')
          throw new HttpProblem(404, 'This case was moved to the bin while you were editing it.');
        throw new HttpProblem(
          409,
          `Someone saved revision ${saved.current} after the revision ${expected} you changed. Nothing was overwritten: load revision ${saved.current}, bring your change across, and save again.`,
          { currentRevision: saved.current },
        );
      }
      const stored = await ctx.store.cases.get(access.workspace.id, document.id);
      reply.header('etag', etag(saved.revision));
      return stored && caseView(stored);
    },
  );

  api.delete(
    '/api/workspaces/:workspace/cases/:case',
    {
      schema: { tags, summary: 'Move a case to the bin (it can be restored)', params: CaseParams },
    },
    async (request, reply) => {
      const { uuid } = await loadCase(
        ctx,
        request.caller,
        request.params.workspace,
        request.params.case,
        'write',
      );
      await ctx.store.cases.moveToBin(uuid, ctx.now().toISOString());
      return reply.code(204).send();
    },
  );

  api.post(
    '/api/workspaces/:workspace/bin/:case/restore',
    { schema: { tags, summary: 'Restore a case from the bin', params: CaseParams } },
    async (request) => {
      const { access, uuid } = await loadCase(
        ctx,
        request.caller,
        request.params.workspace,
        request.params.case,
        'write',
        { inBin: true },
      );
      await ctx.store.cases.restoreFromBin(uuid);
      const stored = await ctx.store.cases.get(access.workspace.id, request.params.case);
      return stored && caseView(stored);
    },
  );

  api.post(
    '/api/workspaces/:workspace/cases/:case/share',
    {
      schema: {
        tags,
        summary: 'Publish a read-only link to the case (a new link replaces the old one)',
        params: CaseParams,
      },
    },
    async (request, reply) => {
      const { uuid } = await loadCase(
        ctx,
        request.caller,
        request.params.workspace,
        request.params.case,
        'write',
      );
      const token = newSecret('cpl');
      await ctx.store.cases.setShareToken(uuid, hashSecret(token));
      reply.code(201);
      return { token, path: `/shared/${token}` };
    },
  );

  api.delete(
    '/api/workspaces/:workspace/cases/:case/share',
    { schema: { tags, summary: 'Withdraw the read-only link', params: CaseParams } },
    async (request, reply) => {
      const { uuid } = await loadCase(
        ctx,
        request.caller,
        request.params.workspace,
        request.params.case,
        'write',
      );
      await ctx.store.cases.setShareToken(uuid, null);
      return reply.code(204).send();
    },
  );
}
