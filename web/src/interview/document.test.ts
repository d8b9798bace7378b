// The interview's answers and the case document: each answer written and read back, "we don't know"
// writing no claim, and the document read back from its YAML.
import { describe, expect, it } from 'vitest';
import { validateCase } from '../../../src/core/index.js';
import {
  aboutMistakes,
  addComponent,
  addParty,
  addSource,
  components,
  emptyCase,
  readAbout,
  readAttempts,
  readEvened,
  readRole,
  readRoleNote,
  removeParty,
  removeSource,
  shapeProblem,
  slug,
  suggestCaseId,
  uniqueId,
  writeAbout,
  writeAttempts,
  writeDesign,
  writeEvened,
  writeEvidence,
  writeHumanising,
  writeProduces,
  writeRole,
  writeRoleNote,
  type DraftCase,
} from './document.js';
import { allSteps, findStep, plainProblem, stepKey } from './steps.js';
import { fromYaml, toYaml } from './yaml-text.js';

const about = (title: string, id = suggestCaseId(title)) => ({
  title,
  summary: '',
  setting: '',
  start: '2019',
  end: '',
  id,
});

/** A small case, as the interview writes it: two parties, a source, claims at two stages. */
function smallCase(): DraftCase {
  let doc = writeAbout(emptyCase(), about('Peer Garden'), true);
  const source = addSource(doc, { kind: 'report', citation: 'Garden annual report, 2022' });
  doc = source.doc;
  const users = addParty(doc, {
    kind: 'service-users',
    label: 'Garden members',
    livedExperience: 'yes',
    userLed: 'yes',
  });
  doc = users.doc;
  const staff = addParty(doc, {
    kind: 'mental-health-professionals',
    label: 'CMHT',
    livedExperience: 'yes',
    userLed: 'no',
  });
  doc = staff.doc;
  doc = writeRole(doc, 0, users.id, 'design', { kind: 'one', level: 'partner', source: source.id });
  doc = writeRole(doc, 0, staff.id, 'design', { kind: 'one', level: 'partner' });
  doc = writeRole(doc, 0, users.id, 'delivery', {
    kind: 'one',
    level: 'leads',
    certainty: 'documented',
  });
  return doc;
}

describe('ids', () => {
  it('makes kebab-case ids from words, and unique ones', () => {
    expect(slug('SleepWell on Ward 7!')).toBe('sleepwell-on-ward-7');
    expect(slug('Café Ürün')).toBe('cafe-urun');
    expect(slug('!!!', 'part')).toBe('part');
    expect(uniqueId('users', ['users', 'users-2'])).toBe('users-3');
    expect(suggestCaseId('  The Hearing Voices Network ')).toBe('the-hearing-voices-network');
  });
});

describe('about the case', () => {
  it('writes the answers, leaves empty ones out, and names the first part after the case', () => {
    const doc = writeAbout(
      emptyCase(),
      { ...about('SleepWell'), summary: ' Sleep. ', end: '2020' },
      true,
    );
    expect(doc).toEqual({
      format: 'coprism/1',
      id: 'sleepwell',
      title: 'SleepWell',
      summary: 'Sleep.',
      period: { start: 2019, end: 2020 },
      components: [{ id: 'sleepwell', title: 'SleepWell', roles: [] }],
    });
    expect(readAbout(doc)).toEqual({ ...about('SleepWell'), summary: 'Sleep.', end: '2020' });
    // The part follows the name as it is typed, its id too while the case is new.
    const renamed = writeAbout(doc, about('SleepWell Plus', 'sleepwell'), true);
    expect(renamed.components?.[0]).toEqual({
      id: 'sleepwell-plus',
      title: 'SleepWell Plus',
      roles: [],
    });
    expect(writeAbout(doc, about('SleepWell Plus', 'sleepwell')).components?.[0]?.id).toBe(
      'sleepwell',
    );
  });

  it('says what is wrong in plain words', () => {
    expect(aboutMistakes({ ...about(''), start: '19', end: '', id: 'Bad Id' })).toEqual({
      title: 'Give the initiative a name.',
      start: 'Write a year as four figures, like 2019.',
      id: 'Use only small letters, figures and single hyphens between words, like peer-support-groups.',
    });
    expect(aboutMistakes({ ...about('X'), start: '2020', end: '2019' }).end).toBe(
      'The last year can’t be before the first.',
    );
  });
});

