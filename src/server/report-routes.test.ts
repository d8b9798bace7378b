import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  caseText,
  setupOwner,
  startHarness,
  type Harness,
} from '../../test/server-harness.js';
import { pdfText } from '../../test/report-content.js';

describe('reports over the API', () => {
  let h: Harness;
  let owner: Client;
  let ws: string;
  beforeAll(async () => {
    h = await startHarness('sqlite', { library: ['cases/sleepwell.yaml'] });
    ({ owner, workspace: ws } = await setupOwner(h.app));
    await owner.post(`/api/workspaces/${ws}/import`, {
      files: ['sleepwell', 'east-lille', 'recovery-college-swlstg'].map((n) => ({
        name: `${n}.yaml`,
        text: caseText(n),
      })),
    });
  });
  afterAll(() => h.close());

  it('gives a case report as HTML, Markdown and a PDF with real text, naming the revision', async () => {
    const url = `/api/workspaces/${ws}/cases/sleepwell/report`;
    const analysis = (await owner.get(`/api/workspaces/${ws}/cases/sleepwell/analysis`)).json();
    const html = await owner.get(url);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('revision 1');
    expect(html.body).not.toContain('<script');
    const markdown = await owner.get(`${url}?format=markdown`);
    expect(markdown.body).toContain(analysis.overall.summary.split(' ').slice(0, 4).join(' '));
    const pdf = await owner.get(`${url}?format=pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdfText(pdf.rawPayload)).toContain('SleepWell');
    expect((await owner.get(`${url}?revision=7`)).statusCode).toBe(404);
    expect((await new Client(h.app).get(url)).statusCode).toBe(404);
  });

  it('gives the corpus table as CSV that parses back, one row per case and part', async () => {
    const csv = await owner.get(`/api/workspaces/${ws}/table`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parse(csv.body, { columns: true, bom: true }) as Array<Record<string, string>>;
    const cases = new Set(rows.map((r) => r['case']));
    expect([...cases].sort()).toEqual(['east-lille', 'recovery-college-swlstg', 'sleepwell']);
    const eastLille = rows.filter((r) => r['case'] === 'east-lille');
    expect(eastLille.length).toBe(1 + 8);
  });

  it('summarises how often each model fits, with the figure', async () => {
    const summary = (await owner.get(`/api/workspaces/${ws}/summary`)).json();
    expect(summary.cases).toBe(3);
    const svg = await owner.get(`/api/workspaces/${ws}/summary?format=svg`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<title');
    expect((await new Client(h.app).get('/api/workspaces/library/summary')).statusCode).toBe(200);
  });
});
