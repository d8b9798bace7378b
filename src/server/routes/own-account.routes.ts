/**
 * "Add my account": anyone with edit rights (say, a service user who was there) gives their own
 * account of any stage. It is kept as separate claims with a self-report source in their name,
 * beside everyone else's, never replacing them; only their own earlier claims are replaced.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CERTAINTIES,
  LEVELS,
  STAGES,
  formatPath,
  ownAccountSource,
  validateCase,
  type CaseFile,
  type Role,
  type Source,
} from '../../core/index.js';
import { requireUser } from '../access.js';
import type { AppContext } from '../app.js';
import { HttpProblem } from '../problem.js';
import { caseView, loadCase } from './case-loader.js';
import { authorOf } from './case.routes.js';
import { CaseParams, etag, expectedRevision } from './schemas.js';

const Claim = z.object({
  party: z.string().max(100),
  stage: z.enum(STAGES),
  level: z.enum(LEVELS),
  certainty: z.enum(CERTAINTIES).optional(),
  note: z.string().trim().min(1).max(5000).optional(),
});

const Body = z
  .object({
    component: z
      .string()
      .max(100)
      .meta({ description: 'The id of the part the account is about.' }),
    claims: z.array(Claim).min(1).max(100),
    revision: z.number().int().positive().optional(),
    message: z.string().trim().max(500).optional(),
  })
  .strict();

/** The user's own self-report source in this case (its id names their account), added if new. */
function ownSource(
  doc: CaseFile,
  userId: string,
  name: string,
  date: string,
): { sources: Source[]; id: string } {
  const own = ownAccountSource(userId, name, date);
  const sources = [...(doc.sources ?? [])];
  if (!sources.some((s) => s.id === own.id)) sources.push(own);
  return { sources, id: own.id };
}

export function ownAccountRoutes(server: FastifyInstance, ctx: AppContext): void {
  const api = server.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/workspaces/:workspace/cases/:case/my-account',
    {
      schema: {
        tags: ['Cases'],
        summary: 'Add your own account of what happened, beside everyone else’s',
        description:
          'Saves your claims under a self-report source in your name, as a new revision. Other people’s claims are never changed; where your account differs from theirs, the reading shows the disagreement and what turns on it. Send the revision you read (If-Match or revision).',
        params: CaseParams,
        body: Body,
      },
    },
    async (request, reply) => {
      const user = requireUser(request.caller);
      const { access, uuid, stored } = await loadCase(
        ctx,
        request.caller,
        request.params.workspace,
        request.params.case,
        'write',
      );
      const expected = expectedRevision(request.headers['if-match'], request.body.revision);
      const doc = stored.document;
      const index = doc.components.findIndex((c) => c.id === request.body.component);
      if (index < 0) {
        throw new HttpProblem(422, `This case has no part '${request.body.component}'.`, {
          problems: [
            {
              field: 'component',
              message: `expected one of ${doc.components.map((c) => c.id).join(', ')}`,
            },
          ],
        });
      }
      const { sources, id: source } = ownSource(
        doc,
        user.id,
        user.name,
        ctx.now().toISOString().slice(0, 10),
      );
      const given = new Set(request.body.claims.map((c) => `${c.party}|${c.stage}`));
      const components = doc.components.map((component, i) => {
        if (i !== index) return component;
        const kept = component.roles.filter(
          (r) => r.source !== source || !given.has(`${r.party}|${r.stage}`),
        );
        const added: Role[] = request.body.claims.map((c) => ({
          party: c.party,
          stage: c.stage,
          level: c.level,
          source,
          certainty: c.certainty ?? 'reported',
          ...(c.note === undefined ? {} : { note: c.note }),
        }));
        return { ...component, roles: [...kept, ...added] };
      });
      const checked = validateCase({ ...doc, sources, components });
      if (!checked.ok) {
        const problems = checked.error.map((p) => ({
          field: formatPath(p.path),
          message: p.message,
        }));
        throw new HttpProblem(
          422,
          problems
            .slice(0, 3)
            .map((p) => `${p.field}: ${p.message}`)
            .join('; '),
          { problems },
        );
      }
      const saved = await ctx.cases.save(
        uuid,
        expected,
        checked.value,
        authorOf(request.caller),
        request.body.message ?? `Account added by ${user.name}`,
      );
      if (!saved.ok) {
        throw saved.conflict === 'missing'
          ? new HttpProblem(404, 'This case was moved to the bin.')
          : new HttpProblem(
              409,
              `Someone saved revision ${saved.current} after the revision ${expected} you read. Nothing was saved: read the case again and add your account to it.`,
              { currentRevision: saved.current },
            );
      }
      const after = await ctx.store.cases.get(access.workspace.id, request.params.case);
      reply.header('etag', etag(saved.revision));
      return after && caseView(after);
    },
  );
}
