import { describe, expect, it } from 'vitest';
/** The ladder mappings, cell by cell on the paper's cases, and their promise never to guess. */
import {
  ARNSTEIN,
  INVOLVEMENT_MATRIX,
  LADDERS,
  STAGES,
  TLAP,
  participationGrid,
  positionLabel,
  readLadders,
  type CaseFile,
  type Ladder,
  type LadderId,
} from '../src/core/index.js';
import { analyse, libraryFiles, loadCase } from './library.js';

/** A ladder's row for a party in a component, as short labels, leaving out stages not recorded. */
function row(
  doc: CaseFile,
  component: string,
  ladder: Ladder,
  party: string,
): Record<string, string> {
  const i = doc.components.findIndex((c) => c.id === component);
  const reading = readLadders(doc)[i]?.find((r) => r.ladder.id === ladder.id);
  const cells = reading?.rows.find((r) => r.party.id === party)?.cells ?? [];
  return Object.fromEntries(
    cells
      .filter((c) => c.position.kind !== 'unknown')
      .map((c) => [c.stage, positionLabel(ladder, c.position)]),
  );
}

const ALL: Record<LadderId, Ladder> = {
  arnstein: ARNSTEIN,
  tlap: TLAP,
  'involvement-matrix': INVOLVEMENT_MATRIX,
};

describe('ladders on the paper’s cases, cell by cell', () => {
  const sleepwell = loadCase('sleepwell');
  const mhf = loadCase('mhf-self-management-wales');
  const lille = loadCase('east-lille');

  it.each([
    // SleepWell: patients had no part in design or delivery and were asked afterwards.
    [
      sleepwell,
      'protected-sleep',
      'arnstein',
      'patients',
      {
        design: 'Non-participation (rung not known)',
        delivery: 'Non-participation (rung not known)',
        evaluation: 'Consultation',
      },
    ],
    [
      sleepwell,
      'protected-sleep',
      'tlap',
      'patients',
      {
        design: 'Doing to (rung not known)',
        delivery: 'Doing to (rung not known)',
        evaluation: 'Consultation',
      },
    ],
    [
      sleepwell,
      'protected-sleep',
      'involvement-matrix',
      'patients',
      { design: 'Not involved', delivery: 'Not involved', evaluation: 'Co-thinker' },
    ],
    [sleepwell, 'protected-sleep', 'arnstein', 'carers', { evaluation: 'Consultation' }],
    [sleepwell, 'protected-sleep', 'tlap', 'carers', { evaluation: 'Consultation' }],
    [sleepwell, 'protected-sleep', 'involvement-matrix', 'carers', { evaluation: 'Co-thinker' }],
    // The Wales course: user-led design and delivery; the Foundation holds governance.
    [
      mhf,
      'self-management-course',
      'arnstein',
      'mhf',
      {
        initiation: 'Citizen control',
        design: 'Partnership',
        governance: 'Citizen control',
        evaluation: 'Citizen control',
        outreach: 'Citizen control',
      },
    ],
    [
      mhf,
      'self-management-course',
      'arnstein',
      'facilitators',
      { design: 'Citizen power (rung not known)', piloting: 'Citizen power (rung not known)' },
    ],
    [
      mhf,
      'self-management-course',
      'arnstein',
      'development-group',
      { design: 'Partnership', piloting: 'Consultation' },
    ],
    [
      mhf,
      'self-management-course',
      'tlap',
      'development-group',
      { design: 'Doing with (rung not known)', piloting: 'Consultation' },
    ],
    [
      mhf,
      'self-management-course',
      'tlap',
      'peer-facilitators',
      { piloting: 'Doing with (rung not known)', delivery: 'Beyond the ladder (in charge)' },
    ],
    [
      mhf,
      'self-management-course',
      'tlap',
      'local-user-groups',
      { delivery: 'Engagement or Co-production?', outreach: 'Engagement or Co-production?' },
    ],
    [
      mhf,
      'self-management-course',
      'involvement-matrix',
      'peer-facilitators',
      { piloting: 'Partner', delivery: 'Decision-maker' },
    ],
    [
      mhf,
      'self-management-course',
      'arnstein',
      'local-community',
      { 'needs-assessment': 'Consultation', delivery: 'Consultation', outreach: 'Partnership' },
    ],
    [
      mhf,
      'peer-support-groups',
      'tlap',
      'participants',
      { 'needs-assessment': 'Consultation', delivery: 'Beyond the ladder (in charge)' },
    ],
    [
      mhf,
      'bipolar-uk-courses',
      'involvement-matrix',
      'bipolar-uk',
      { design: 'Decision-maker', delivery: 'Decision-maker' },
    ],
    // East Lille: users in housing allocation and training; self-help run by users, designed top-down.
    [lille, 'asylum-closure-housing', 'arnstein', 'host-families', { delivery: 'Partnership' }],
    [lille, 'asylum-closure-housing', 'tlap', 'users', { delivery: 'Doing to (rung not known)' }],
    [
      lille,
      'ex-patients-staff-training-housing',
      'arnstein',
      'users',
      { 'staff-training': 'Partnership', delivery: 'Partnership' },
    ],
    [
      lille,
      'ex-patients-staff-training-housing',
      'tlap',
      'users',
      {
        'staff-training': 'Engagement or Co-production?',
        delivery: 'Engagement or Co-production?',
      },
    ],
    [
      lille,
      'user-run-self-help',
      'arnstein',
      'users',
      { design: 'Informing', delivery: 'Citizen power (rung not known)' },
    ],
    [
      lille,
      'user-run-self-help',
      'tlap',
      'users',
      { design: 'Informing', delivery: 'Beyond the ladder (in charge)' },
    ],
    [
      lille,
      'user-run-self-help',
      'involvement-matrix',
      'users',
      { design: 'Listener', delivery: 'Decision-maker' },
    ],
    [
      lille,
      'anti-stigma-artists',
      'arnstein',
      'municipal-authorities',
      { initiation: 'Partnership', design: 'Partnership', delivery: 'Partnership' },
    ],
    [lille, 'records-access', 'arnstein', 'users', {}],
  ] as const)('%#: %s / %s / %s / %s', (doc, component, ladder, party, expected) => {
    expect(row(doc, component, ALL[ladder], party)).toEqual(expected);
  });

  it('does not place professionals on any ladder, nor community members on the two user ladders', () => {
    for (const [ladder, party] of [
      [ARNSTEIN, 'sleep-team'],
      [TLAP, 'sleep-team'],
      [INVOLVEMENT_MATRIX, 'estates'],
    ] as const) {
      const reading = readLadders(sleepwell)[0]?.find((r) => r.ladder.id === ladder.id);
      expect(reading?.rows.map((r) => r.party.id)).not.toContain(party);
      expect(reading?.notMeasured.map((p) => p.id)).toContain(party);
    }
    const tlap = readLadders(lille)[0]?.find((r) => r.ladder.id === 'tlap');
    expect(tlap?.notMeasured.map((p) => p.id)).toContain('host-families');
  });
});