describe('who did what', () => {
  it('writes a claim per answer and reads it back', () => {
    const doc = smallCase();
    expect(readRole(doc, 0, 'garden-members', 'design')).toEqual({
      kind: 'one',
      level: 'partner',
      source: 'garden-2022',
      certainty: undefined,
    });
    expect(readRole(doc, 0, 'garden-members', 'governance')).toEqual({ kind: 'unknown' });
    const checked = validateCase(doc);
    expect(checked.ok).toBe(true);
  });

  it('keeps a note on a claim, through a change of level, and leaves an empty note out', () => {
    const noted = writeRoleNote(smallCase(), 0, 'garden-members', 'design', '§2: said so');
    expect(readRoleNote(noted, 0, 'garden-members', 'design')).toBe('§2: said so');
    const relevelled = writeRole(noted, 0, 'garden-members', 'design', {
      kind: 'one',
      level: 'leads',
    });
    expect(readRoleNote(relevelled, 0, 'garden-members', 'design')).toBe('§2: said so');
    const cleared = writeRoleNote(relevelled, 0, 'garden-members', 'design', '  ');
    expect(components(cleared)[0]?.roles?.find((r) => r.stage === 'design')).not.toHaveProperty(
      'note',
    );
    // No claim, no note: "we don't know" stays without a claim.
    const none = writeRoleNote(smallCase(), 0, 'garden-members', 'governance', 'x');
    expect(readRole(none, 0, 'garden-members', 'governance')).toEqual({ kind: 'unknown' });
  });

  it('writes no claim for "we don\'t know": unknown is never "none"', () => {
    const doc = smallCase();
    const none = writeRole(doc, 0, 'cmht', 'delivery', { kind: 'one', level: 'none' });
    expect(readRole(none, 0, 'cmht', 'delivery')).toMatchObject({ kind: 'one', level: 'none' });
    const unknown = writeRole(none, 0, 'cmht', 'delivery', { kind: 'unknown' });
    expect(readRole(unknown, 0, 'cmht', 'delivery')).toEqual({ kind: 'unknown' });
    expect(unknown.components?.[0]?.roles).toEqual(doc.components?.[0]?.roles);
  });

  it('changes a claim in its place and keeps its note', () => {
    let doc = smallCase();
    const roles = doc.components?.[0]?.roles ?? [];
    doc = {
      ...doc,
      components: [
        {
          ...doc.components?.[0],
          roles: roles.map((r, i) => (i === 0 ? { ...r, note: 'p. 4' } : r)),
        },
      ],
    };
    const changed = writeRole(doc, 0, 'garden-members', 'design', { kind: 'one', level: 'leads' });
    expect(changed.components?.[0]?.roles?.[0]).toEqual({
      party: 'garden-members',
      stage: 'design',
      level: 'leads',
      note: 'p. 4',
    });
  });

  it('leaves accounts that disagree as they are', () => {
    const doc = smallCase();
    const roles = [
      ...(doc.components?.[0]?.roles ?? []),
      { party: 'garden-members', stage: 'design' as const, level: 'consulted' as const },
    ];
    const disputed = { ...doc, components: [{ ...doc.components?.[0], roles }] };
    const answer = readRole(disputed, 0, 'garden-members', 'design');
    expect(answer.kind).toBe('several');
  });

  it('asks about lived experience and user-led only where they apply', () => {
    const doc = smallCase();
    expect(doc.parties).toEqual([
      { id: 'garden-members', kind: 'service-users', label: 'Garden members', userLed: true },
      { id: 'cmht', kind: 'mental-health-professionals', label: 'CMHT' },
    ]);
    const designer = addParty(doc, {
      kind: 'designers',
      label: '',
      livedExperience: 'yes',
      userLed: 'unknown',
    });
    expect(designer.doc.parties?.[2]).toEqual({
      id: 'designers',
      kind: 'designers',
      livedExperience: true,
    });
  });

  it('removes a party with its claims, and a source from the claims that cite it', () => {
    const doc = smallCase();
    const without = removeParty(doc, 'garden-members');
    expect(without.components?.[0]?.roles?.map((r) => r.party)).toEqual(['cmht']);
    const noSource = removeSource(doc, 'garden-2022');
    expect(noSource.sources).toEqual([]);
    expect(noSource.components?.[0]?.roles?.[0]).toEqual({
      party: 'garden-members',
      stage: 'design',
      level: 'partner',
    });
  });
});

