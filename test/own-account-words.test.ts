// Whose account a self-report is, said by name in the reading, its doubts and the reports, never by user id.
import { describe, expect, it } from 'vitest';
import {
  analyseCase,
  ownAccountSource,
  participationGrid,
  validateCase,
  type CaseFile,
} from '../src/core/index.js';
import { caseReport, caseReportHtml, caseReportMarkdown } from '../src/report/index.js';
import { loadCase } from './library.js';

const USER = 'k3x9q2m7p1z8w4v6';
const own = ownAccountSource(USER, 'Amira Khan', '2026-01-05');

/** SleepWell, with Amira's own account that patients decided the design together with staff. */
function withOwnAccount(): CaseFile {
  const doc = loadCase('sleepwell');
  const [first, ...rest] = doc.components;
  if (!first) throw new Error('no component');
  const checked = validateCase({
    ...doc,
    sources: [...(doc.sources ?? []), own],
    components: [
      {
        ...first,
        roles: [
          ...first.roles,
          {
            party: 'patients',
            stage: 'design',
            level: 'partner',
            source: own.id,
            certainty: 'documented',
          },
        ],
      },
      ...rest,
    ],
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.error));
  return checked.value;
}

describe('an account given in Coprism', () => {
  it('says whose account it is in the reading, its doubts and the reports, never the user id', () => {
    const doc = withOwnAccount();
    const analysis = analyseCase(doc);
    const doubts = analysis.components[0]?.uncertainties ?? [];
    const disagreement = doubts.find(
      (u) => u.kind === 'disagreement' && u.about.includes('design'),
    );
    expect(disagreement?.about).toContain('self-report by Amira Khan says partner');
    const grid = participationGrid(doc, 0);
    const patients = grid.rows.find((r) => r.party.id === 'patients');
    const cell = patients?.cells.design;
    expect(cell?.state).toBe('disputed');
    expect(cell && cell.state !== 'unknown' ? cell.accounts.map((a) => a.by) : []).toContain(
      'self-report by Amira Khan',
    );
    const report = caseReport(doc, analysis);
    const markdown = caseReportMarkdown(report);
    const html = caseReportHtml(report);
    expect(markdown).toContain('self-report by Amira Khan');
    expect(html).toContain('self-report by Amira Khan');
    for (const text of [JSON.stringify(analysis), markdown, html]) expect(text).not.toContain(USER);
  });
});
