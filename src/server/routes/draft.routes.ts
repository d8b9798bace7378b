/**
 * Drafts: a case being recorded (the interview) or changed, saved at every step so that leaving
 * and coming back loses nothing. A draft may be incomplete; it becomes a revision when published.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analyseCase, formatPath, validateCase } from '../../core/index.js';
import type { Draft } from '../../store/index.js';
import { requireAccess, requireUser } from '../access.js';
import type { AppContext } from '../app.js';
import { HttpProblem } from '../problem.js';
import { newId } from '../secrets.js';
import { caseView, loadCase } from './case-loader.js';
import { authorOf } from './case.routes.js';
import { WorkspaceParams, etag } from './schemas.js';

const tags = ['Drafts'];
const DraftParams = WorkspaceParams.extend({ draft: z.string().max(64) });
// A step key as the interview writes it: `about`, `sources`, `p2-design`, `p1-produces`…
const Step = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a step is lower-case words joined by hyphens')
  .max(100)
  .meta({ description: 'The interview step to resume at, such as `p1-design`.' });
const Document = z
  .record(z.string(), z.unknown())
  .meta({ description: 'The case so far: a coprism/1 document, possibly incomplete.' });

/** A draft with what is still wrong in it and, once it is a valid case, its reading. */
function draftView(draft: Draft) {
  const checked = validateCase(draft.document);
  return {
    id: draft.id,
    case: draft.caseId,
    baseRevision: draft.baseRevision,
    document: draft.document,
    step: draft.step,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    problems: checked.ok
      ? []
      : checked.error.map((p) => ({ field: formatPath(p.path), message: p.message })),
    analysis: checked.ok ? analyseCase(checked.value) : null,
  };
}