describe('the rest of a part', () => {
  it('keeps unknown apart from "no" for attempts, relationships and humane features', () => {
    const doc = smallCase();
    expect(readAttempts(doc, 0)).toEqual({ kind: 'unknown' });
    const none = writeAttempts(doc, 0, { kind: 'known', attempts: [] });
    expect(none.components?.[0]?.attempts).toEqual([]);
    expect(writeAttempts(none, 0, { kind: 'unknown' }).components?.[0]).not.toHaveProperty(
      'attempts',
    );

    expect(readEvened(doc, 0)).toEqual({ kind: 'unknown' });
    const evened = writeEvened(doc, 0, {
      kind: 'known',
      pairs: ['mental-health-professionals+service-users'],
    });
    expect(evened.components?.[0]?.relationships).toEqual([
      { between: ['service-users', 'mental-health-professionals'], effect: 'equalises' },
    ]);
    expect(readEvened(evened, 0)).toEqual({
      kind: 'known',
      pairs: ['mental-health-professionals+service-users'],
    });
    expect(writeHumanising(doc, 0, []).components?.[0]?.humanising).toEqual([]);
    expect(writeHumanising(doc, 0, undefined).components?.[0]).not.toHaveProperty('humanising');
  });

  it('keeps relationships it does not ask about', () => {
    const doc = smallCase();
    const kept = {
      ...doc,
      components: [
        {
          ...doc.components?.[0],
          relationships: [
            {
              between: ['carers', 'community'] as ['carers', 'community'],
              effect: 'keeps-apart' as const,
            },
          ],
        },
      ],
    };
    expect(writeEvened(kept, 0, { kind: 'unknown' }).components?.[0]?.relationships).toEqual(
      kept.components[0]?.relationships,
    );
  });

  it('writes evidence and design field by field, dropping a block with nothing known', () => {
    let doc = smallCase();
    doc = writeEvidence(doc, 0, { drivenByEvidence: 'no', evaluation: 'pilot' });
    expect(doc.components?.[0]?.evidence).toEqual({ drivenByEvidence: false, evaluation: 'pilot' });
    doc = writeEvidence(doc, 0, { drivenByEvidence: 'unknown', evaluation: 'unknown' });
    expect(doc.components?.[0]).not.toHaveProperty('evidence');
    doc = writeDesign(doc, 0, {
      stages: ['research', 'test'],
      iterations: 2,
      respondsToEndUsers: 'yes',
    });
    expect(doc.components?.[0]?.design).toEqual({
      stages: ['research', 'test'],
      iterations: 2,
      respondsToEndUsers: true,
    });
    doc = writeProduces(doc, 0, 'service');
    expect(doc.components?.[0]?.produces).toBe('service');
    expect(writeProduces(doc, 0, 'unknown').components?.[0]).not.toHaveProperty('produces');
    expect(validateCase(doc).ok).toBe(true);
  });
});

describe('steps', () => {
  it('asks every stage and part question for each part, then the label and the review', () => {
    const doc = addComponent(smallCase(), { title: 'Peer support', summary: '' }).doc;
    const keys = allSteps(doc).map(stepKey);
    expect(keys.slice(0, 6)).toEqual([
      'about',
      'sources',
      'parties',
      'parts',
      'p1-initiation',
      'p1-needs-assessment',
    ]);
    expect(keys).toContain('p2-outreach');
    expect(keys).toContain('p2-design-process');
    expect(keys.slice(-2)).toEqual(['label', 'review']);
    expect(findStep(doc, 'p2-delivery')).toEqual({ kind: 'stage', part: 1, stage: 'delivery' });
    expect(findStep(doc, 'p9-delivery')).toEqual({ kind: 'about' });
  });

  it('says what is missing in plain words, with the step that answers it', () => {
    const doc = smallCase();
    expect(plainProblem(doc, { field: 'title', message: 'is required; expected text' })).toEqual({
      text: 'The initiative’s name: not given yet.',
      step: { kind: 'about' },
    });
    expect(
      plainProblem(emptyCase(), { field: 'parties', message: 'is required; expected a list' }).text,
    ).toBe('Who took part: add at least one person or group.');
    expect(
      plainProblem(doc, {
        field: 'components[0].roles[1].source',
        message: "'x' is not the id of a source",
      }),
    ).toEqual({
      text: "Deciding what it would look like, CMHT: 'x' is not the id of a source.",
      step: { kind: 'stage', part: 0, stage: 'design' },
    });
  });
});

describe('YAML', () => {
  it('round-trips the document, fields in the documented order', () => {
    const doc = smallCase();
    const text = toYaml(doc);
    expect(text.startsWith('format: coprism/1\nid: peer-garden\ntitle: Peer Garden\n')).toBe(true);
    expect(fromYaml(text)).toEqual({ ok: true, doc });
  });

  it('says where unreadable YAML goes wrong, and what the interview cannot show', () => {
    const read = fromYaml('title: x\nparties: [\n');
    expect(read).toMatchObject({ ok: false, line: expect.any(Number) });
    expect(fromYaml('parties: 3\n')).toEqual({
      ok: false,
      message: '“parties” should be a list of entries, each starting with “- ”.',
    });
    expect(shapeProblem([])).toMatch(/not a case/);
    expect(fromYaml('')).toEqual({ ok: true, doc: {} });
  });
});
