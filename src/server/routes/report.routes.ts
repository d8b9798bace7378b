/** Reports a person can take to a board or a journal, and corpus tables for reviews. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { corpusRows, corpusSummary, type Analysis, type CaseFile } from '../../core/index.js';
import {
  caseReport,
  caseReportHtml,
  caseReportMarkdown,
  caseReportPdf,
  corpusCsv,
  corpusJson,
  corpusMarkdown,
  modelProfileSvg,
} from '../../report/index.js';
import { requireAccess } from '../access.js';
import type { AppContext } from '../app.js';
import { HttpProblem } from '../problem.js';
import { loadCase } from './case-loader.js';
import { CaseParams, WorkspaceParams } from './schemas.js';

const tags = ['Reports'];

/** Every case in a workspace with its analysis (analyses come from the cache). */
async function everyCase(
  ctx: AppContext,
  workspaceId: string,
): Promise<Array<{ doc: CaseFile; analysis: Analysis }>> {
  const all: Array<{ doc: CaseFile; analysis: Analysis }> = [];
  for await (const { uuid, stored } of ctx.cases.everyCase(workspaceId)) {
    const analysis = await ctx.cases.analysis(uuid, stored.revision, stored.document);
    all.push({ doc: stored.document, analysis });
  }
  return all;
}

export function reportRoutes(server: FastifyInstance, ctx: AppContext): void {
  const api = server.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/workspaces/:workspace/cases/:case/report',
    {
      schema: {
        tags,
        summary: 'A case report: Markdown, a self-contained HTML page, or a tagged PDF',
        params: CaseParams,
        querystring: z.object({
          format: z.enum(['markdown', 'html', 'pdf']).default('html'),
          revision: z.coerce.number().int().positive().optional(),
        }),
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
      const analysis = await ctx.cases.analysis(uuid, number, document);
      const report = caseReport(document, analysis, `revision ${number}`);
      const name = `${document.id}-r${number}`;
      switch (request.query.format) {
        case 'pdf':
          return reply
            .type('application/pdf')
            .header('content-disposition', `attachment; filename="${name}.pdf"`)
            .send(Buffer.from(await caseReportPdf(report)));
        case 'markdown':
          return reply
            .type('text/markdown; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.md"`)
            .send(caseReportMarkdown(report));
        case 'html':
          return reply.type('text/html; charset=utf-8').send(caseReportHtml(report));
      }
    },
  );

  api.get(
    '/api/workspaces/:workspace/table',
    {
      schema: {
        tags,
        summary: 'One row per case and part: each model’s fit, the label check, unknowns',
        params: WorkspaceParams,
        querystring: z.object({ format: z.enum(['csv', 'json', 'markdown']).default('csv') }),
      },
    },
    async (request, reply) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'read',
      );
      const rows = (await everyCase(ctx, access.workspace.id)).flatMap((c) =>
        corpusRows(c.doc, c.analysis),
      );
      const format = request.query.format;
      const [type, text] =
        format === 'csv'
          ? ['text/csv; charset=utf-8', corpusCsv(rows)]
          : format === 'json'
            ? ['application/json; charset=utf-8', corpusJson(rows, false)]
            : ['text/markdown; charset=utf-8', corpusMarkdown(rows)];
      return reply
        .type(type)
        .header(
          'content-disposition',
          `attachment; filename="${access.workspace.id}-table.${format === 'markdown' ? 'md' : format}"`,
        )
        .send(text);
    },
  );

  api.get(
    '/api/workspaces/:workspace/summary',
    {
      schema: {
        tags,
        summary:
          'How often each model fits, and how many cases that call themselves co-produced the record supports',
        description: 'format=svg gives the figure of the model profile instead.',
        params: WorkspaceParams,
        querystring: z.object({ format: z.enum(['json', 'svg']).default('json') }),
      },
    },
    async (request, reply) => {
      const access = await requireAccess(
        ctx.store,
        request.caller,
        request.params.workspace,
        'read',
      );
      const summary = corpusSummary(await everyCase(ctx, access.workspace.id));
      if (request.query.format === 'svg') {
        return reply.type('image/svg+xml; charset=utf-8').send(modelProfileSvg(summary));
      }
      return summary;
    },
  );
}