export function draftRoutes(server: FastifyInstance, ctx: AppContext): void {
  const api = server.withTypeProvider<ZodTypeProvider>();

  const mine = async (
    caller: Parameters<typeof requireUser>[0],
    workspace: string,
    id: string,
  ): Promise<{ draft: Draft; workspaceId: string }> => {
    const access = await requireAccess(ctx.store, caller, workspace, 'write');
    const user = requireUser(caller);
    const draft = await ctx.store.drafts.get(access.workspace.id, user.id, id);
    if (!draft) throw new HttpProblem(404, 'You have no draft with this id here.');
    return { draft, workspaceId: access.workspace.id };
  };

  api.get(
    '/api/workspaces/:workspace/drafts',
    {
      schema: {
        tags,
        summary: 'Your drafts in this workspace, newest first',
        params: WorkspaceParams,
      },
    },
    async (request) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'write',
      );
      const drafts = await ctx.store.drafts.list(
        access.workspace.id,
        requireUser(request.caller).id,
      );
      return {
        drafts: drafts.map((d) => ({
          id: d.id,
          case: d.caseId,
          title:
            typeof (d.document as { title?: unknown }).title === 'string'
              ? (d.document as { title: string }).title
              : null,
          updatedAt: d.updatedAt,
        })),
      };
    },
  );

  api.post(
    '/api/workspaces/:workspace/drafts',
    {
      schema: {
        tags,
        summary:
          'Start a draft: of a new case, or of a change to a case (from its current revision)',
        params: WorkspaceParams,
        body: z
          .object({ document: Document.optional(), case: z.string().max(200).optional() })
          .strict(),
      },
    },
    async (request, reply) => {
      const user = requireUser(request.caller);
      let document: unknown = request.body.document ?? { format: 'coprism/1' };
      let base: { slug: string; revision: number } | null = null;
      if (request.body.case !== undefined) {
        const { stored } = await loadCase(
          ctx,
          request.caller,
          request.params.workspace,
          request.body.case,
          'write',
        );
        base = { slug: stored.id, revision: stored.revision };
        document = request.body.document ?? stored.document;
      } else await requireAccess(ctx.store, request.caller, request.params.workspace, 'write');
      const now = ctx.now().toISOString();
      const draft: Draft = {
        id: newId(),
        workspaceId: request.params.workspace,
        authorId: user.id,
        caseId: base?.slug ?? null,
        baseRevision: base?.revision ?? null,
        document,
        step: null,
        createdAt: now,
        updatedAt: now,
      };
      await ctx.store.drafts.create(draft);
      reply.code(201);
      return draftView(draft);
    },
  );

  api.get(
    '/api/workspaces/:workspace/drafts/:draft',
    {
      schema: {
        tags,
        summary: 'A draft, what is still missing or wrong in it, and its reading so far',
        params: DraftParams,
      },
    },
    async (request) =>
      draftView((await mine(request.caller, request.params.workspace, request.params.draft)).draft),
  );

  api.put(
    '/api/workspaces/:workspace/drafts/:draft',
    {
      schema: {
        tags,
        summary: 'Save a step of a draft (it may still be incomplete)',
        params: DraftParams,
        body: z.object({ document: Document }).strict(),
      },
    },
    async (request) => {
      const { draft } = await mine(request.caller, request.params.workspace, request.params.draft);
      const now = ctx.now().toISOString();
      await ctx.store.drafts.update(draft.id, draft.authorId, request.body.document, now);
      return draftView({ ...draft, document: request.body.document, updatedAt: now });
    },
  );

  api.patch(
    '/api/workspaces/:workspace/drafts/:draft',
    {
      schema: {
        tags,
        summary: 'Keep the interview step to resume at, so any browser opens the draft there',
        params: DraftParams,
        body: z.object({ step: Step }).strict(),
      },
    },
    async (request) => {
      const { draft } = await mine(request.caller, request.params.workspace, request.params.draft);
      await ctx.store.drafts.setStep(draft.id, draft.authorId, request.body.step);
      return { id: draft.id, step: request.body.step };
    },
  );

  api.delete(
    '/api/workspaces/:workspace/drafts/:draft',
    { schema: { tags, summary: 'Throw a draft away', params: DraftParams } },
    async (request, reply) => {
      const { draft } = await mine(request.caller, request.params.workspace, request.params.draft);
      await ctx.store.drafts.delete(draft.id, draft.authorId);
      return reply.code(204).send();
    },
  );

  api.post(
    '/api/workspaces/:workspace/drafts/:draft/publish',
    {
      schema: {
        tags,
        summary: 'Save a draft as a case: a new case, or a new revision of the case it changes',
        description:
          'The draft must be a valid case (422 lists what is still wrong). A change made from a revision that someone has since replaced is refused with 409; the draft is kept.',
        params: DraftParams,
        body: z.object({ message: z.string().trim().max(500).optional() }).strict(),
      },
    },
    async (request, reply) => {
      const { draft, workspaceId } = await mine(
        request.caller,
        request.params.workspace,
        request.params.draft,
      );
      const checked = validateCase(draft.document);
      if (!checked.ok) {
        const problems = checked.error.map((p) => ({
          field: formatPath(p.path),
          message: p.message,
        }));
        throw new HttpProblem(
          422,
          `The draft is not a complete case yet: ${problems
            .slice(0, 3)
            .map((p) => `${p.field}: ${p.message}`)
            .join('; ')}`,
          { problems },
        );
      }
      const document = checked.value;
      const author = authorOf(request.caller);
      if (draft.caseId === null) {
        const created = await ctx.cases.create(
          workspaceId,
          document,
          author,
          request.body.message ?? 'Recorded',
        );
        if (!created.ok)
          throw new HttpProblem(
            409,
            `This workspace already has a case with the id '${document.id}'. Choose another id in the draft.`,
          );
        reply.code(201).header('etag', etag(1));
      } else {
        if (document.id !== draft.caseId) {
          throw new HttpProblem(
            422,
            `The case's id can't change (it is '${draft.caseId}'). Start a new case instead.`,
            { problems: [{ field: 'id', message: `expected '${draft.caseId}'` }] },
          );
        }
        const located = await ctx.store.cases.locate(workspaceId, draft.caseId);
        if (!located || located.deleted)
          throw new HttpProblem(404, 'The case this draft changes is gone or in the bin.');
        const saved = await ctx.cases.save(
          located.uuid,
          draft.baseRevision ?? 0,
          document,
          author,
          request.body.message ?? 'Changed',
        );
        if (!saved.ok) {
          throw new HttpProblem(
            409,
            `Someone saved a new revision of this case after you started this draft from revision ${draft.baseRevision ?? 0}. Your draft is kept: look at the current revision and bring your changes across.`,
            {
              currentRevision:
                saved.ok === false && saved.conflict === 'stale' ? saved.current : null,
            },
          );
        }
        reply.header('etag', etag(saved.revision));
      }
      await ctx.store.drafts.delete(draft.id, draft.authorId);
      const stored = await ctx.store.cases.get(workspaceId, document.id);
      return stored && caseView(stored);
    },
  );
}