describe('ladders never guess', () => {
  it.each(libraryFiles())('%s: every stage with no claim is left unplaced', (file) => {
    const doc = loadCase(file);
    readLadders(doc).forEach((readings, i) => {
      const grid = participationGrid(doc, i);
      for (const reading of readings)
        for (const r of reading.rows) {
          const gridRow = grid.rows.find((g) => g.party.id === r.party.id);
          for (const stage of STAGES) {
            const cell = r.cells.find((c) => c.stage === stage);
            const unknown = gridRow?.cells[stage].state === 'unknown';
            expect(cell?.position.kind === 'unknown').toBe(unknown);
            if (unknown) expect(cell?.rules).toEqual(['ladder.unknown']);
          }
        }
    });
    expect(analyse(file).case).toBe(doc.id);
  });

  it('shows both accounts when the sources disagree across rungs, and chooses neither', () => {
    const doc = loadCase('sleepwell');
    const component = doc.components[0];
    if (component === undefined) throw new Error('no component');
    const disputed: CaseFile = {
      ...doc,
      components: [
        {
          ...component,
          roles: [
            { party: 'patients', stage: 'design', level: 'consulted', source: 'novak-2020' },
            {
              party: 'patients',
              stage: 'design',
              level: 'partner',
              source: 'harcourt-crepaz-keay',
            },
          ],
        },
      ],
    };
    const cell = readLadders(disputed)[0]
      ?.find((r) => r.ladder.id === 'arnstein')
      ?.rows.find((r) => r.party.id === 'patients')
      ?.cells.find((c) => c.stage === 'design');
    expect(cell?.position.kind).toBe('disputed');
    expect(cell?.text).toContain('asked for views (novak-2020), which is Consultation (tokenism)');
    expect(cell?.text).toContain(
      'an equal partner (harcourt-crepaz-keay), which is Partnership (citizen power)',
    );
    expect(cell?.rules).toContain('ladder.disputed');
    expect(cell?.refs).toEqual(['roles[0]', 'roles[1]']);
  });

  it('places agreeing accounts once', () => {
    const doc = loadCase('sleepwell');
    const component = doc.components[0];
    if (component === undefined) throw new Error('no component');
    const agreed: CaseFile = {
      ...doc,
      components: [
        {
          ...component,
          roles: [
            { party: 'patients', stage: 'evaluation', level: 'consulted', source: 'novak-2020' },
            {
              party: 'patients',
              stage: 'evaluation',
              level: 'consulted',
              source: 'harcourt-crepaz-keay',
            },
          ],
        },
      ],
    };
    expect(row(agreed, 'protected-sleep', INVOLVEMENT_MATRIX, 'patients')).toEqual({
      evaluation: 'Co-thinker',
    });
  });

  it('every ladder rule names rungs and groups that exist, and covers every level', () => {
    for (const ladder of LADDERS) {
      const rungs = new Set(ladder.rungs.map((r) => r.id));
      const groups = new Set(ladder.groups.map((g) => g.id));
      for (const rule of ladder.rules) {
        expect(rule.statement.length).toBeGreaterThan(20);
        const place = rule.place;
        if ('rung' in place) expect(rungs.has(place.rung)).toBe(true);
        if ('group' in place) expect(groups.has(place.group)).toBe(true);
        if ('when' in place) expect(rungs.has(place.then) && rungs.has(place.otherwise)).toBe(true);
      }
      for (const level of ['none', 'informed', 'consulted', 'partner', 'leads'] as const)
        for (const stage of STAGES)
          expect(
            ladder.rules.filter(
              (r) =>
                r.levels.includes(level) && (r.stages === undefined || r.stages.includes(stage)),
            ),
          ).toHaveLength(1);
    }
    expect(ARNSTEIN.rungs).toHaveLength(8);
    expect(ARNSTEIN.groups).toHaveLength(3);
    expect(TLAP.rungs.map((r) => r.id)).toEqual([
      'coercion',
      'educating',
      'informing',
      'consultation',
      'engagement',
      'co-design',
      'co-production',
    ]);
    expect(INVOLVEMENT_MATRIX.rungs.map((r) => r.id)).toEqual([
      'listener',
      'co-thinker',
      'advisor',
      'partner',
      'decision-maker',
    ]);
  });
});
