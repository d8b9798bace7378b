/** Import and export of case files, one case or a whole workspace, as YAML or JSON. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAccess } from '../access.js';
import type { AppContext } from '../app.js';
import { documentText, documentsText } from '../case-documents.js';
import { loadCase } from './case-loader.js';
import { authorOf } from './case.routes.js';
import { CaseParams, FormatQuery, WorkspaceParams } from './schemas.js';

const tags = ['Import and export'];
const MEDIA = {
  yaml: 'application/yaml; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

const ImportBody = z.union([
  z.object({
    files: z
      .array(z.object({ name: z.string().min(1).max(300), text: z.string().max(5_000_000) }))
      .min(1)
      .max(1000),
  }),
  z.string().meta({ description: 'One case file as YAML or JSON (name it with ?name=).' }),
]);

export function transferRoutes(server: FastifyInstance, ctx: AppContext): void {
  const api = server.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/workspaces/:workspace/import',
    {
      schema: {
        tags,
        summary: 'Import case files; each file is saved whole or not at all',
        description:
          'Send { "files": [{ "name", "text" }] }, or one file as application/yaml. A file may hold one case or many (a YAML stream or a JSON array, as exported). A case whose id exists gets a new revision; unchanged cases are left alone. The answer lists each file with its cases or its problems (line and field); the status is 200 when every file was saved, 422 when none was, 207 when some were.',
        params: WorkspaceParams,
        querystring: z.object({ name: z.string().max(300).default('upload.yaml') }),
        body: ImportBody,
      },
    },
    async (request, reply) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'write',
      );
      const files =
        typeof request.body === 'string'
          ? [{ name: request.query.name, text: request.body }]
          : request.body.files;
      const outcomes = await ctx.cases.importFiles(
        access.workspace.id,
        files,
        authorOf(request.caller),
      );
      const saved = outcomes.filter((o) => o.ok).length;
      reply.code(saved === outcomes.length ? 200 : saved === 0 ? 422 : 207);
      return { saved, failed: outcomes.length - saved, files: outcomes };
    },
  );

  api.get(
    '/api/workspaces/:workspace/cases/:case/export',
    {
      schema: {
        tags,
        summary: 'The case file (canonical YAML or JSON)',
        params: CaseParams,
        querystring: FormatQuery,
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
      const format = request.query.format;
      return reply
        .type(MEDIA[format])
        .header('content-disposition', `attachment; filename="${stored.id}.${format}"`)
        .send(documentText(stored.document, format));
    },
  );

  api.get(
    '/api/workspaces/:workspace/export',
    {
      schema: {
        tags,
        summary: 'Every case in the workspace, in one file (a YAML stream or a JSON array)',
        params: WorkspaceParams,
        querystring: FormatQuery,
      },
    },
    async (request, reply) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'read',
      );
      const documents = [];
      for await (const { stored } of ctx.cases.everyCase(access.workspace.id)) {
        documents.push(stored.document);
      }
      const format = request.query.format;
      return reply
        .type(MEDIA[format])
        .header('content-disposition', `attachment; filename="${access.workspace.id}.${format}"`)
        .send(documentsText(documents, format));
    },
  );
}
