/** GRIPP2 drafts: prefilled from the record, and every item it cannot fill flagged as a gap. */
import { describe, expect, it } from 'vitest';
import { analyseCase, gripp2Draft, type CaseFile, type Gripp2Draft } from '../src/core/index.js';
import { loadCase } from './library.js';

const draftOf = (doc: CaseFile): Gripp2Draft => gripp2Draft(doc, analyseCase(doc));
const gaps = (d: Gripp2Draft): string[] =>
  d.items.filter((i) => i.gap !== undefined).map((i) => i.id);
const item = (d: Gripp2Draft, id: string) => {
  const found = d.items.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
};

describe('GRIPP2 drafts', () => {
  it('has the five short-form items and the long-form items on who, when and how far', () => {
    const d = draftOf(loadCase('sleepwell'));
    expect(d.items.map((i) => i.id)).toEqual([
      'sf.aim',
      'sf.methods',
      'sf.results',
      'sf.outcomes',
      'sf.reflections',
      'lf.people',
      'lf.stages',
      'lf.level',
      'lf.context',
    ]);
  });

  it('SleepWell: fills methods, people, level and context from the record; flags what it cannot fill', () => {
    const d = draftOf(loadCase('sleepwell'));
    expect(gaps(d)).toEqual(['sf.aim', 'sf.results', 'sf.outcomes', 'sf.reflections', 'lf.stages']);
    expect(item(d, 'sf.methods').prefilled).toEqual([
      'In-patients on the seven pilot wards: design, no part (documented, harcourt-crepaz-keay); delivery, no part (documented, harcourt-crepaz-keay); evaluation, asked for views (documented, novak-2020)',
      'Carers of in-patients on the pilot wards: evaluation, asked for views (documented, novak-2020)',
    ]);
    expect(item(d, 'lf.stages').gap).toContain(
      'In-patients on the seven pilot wards: the original idea, assessing needs, piloting, governance (money, staff and policy), recruiting and training staff, outreach',
    );
    expect(item(d, 'lf.level').prefilled).toContain(
      'In-patients on the seven pilot wards at evaluation: asked for views (documented, novak-2020) (ladder of co-production: Consultation)',
    );
    expect(item(d, 'lf.context').prefilled[1]).toBe('Period: from 2019.');
  });

  it('East Lille: no period on the record is a context gap; the draft speaks part by part', () => {
    const d = draftOf(loadCase('east-lille'));
    expect(item(d, 'lf.context').gap).toBe('The record does not give the period: add it.');
    expect(
      item(d, 'sf.methods').prefilled.some((l) => l.startsWith('Self-help groups run by users: ')),
    ).toBe(true);
  });

  it('the Wales case: the failed attempt at co-production is prefilled under results', () => {
    const d = draftOf(loadCase('mhf-self-management-wales'));
    expect(item(d, 'sf.results').prefilled).toContain(
      'Self-management training and follow-up sessions, designed and run by service users: Co-production with mental health professionals was attempted and not achieved (harcourt-crepaz-keay).',
    );
  });

  it('flags methods, people and stages when the case lists no service users, carers or community', () => {
    const doc = loadCase('sleepwell');
    const staffOnly: CaseFile = {
      ...doc,
      parties: doc.parties.filter((p) => p.kind === 'mental-health-professionals'),
      components: doc.components.map((c) => ({
        ...c,
        roles: c.roles.filter((r) => r.party === 'sleep-team'),
      })),
    };
    const d = draftOf(staffOnly);
    expect(gaps(d)).toEqual(
      expect.arrayContaining(['sf.methods', 'lf.people', 'lf.stages', 'lf.level']),
    );
    expect(item(d, 'lf.people').prefilled).toEqual([]);
  });

  it('flags a disagreement on a service user’s level as a gap to settle by hand', () => {
    const doc = loadCase('sleepwell');
    const component = doc.components[0];
    if (component === undefined) throw new Error('no component');
    const disputed: CaseFile = {
      ...doc,
      components: [
        {
          ...component,
          roles: [
            ...component.roles,
            {
              party: 'patients',
              stage: 'evaluation',
              level: 'partner',
              source: 'harcourt-crepaz-keay',
            },
          ],
        },
      ],
    };
    const d = draftOf(disputed);
    expect(item(d, 'lf.level').gap).toBe(
      'The sources disagree on the level of involvement here; settle it by hand: In-patients on the seven pilot wards at evaluation.',
    );
    expect(item(draftOf(doc), 'lf.level').gap).toBeUndefined();
  });
});
