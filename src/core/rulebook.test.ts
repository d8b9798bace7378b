/**
 * Every rule in the rulebook, tested both ways: a small case where the rule decides (or its
 * reason appears), and a near-identical case, one fact apart, where it does not. The last test
 * fails if any rule in RULEBOOK lacks either test.
 */
import { describe, expect, it } from 'vitest';
import { analyseCase } from './analyse.js';
import type { Analysis, ComponentAnalysis, Uncertainty } from './analysis.types.js';
import type { Attempt, CaseFile, Component, Relationship } from './case.schema.js';
import { RULEBOOK } from './rulebook.js';
import type { NoteRule, Rule, VerdictRule } from './rule.types.js';
import { validateCase } from './validate.js';
import type { Certainty, Fit, Level, ModelId, PartyKind, Stage } from './vocabulary.js';

// ---------------------------------------------------------------------------------------------
// Building small cases
// ---------------------------------------------------------------------------------------------

/** Party ids used in fixtures, each naming its kind. */
const KIND_OF = {
  su: 'service-users',
  su2: 'service-users',
  mhp: 'mental-health-professionals',
  op: 'other-professionals',
  com: 'community',
  car: 'carers',
  res: 'researchers',
  des: 'designers',
  fun: 'funder-or-client',
} as const satisfies Record<string, PartyKind>;
type PartyId = keyof typeof KIND_OF;

interface PartySpec {
  readonly id: PartyId;
  readonly livedExperience?: boolean;
  readonly userLed?: boolean;
}

interface ClaimExtras {
  readonly source?: 'src-a' | 'src-b' | 'src-c';
  readonly certainty?: Certainty;
}
/** `[party, stage, level, { source, certainty }]`; the source defaults to src-a. */
type RoleSpec = readonly [PartyId, Stage, Level, ClaimExtras?];

interface ComponentSpec {
  readonly id?: string;
  readonly roles?: readonly RoleSpec[];
  readonly produces?: Component['produces'];
  readonly serviceDomain?: Component['serviceDomain'];
  readonly evidence?: Component['evidence'];
  readonly design?: Component['design'];
  readonly relationships?: readonly Relationship[];
  readonly humanising?: readonly string[];
  readonly attempts?: readonly Attempt[];
}

interface CaseSpec extends ComponentSpec {
  readonly parties: readonly (PartyId | PartySpec)[];
  readonly describedAs?: readonly ModelId[];
  /** Several components; when given, the single-component fields above are ignored. */
  readonly components?: readonly ComponentSpec[];
}

function rawComponent(spec: ComponentSpec, index: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: spec.id ?? `part-${index + 1}`,
    title: `Part ${index + 1}`,
    roles: (spec.roles ?? []).map(([party, stage, level, extras]) => {
      const role: Record<string, unknown> = {
        party,
        stage,
        level,
        source: extras?.source ?? 'src-a',
      };
      if (extras?.certainty !== undefined) role.certainty = extras.certainty;
      return role;
    }),
  };
  for (const key of [
    'produces',
    'serviceDomain',
    'evidence',
    'design',
    'relationships',
    'humanising',
    'attempts',
  ] as const) {
    if (spec[key] !== undefined) out[key] = spec[key];
  }
  return out;
}

/** Builds a case from a short spec and validates it, so every fixture is known to be schema-valid. */
function makeCase(spec: CaseSpec): CaseFile {
  const raw: Record<string, unknown> = {
    format: 'coprism/1',
    id: 'fixture',
    title: 'Fixture',
    sources: [
      { id: 'src-a', kind: 'peer-reviewed', citation: 'Source A' },
      { id: 'src-b', kind: 'report', citation: 'Source B' },
      { id: 'src-c', kind: 'informal-conversation', citation: 'Source C' },
    ],
    parties: spec.parties.map((p) => {
      const party: PartySpec = typeof p === 'string' ? { id: p } : p;
      return { ...party, kind: KIND_OF[party.id] };
    }),
    components: (spec.components ?? [spec]).map(rawComponent),
  };
  if (spec.describedAs !== undefined) raw.describedAs = spec.describedAs;
  const result = validateCase(raw);
  if (!result.ok) throw new Error(`invalid fixture: ${JSON.stringify(result.error)}`);
  return result.value;
}

const analyse = (spec: CaseSpec): Analysis => analyseCase(makeCase(spec));
/** The analysis of the case's first (usually only) component. */
function read(spec: CaseSpec): ComponentAnalysis {
  const component = analyse(spec).components[0];
  if (component === undefined) throw new Error('no component');
  return component;
}

// ---------------------------------------------------------------------------------------------
// Assertions that also record coverage
// ---------------------------------------------------------------------------------------------

/** Rules with a test where they apply, and rules with a test where they do not. */
const shownApplying = new Set<string>();
const shownNotApplying = new Set<string>();

function ruleById(id: string): Rule {
  const rule = RULEBOOK.rules.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`no rule ${id} in the rulebook`);
  return rule;
}
function verdictRule(id: string): VerdictRule {
  const rule = ruleById(id);
  if (rule.kind !== 'verdict') throw new Error(`${id} is not a verdict rule`);
  return rule;
}
function noteRule(id: string): NoteRule {
  const rule = ruleById(id);
  if (rule.kind !== 'note') throw new Error(`${id} is not a note rule`);
  return rule;
}

/** The rule decides its model's fit: the fit is the rule's, and the first reason names it. */
function expectDecides(c: ComponentAnalysis, id: string): void {
  const rule = verdictRule(id);
  const reading = c.models[rule.model];
  const first = reading.reasons[0];
  expect(first?.rule, `${rule.model} should be decided by ${id}`).toBe(id);
  expect(reading.fit).toBe(rule.fit);
  expect(first?.text.startsWith(rule.finding)).toBe(true);
  shownApplying.add(id);
}

/** The rule does not decide its model: `instead` does. */
function expectDecidedInstead(c: ComponentAnalysis, id: string, instead: string): void {
  const rule = verdictRule(id);
  const other = verdictRule(instead);
  expect(other.model).toBe(rule.model);
  expect(instead).not.toBe(id);
  const reading = c.models[rule.model];
  expect(reading.reasons[0]?.rule, `${rule.model} should be decided by ${instead}`).toBe(instead);
  expect(reading.fit).toBe(other.fit);
  expect(reading.reasons.map((r) => r.rule)).not.toContain(id);
  shownNotApplying.add(id);
}

function expectNote(c: ComponentAnalysis, id: string, present: boolean): void {
  const rule = noteRule(id);
  const rules = c.models[rule.model].reasons.map((r) => r.rule);
  if (present) {
    expect(rules).toContain(id);
    // A note never decides: the first reason is always a verdict rule's.
    expect(rules[0]).not.toBe(id);
    shownApplying.add(id);
  } else {
    expect(rules).not.toContain(id);
    shownNotApplying.add(id);
  }
}

const pairKey = (between: readonly string[]): string => [...between].sort().join('|');

function equalisedRules(c: ComponentAnalysis, between: readonly [PartyKind, PartyKind]): string[] {
  const entry = c.relationshipsEqualised.find((e) => pairKey(e.between) === pairKey(between));
  return entry === undefined ? [] : entry.reasons.map((r) => r.rule);
}

function expectEqualised(
  c: ComponentAnalysis,
  id: string,
  between: readonly [PartyKind, PartyKind],
  present: boolean,
): void {
  const rule = ruleById(id);
  if (rule.kind === 'equalises') expect(pairKey(rule.between)).toBe(pairKey(between));
  if (present) {
    expect(equalisedRules(c, between)).toContain(id);
    shownApplying.add(id);
  } else {
    expect(equalisedRules(c, between)).not.toContain(id);
    shownNotApplying.add(id);
  }
}

/** Marks a reading rule as shown one way; its assertions are made by the caller first. */
function shown(id: string, applying: boolean): void {
  ruleById(id);
  (applying ? shownApplying : shownNotApplying).add(id);
}

const fitOf = (c: ComponentAnalysis, model: ModelId): Fit => c.models[model].fit;
const changesOf = (u: Uncertainty | undefined) =>
  (u?.changes ?? []).map(({ model, from, to }) => ({ model, from, to }));

// ---------------------------------------------------------------------------------------------
// Co-production
// ---------------------------------------------------------------------------------------------

describe('co-production verdict rules', () => {
  it('cp.nothing-produced: nothing produced decides; a service produced does not', () => {
    const base = {
      parties: ['su'],
      roles: [
        ['su', 'design', 'none'],
        ['su', 'delivery', 'none'],
      ],
    } satisfies CaseSpec;
    expectDecides(read({ ...base, produces: 'nothing' }), 'cp.nothing-produced');
    expectDecidedInstead(
      read({ ...base, produces: 'service' }),
      'cp.nothing-produced',
      'cp.users-absent',
    );
  });

  it('cp.nothing-produced: even an equal partnership produces nothing if nothing is produced', () => {
    const c = read({
      parties: ['su', 'mhp'],
      produces: 'nothing',
      serviceDomain: 'mental-health',
      roles: [
        ['su', 'design', 'partner'],
        ['mhp', 'design', 'partner'],
      ],
    });
    expectDecides(c, 'cp.nothing-produced');
  });

  it('cp.other-field: a partnership in housing partly fits; in mental health it fits', () => {
    const base = {
      parties: ['su', 'mhp'],
      produces: 'service',
      roles: [
        ['su', 'design', 'partner'],
        ['mhp', 'design', 'partner'],
      ],
    } satisfies CaseSpec;
    expectDecides(read({ ...base, serviceDomain: 'housing' }), 'cp.other-field');
    expectDecidedInstead(
      read({ ...base, serviceDomain: 'mental-health' }),
      'cp.other-field',
      'cp.made-together',
    );
  });

  it('cp.other-field is passed over when the field is unknown (three-valued conditions)', () => {
    const base = {
      parties: ['su', 'mhp'],
      roles: [
        ['su', 'delivery', 'leads'],
        ['mhp', 'delivery', 'partner'],
      ],
    } satisfies CaseSpec;
    const absent = read(base);
    expectDecidedInstead(absent, 'cp.other-field', 'cp.made-together');
    const written = read({ ...base, serviceDomain: 'unknown', produces: 'unknown' });
    expectDecidedInstead(written, 'cp.other-field', 'cp.made-together');
    // The unknown field could change the fit, and the uncertainties say so.
    const field = absent.uncertainties.find((u) => u.refs.includes('serviceDomain'));
    expect(changesOf(field)).toContainEqual({
      model: 'co-production',
      from: 'fits',
      to: 'partly-fits',
    });
    const produces = absent.uncertainties.find((u) => u.refs.includes('produces'));
    expect(changesOf(produces)).toContainEqual({
      model: 'co-production',
      from: 'fits',
      to: 'does-not-fit',
    });
  });

  it('cp.made-together: users and professionals as partners at design fits; professionals only consulted does not', () => {
    const base = { parties: ['su', 'mhp'], serviceDomain: 'mental-health' } satisfies CaseSpec;
    expectDecides(
      read({
        ...base,
        roles: [
          ['su', 'design', 'partner'],
          ['mhp', 'design', 'leads'],
        ],
      }),
      'cp.made-together',
    );
    expectDecidedInstead(
      read({
        ...base,
        roles: [
          ['su', 'design', 'partner'],
          ['mhp', 'design', 'consulted'],
        ],
      }),
      'cp.made-together',
      'cp.users-alone',
    );
  });

  it('cp.made-together needs both at the same stage: design partners on one side and delivery on the other is not enough', () => {
    const c = read({
      parties: ['su', 'mhp'],
      serviceDomain: 'mental-health',
      roles: [
        ['su', 'design', 'partner'],
        ['mhp', 'design', 'consulted'],
        ['su', 'delivery', 'none'],
        ['mhp', 'delivery', 'leads'],
      ],
    });
    expect(c.models['co-production'].reasons[0]?.rule).not.toBe('cp.made-together');
    expect(fitOf(c, 'co-production')).not.toBe('fits');
  });

  it('lived experience puts a party on the service-user side for the user-led test only', () => {
    const c = read({
      parties: [{ id: 'des', livedExperience: true }, 'mhp'],
      serviceDomain: 'mental-health',
      roles: [
        ['des', 'delivery', 'leads'],
        ['mhp', 'delivery', 'none'],
      ],
    });
    expectDecides(c, 'ul.some-stages');
    // No service users are listed, so for co-production service users took no part.
    expectDecides(c, 'cp.users-absent');
  });

  it('cp.with-another-service: users partnering another service partly fits; only consulting it does not', () => {
    const base = { parties: ['su', 'op'] } satisfies CaseSpec;
    expectDecides(
      read({
        ...base,
        roles: [
          ['su', 'design', 'partner'],
          ['op', 'design', 'partner'],
        ],
      }),
      'cp.with-another-service',
    );
    expectDecidedInstead(
      read({
        ...base,
        roles: [
          ['su', 'design', 'partner'],
          ['op', 'design', 'consulted'],
        ],
      }),
      'cp.with-another-service',
      'cp.users-alone',
    );
  });

  it('cp.partners-elsewhere: a partnership only in governance partly fits; without it users are absent', () => {
    const roles = (profLevel: Level): RoleSpec[] => [
      ['su', 'design', 'none'],
      ['su', 'delivery', 'none'],
      ['su', 'governance', 'partner'],
      ['mhp', 'governance', profLevel],
    ];
    const base = { parties: ['su', 'mhp'] } satisfies CaseSpec;
    expectDecides(read({ ...base, roles: roles('partner') }), 'cp.partners-elsewhere');
    expectDecidedInstead(
      read({ ...base, roles: roles('consulted') }),
      'cp.partners-elsewhere',
      'cp.users-absent',
    );
  });

  it('cp.consulted-on-design: users consulted on a design others lead partly fits; users only informed does not', () => {
    const roles = (userLevel: Level): RoleSpec[] => [
      ['su', 'design', userLevel],
      ['mhp', 'design', 'leads'],
      ['su', 'delivery', 'none'],
    ];
    const base = { parties: ['su', 'mhp'] } satisfies CaseSpec;
    expectDecides(read({ ...base, roles: roles('consulted') }), 'cp.consulted-on-design');
    expectDecidedInstead(
      read({ ...base, roles: roles('informed') }),
      'cp.consulted-on-design',
      'cp.users-absent',
    );
  });

  it('cp.roles-kept-apart: a recorded keeps-apart relationship decides; with none recorded, users-absent does', () => {
    const base = {
      parties: ['su', 'mhp'],
      roles: [
        ['su', 'design', 'none'],
        ['su', 'delivery', 'none'],
        ['mhp', 'delivery', 'leads'],
      ],
    } satisfies CaseSpec;
    const keptApart: Relationship = {
      between: ['mental-health-professionals', 'service-users'],
      effect: 'keeps-apart',
    };
    const c = read({ ...base, relationships: [keptApart] });
    expectDecides(c, 'cp.roles-kept-apart');
    expect(c.models['co-production'].reasons[0]?.refs).toContain('relationships[0]');
    expectDecidedInstead(
      read({ ...base, relationships: [] }),
      'cp.roles-kept-apart',
      'cp.users-absent',
    );
  });

  it('cp.partners-with-community: users partnering the community, not professionals, does not fit; with professionals as partners too it is something else', () => {
    const roles = (profLevel: Level): RoleSpec[] => [
      ['su', 'design', 'none'],
      ['su', 'delivery', 'none'],
      ['su', 'outreach', 'partner'],
      ['com', 'outreach', 'partner'],
      ['mhp', 'outreach', profLevel],
    ];
    const base = { parties: ['su', 'mhp', 'com'] } satisfies CaseSpec;
    expectDecides(read({ ...base, roles: roles('none') }), 'cp.partners-with-community');
    expectDecidedInstead(
      read({ ...base, roles: roles('partner') }),
      'cp.partners-with-community',
      'cp.users-absent',
    );
  });

  it('cp.users-alone: users leading without professionals goes beyond co-production; with professionals as partners it is made together', () => {
    const roles = (profDesign: Level): RoleSpec[] => [
      ['su', 'design', 'leads'],
      ['su', 'delivery', 'leads'],
      ['mhp', 'design', profDesign],
      ['mhp', 'delivery', 'none'],
    ];
    const base = { parties: ['su', 'mhp'] } satisfies CaseSpec;
    expectDecides(read({ ...base, roles: roles('none') }), 'cp.users-alone');
    expectDecidedInstead(
      read({ ...base, roles: roles('partner') }),
      'cp.users-alone',
      'cp.made-together',
    );
  });

  it('cp.users-alone: professionals listed but with no claim are not partners on the record, and what a claim would change is listed', () => {
    const c = read({
      parties: ['su', 'mhp'],
      roles: [
        ['su', 'design', 'leads'],
        ['su', 'delivery', 'leads'],
      ],
    });
    expectDecides(c, 'cp.users-alone');
    const design = c.uncertainties.find(
      (u) =>
        u.kind === 'unknown' && u.about.includes('mental health') && u.about.endsWith('design'),
    );
    expect(changesOf(design)).toContainEqual({
      model: 'co-production',
      from: 'does-not-fit',
      to: 'fits',
    });
  });

  it('cp.users-alone: with no professionals listed at all, professionals took no part', () => {
    const c = read({ parties: ['su'], roles: [['su', 'delivery', 'leads']] });
    expectDecides(c, 'cp.users-alone');
    expect(c.models['co-production'].reasons[0]?.refs).toContain('parties');
  });

  it('cp.users-absent: users known to take no part in design and delivery; with delivery unknown it cannot be settled', () => {
    expectDecides(
      read({
        parties: ['su', 'mhp'],
        roles: [
          ['su', 'design', 'none'],
          ['su', 'delivery', 'consulted'],
        ],
      }),
      'cp.users-absent',
    );
    expectDecidedInstead(
      read({ parties: ['su', 'mhp'], roles: [['su', 'design', 'none']] }),
      'cp.users-absent',
      'cp.unsettled',
    );
  });

  it('cp.users-absent: a kind of party not listed took no part', () => {
    // No one on the users side is listed, so users took no part in making it.
    const c = read({ parties: ['mhp'], roles: [] });
    expectDecides(c, 'cp.users-absent');
    expect(c.models['co-production'].reasons[0]?.refs).toEqual(['parties']);
  });

  it('cp.unsettled: nothing recorded about design or delivery; once it is, another rule decides', () => {
    const base = { parties: ['su', 'mhp'] } satisfies CaseSpec;
    expectDecides(read({ ...base, roles: [] }), 'cp.unsettled');
    expectDecidedInstead(
      read({
        ...base,
        roles: [
          ['su', 'design', 'none'],
          ['su', 'delivery', 'none'],
        ],
      }),
      'cp.unsettled',
      'cp.users-absent',
    );
  });
});

describe('co-production notes', () => {
  it('cp.attempt: a failed or ongoing attempt at co-production is reported; an achieved one is not', () => {
    const base = {
      parties: ['su', 'mhp'],
      roles: [
        ['su', 'design', 'none'],
        ['su', 'delivery', 'none'],
      ],
    } satisfies CaseSpec;
    const failed = read({
      ...base,
      attempts: [
        { model: 'co-production', with: 'mental-health-professionals', outcome: 'failed' },
      ],
    });
    expectNote(failed, 'cp.attempt', true);
    const note = failed.models['co-production'].reasons.find((r) => r.rule === 'cp.attempt');
    expect(note?.refs).toEqual(['attempts[0]']);
    expectNote(
      read({ ...base, attempts: [{ model: 'co-production', outcome: 'ongoing' }] }),
      'cp.attempt',
      true,
    );
    expectNote(
      read({ ...base, attempts: [{ model: 'co-production', outcome: 'achieved' }] }),
      'cp.attempt',
      false,
    );
    // An attempt at another model is not an attempt at co-production.
    expectNote(
      read({ ...base, attempts: [{ model: 'service-user-led', outcome: 'failed' }] }),
      'cp.attempt',
      false,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Evidence-based practice
// ---------------------------------------------------------------------------------------------

describe('evidence-based practice verdict rules', () => {
  const base = { parties: ['mhp'] } satisfies CaseSpec;

  it('ebp.evidence-cycle: driven, reviewed and evaluated by a pilot fits; evaluated by feedback only does not', () => {
    expectDecides(
      read({ ...base, evidence: { drivenByEvidence: true, reviewed: true, evaluation: 'pilot' } }),
      'ebp.evidence-cycle',
    );
    expectDecidedInstead(
      read({
        ...base,
        evidence: { drivenByEvidence: true, reviewed: true, evaluation: 'feedback' },
      }),
      'ebp.evidence-cycle',
      'ebp.part-of-cycle',
    );
  });

  it('ebp.part-of-cycle: evidence drove the change, the rest unknown, partly fits; nothing of the cycle does not', () => {
    expectDecides(read({ ...base, evidence: { drivenByEvidence: true } }), 'ebp.part-of-cycle');
    expectDecidedInstead(
      read({ ...base, evidence: { drivenByEvidence: false, reviewed: false, evaluation: 'none' } }),
      'ebp.part-of-cycle',
      'ebp.no-evidence',
    );
  });

  it('ebp.no-evidence: known to play no part does not fit; with the evaluation unknown it cannot be settled', () => {
    expectDecides(
      read({
        ...base,
        evidence: { drivenByEvidence: false, reviewed: false, evaluation: 'feedback' },
      }),
      'ebp.no-evidence',
    );
    expectDecidedInstead(
      read({ ...base, evidence: { drivenByEvidence: false, reviewed: false } }),
      'ebp.no-evidence',
      'ebp.unsettled',
    );
  });

  it('ebp.unsettled: no evidence block; with one, the cycle decides', () => {
    const c = read(base);
    expectDecides(c, 'ebp.unsettled');
    expectDecidedInstead(
      read({
        ...base,
        evidence: { drivenByEvidence: true, reviewed: true, evaluation: 'controlled-trial' },
      }),
      'ebp.unsettled',
      'ebp.evidence-cycle',
    );
  });

  it('ebp.involvement-neither-way: always noted with evidence-based practice, whatever its fit, and never with another model', () => {
    // The note's condition is `always`, so no case can leave it out of evidence-based practice;
    // the case where it does not appear is every other model's reading.
    const fits: Fit[] = [];
    for (const evidence of [
      { drivenByEvidence: true, reviewed: true, evaluation: 'before-after' },
      { reviewed: true },
      { drivenByEvidence: false, reviewed: false, evaluation: 'none' },
      undefined,
    ] as const) {
      const c = read(evidence === undefined ? base : { ...base, evidence });
      fits.push(fitOf(c, 'evidence-based-practice'));
      expectNote(c, 'ebp.involvement-neither-way', true);
      for (const model of [
        'co-production',
        'service-user-led',
        'community-involvement',
        'user-centred-design',
      ] as const) {
        expect(c.models[model].reasons.map((r) => r.rule)).not.toContain(
          'ebp.involvement-neither-way',
        );
      }
      shownNotApplying.add('ebp.involvement-neither-way');
    }
    expect(fits).toEqual(['fits', 'partly-fits', 'does-not-fit', 'undetermined']);
  });
});

// ---------------------------------------------------------------------------------------------
// Service user-led
// ---------------------------------------------------------------------------------------------

describe('service user-led verdict rules', () => {
  const base = { parties: ['su', 'mhp'] } satisfies CaseSpec;

  it('ul.users-control: users lead design and delivery alone and no one else holds governance; if professionals share governance, some stages', () => {
    const roles = (profGovernance: Level): RoleSpec[] => [
      ['su', 'design', 'leads'],
      ['su', 'delivery', 'leads'],
      ['su', 'governance', 'leads'],
      ['mhp', 'design', 'none'],
      ['mhp', 'delivery', 'consulted'],
      ['mhp', 'governance', profGovernance],
    ];
    expectDecides(read({ ...base, roles: roles('informed') }), 'ul.users-control');
    expectDecidedInstead(
      read({ ...base, roles: roles('partner') }),
      'ul.users-control',
      'ul.some-stages',
    );
  });

  it('ul.users-control: governance left unrecorded is read as it stands, and listed as an uncertainty', () => {
    const c = read({
      ...base,
      roles: [
        ['su', 'design', 'leads'],
        ['su', 'delivery', 'leads'],
      ],
    });
    expectDecides(c, 'ul.users-control');
    const governance = c.uncertainties.find((u) =>
      u.about.endsWith('governance (money, staff and policy)'),
    );
    expect(changesOf(governance)).toContainEqual({
      model: 'service-user-led',
      from: 'fits',
      to: 'partly-fits',
    });
  });

  it('ul.users-control: a funder without lived experience leading governance makes it user-led only in part', () => {
    const c = read({
      parties: ['su', 'fun'],
      roles: [
        ['su', 'design', 'leads'],
        ['su', 'delivery', 'leads'],
        ['fun', 'governance', 'leads'],
      ],
    });
    expectDecides(c, 'ul.some-stages');
  });

  it('ul.users-control: a user-led organisation counts on the users side', () => {
    const c = read({
      parties: [{ id: 'op', userLed: true }],
      roles: [
        ['op', 'design', 'leads'],
        ['op', 'delivery', 'leads'],
        ['op', 'governance', 'leads'],
      ],
    });
    expectDecides(c, 'ul.users-control');
  });

  it('ul.some-stages: users lead design alone, not delivery, partly fits; with professionals as design partners it does not fit', () => {
    const roles = (profDesign: Level): RoleSpec[] => [
      ['su', 'design', 'leads'],
      ['mhp', 'design', profDesign],
      ['su', 'delivery', 'none'],
    ];
    expectDecides(read({ ...base, roles: roles('none') }), 'ul.some-stages');
    expectDecidedInstead(
      read({ ...base, roles: roles('partner') }),
      'ul.some-stages',
      'ul.not-user-led',
    );
  });

  it('ul.not-user-led: users known not to lead design or delivery; if they lead delivery alone, some stages', () => {
    const roles = (delivery: Level): RoleSpec[] => [
      ['su', 'design', 'none'],
      ['su', 'delivery', delivery],
      ['mhp', 'delivery', 'none'],
    ];
    expectDecides(read({ ...base, roles: roles('none') }), 'ul.not-user-led');
    expectDecidedInstead(
      read({ ...base, roles: roles('leads') }),
      'ul.not-user-led',
      'ul.some-stages',
    );
  });

  it('ul.unsettled: nothing recorded about who led; once it is, another rule decides', () => {
    expectDecides(read({ ...base, roles: [] }), 'ul.unsettled');
    expectDecidedInstead(
      read({
        ...base,
        roles: [
          ['su', 'design', 'none'],
          ['su', 'delivery', 'none'],
        ],
      }),
      'ul.unsettled',
      'ul.not-user-led',
    );
  });
});

describe('service user-led notes', () => {
  const base = { parties: ['su', 'mhp'] } satisfies CaseSpec;

  it('ul.designed-by-others: users run delivery of a design they did not lead; not when they were design partners', () => {
    const roles = (design: Level): RoleSpec[] => [
      ['su', 'delivery', 'leads'],
      ['mhp', 'delivery', 'none'],
      ['su', 'design', design],
      ['mhp', 'design', 'leads'],
    ];
    const designedByOthers = read({ ...base, roles: roles('consulted') });
    expectNote(designedByOthers, 'ul.designed-by-others', true);
    expect(fitOf(designedByOthers, 'service-user-led')).toBe('partly-fits');
    // The reason names the level at delivery.
    const note = designedByOthers.models['service-user-led'].reasons.find(
      (r) => r.rule === 'ul.designed-by-others',
    );
    expect(note?.text).toMatch(/in charge/);
    expectNote(read({ ...base, roles: roles('partner') }), 'ul.designed-by-others', false);
  });

  it('ul.attempt: a failed or ongoing attempt at a user-led approach is reported; an attempt at another model is not', () => {
    const roles: RoleSpec[] = [
      ['su', 'design', 'none'],
      ['su', 'delivery', 'none'],
    ];
    const ongoing = read({
      ...base,
      roles,
      attempts: [{ model: 'service-user-led', outcome: 'ongoing' }],
    });
    expectNote(ongoing, 'ul.attempt', true);
    const other = read({
      ...base,
      roles,
      attempts: [{ model: 'co-production', outcome: 'failed' }],
    });
    expectNote(other, 'ul.attempt', false);
    expectNote(other, 'cp.attempt', true);
  });
});

// ---------------------------------------------------------------------------------------------
// Community involvement
// ---------------------------------------------------------------------------------------------

describe('community involvement verdict rules', () => {
  const equalisesWithCommunity: Relationship = {
    between: ['service-users', 'community'],
    effect: 'equalises',
  };

  it('ci.community-partners: community partners in needs assessment fits; community only consulted partly fits', () => {
    const base = { parties: ['su', 'com'] } satisfies CaseSpec;
    expectDecides(
      read({ ...base, roles: [['com', 'needs-assessment', 'partner']] }),
      'ci.community-partners',
    );
    expectDecidedInstead(
      read({ ...base, roles: [['com', 'needs-assessment', 'consulted']] }),
      'ci.community-partners',
      'ci.some-community-part',
    );
  });

  it('ci.community-partners: community partners only at initiation is not one of its stages', () => {
    const c = read({
      parties: ['su', 'com'],
      relationships: [],
      roles: ['needs-assessment', 'design', 'delivery', 'evaluation', 'outreach']
        .map((stage): RoleSpec => ['com', stage as Stage, 'none'])
        .concat([['com', 'initiation', 'leads']]),
    });
    expect(c.models['community-involvement'].reasons[0]?.rule).not.toBe('ci.community-partners');
  });

  it('ci.inclusion-with-community: evens out users and public, with community taking some part, fits; with community taking no part, partly fits', () => {
    const base = {
      parties: ['su', 'com'],
      relationships: [equalisesWithCommunity],
    } satisfies CaseSpec;
    const c = read({ ...base, roles: [['com', 'outreach', 'informed']] });
    expectDecides(c, 'ci.inclusion-with-community');
    expect(c.models['community-involvement'].reasons[0]?.refs).toContain('relationships[0]');
    expectDecidedInstead(
      read({ ...base, roles: [['com', 'outreach', 'none']] }),
      'ci.inclusion-with-community',
      'ci.some-community-part',
    );
  });

  it('ci.some-community-part: the aim of inclusion without any community party partly fits; without that aim, no community', () => {
    const base = { parties: ['su', 'mhp'] } satisfies CaseSpec;
    expectDecides(
      read({ ...base, relationships: [equalisesWithCommunity] }),
      'ci.some-community-part',
    );
    expectDecidedInstead(
      read({ ...base, relationships: [] }),
      'ci.some-community-part',
      'ci.no-community',
    );
  });

  it('ci.no-community: no community party and no inclusion aim does not fit; with relationships unrecorded it cannot be settled', () => {
    const base = { parties: ['su', 'mhp'] } satisfies CaseSpec;
    const c = read({ ...base, relationships: [] });
    expectDecides(c, 'ci.no-community');
    expect(c.models['community-involvement'].reasons[0]?.refs).toEqual([
      'parties',
      'relationships',
    ]);
    expectDecidedInstead(read(base), 'ci.no-community', 'ci.unsettled');
  });

  it('ci.unsettled: community listed but its part unknown; once known, the rules decide', () => {
    const base = { parties: ['su', 'com'] } satisfies CaseSpec;
    expectDecides(read({ ...base, roles: [] }), 'ci.unsettled');
    expectDecidedInstead(
      read({ ...base, roles: [['com', 'delivery', 'leads']] }),
      'ci.unsettled',
      'ci.community-partners',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// User-centred design
// ---------------------------------------------------------------------------------------------

describe('user-centred design verdict rules', () => {
  const base = { parties: ['su', 'des'] } satisfies CaseSpec;

  it('ucd.iterative: prototyped, revised and responsive fits; never revised partly fits', () => {
    expectDecides(
      read({
        ...base,
        design: { stages: ['research', 'prototype'], iterations: 2, respondsToEndUsers: true },
      }),
      'ucd.iterative',
    );
    expectDecidedInstead(
      read({
        ...base,
        design: { stages: ['research', 'prototype'], iterations: 0, respondsToEndUsers: true },
      }),
      'ucd.iterative',
      'ucd.some-design-work',
    );
  });

  it('ucd.not-responsive: not revised for end users does not fit; revised for them partly fits', () => {
    expectDecides(read({ ...base, design: { respondsToEndUsers: false } }), 'ucd.not-responsive');
    expectDecidedInstead(
      read({ ...base, design: { respondsToEndUsers: true } }),
      'ucd.not-responsive',
      'ucd.some-design-work',
    );
  });

  it('ucd.some-design-work: some design stages partly fit; an empty list of stages with the rest unknown cannot be settled', () => {
    expectDecides(read({ ...base, design: { stages: ['research'] } }), 'ucd.some-design-work');
    expectDecidedInstead(
      read({ ...base, design: { stages: [] } }),
      'ucd.some-design-work',
      'ucd.unsettled',
    );
  });

  it('ucd.some-design-work: users consulted in piloting counts as some user-centred work', () => {
    expectDecides(
      read({ ...base, roles: [['su', 'piloting', 'consulted']] }),
      'ucd.some-design-work',
    );
    expectDecidedInstead(
      read({ ...base, roles: [['su', 'piloting', 'informed']] }),
      'ucd.some-design-work',
      'ucd.unsettled',
    );
  });

  it('ucd.unsettled: no design block; with one, the process decides', () => {
    expectDecides(read(base), 'ucd.unsettled');
    expectDecidedInstead(
      read({ ...base, design: { respondsToEndUsers: false } }),
      'ucd.unsettled',
      'ucd.not-responsive',
    );
  });
});

describe('user-centred design notes', () => {
  const design = { stages: ['ideation' as const] };

  it('ucd.no-power-gap: designer and client both with lived experience; not when the client lacks it', () => {
    const withGap = read({
      parties: [{ id: 'des', livedExperience: true }, { id: 'fun', livedExperience: true }, 'su'],
      design,
    });
    expect(fitOf(withGap, 'user-centred-design')).toBe('partly-fits');
    expectNote(withGap, 'ucd.no-power-gap', true);
    expectNote(withGap, 'ucd.usual-hierarchy', false);

    const clientWithout = read({
      parties: [{ id: 'des', livedExperience: true }, 'fun', 'su'],
      design,
    });
    expectNote(clientWithout, 'ucd.no-power-gap', false);
  });

  it('ucd.no-power-gap is only noted when user-centred design fits at least in part', () => {
    const undetermined = read({
      parties: [
        { id: 'des', livedExperience: true },
        { id: 'fun', livedExperience: true },
      ],
    });
    expect(fitOf(undetermined, 'user-centred-design')).toBe('undetermined');
    expectNote(undetermined, 'ucd.no-power-gap', false);
  });

  it('ucd.usual-hierarchy: neither designer nor client with lived experience; not when the designer has it', () => {
    const usual = read({ parties: ['des', 'fun', 'su'], design });
    expectNote(usual, 'ucd.usual-hierarchy', true);
    expectNote(usual, 'ucd.no-power-gap', false);
    const designerWith = read({
      parties: [{ id: 'des', livedExperience: true }, 'fun', 'su'],
      design,
    });
    expectNote(designerWith, 'ucd.usual-hierarchy', false);
    // Nor when the reading does not fit at all.
    const notResponsive = read({
      parties: ['des', 'fun', 'su'],
      design: { respondsToEndUsers: false },
    });
    expect(fitOf(notResponsive, 'user-centred-design')).toBe('does-not-fit');
    expectNote(notResponsive, 'ucd.usual-hierarchy', false);
  });
});

// ---------------------------------------------------------------------------------------------
// Relationships equalised, humanising, label check, overall
// ---------------------------------------------------------------------------------------------

describe('equalising rules', () => {
  it('eq.users-professionals: partners at the same stage; not when professionals are only consulted', () => {
    const roles = (prof: Level): RoleSpec[] => [
      ['su', 'evaluation', 'partner'],
      ['mhp', 'evaluation', prof],
    ];
    const pair = ['service-users', 'mental-health-professionals'] as const;
    expectEqualised(
      read({ parties: ['su', 'mhp'], roles: roles('partner') }),
      'eq.users-professionals',
      pair,
      true,
    );
    const not = read({ parties: ['su', 'mhp'], roles: roles('consulted') });
    expectEqualised(not, 'eq.users-professionals', pair, false);
    expect(not.relationshipsEqualised).toEqual([]);
  });

  it('eq.users-professionals: partners at different stages do not count', () => {
    const c = read({
      parties: ['su', 'mhp'],
      roles: [
        ['su', 'evaluation', 'partner'],
        ['mhp', 'outreach', 'partner'],
        ['mhp', 'evaluation', 'none'],
        ['su', 'outreach', 'none'],
      ],
    });
    expect(c.relationshipsEqualised).toEqual([]);
  });

  it('eq.users-community: partners at the same stage; not when the community is only informed', () => {
    const roles = (com: Level): RoleSpec[] => [
      ['su', 'outreach', 'partner'],
      ['com', 'outreach', com],
    ];
    const pair = ['service-users', 'community'] as const;
    const c = read({ parties: ['su', 'com'], roles: roles('leads') });
    expectEqualised(c, 'eq.users-community', pair, true);
    expect(c.relationshipsEqualised.map((e) => e.between)).toEqual([
      ['service-users', 'community'],
    ]);
    expectEqualised(
      read({ parties: ['su', 'com'], roles: roles('informed') }),
      'eq.users-community',
      pair,
      false,
    );
  });

  it('eq.users-other-services: partners at the same stage; not when users are only consulted', () => {
    const roles = (su: Level): RoleSpec[] => [
      ['su', 'delivery', su],
      ['op', 'delivery', 'partner'],
    ];
    const pair = ['service-users', 'other-professionals'] as const;
    expectEqualised(
      read({ parties: ['su', 'op'], roles: roles('partner') }),
      'eq.users-other-services',
      pair,
      true,
    );
    expectEqualised(
      read({ parties: ['su', 'op'], roles: roles('consulted') }),
      'eq.users-other-services',
      pair,
      false,
    );
  });
});

describe('reading rules', () => {
  it('eq.recorded: a recorded equalising relationship is listed, with its ref; a keeps-apart one is not', () => {
    const c = read({
      parties: ['su', 'com'],
      relationships: [
        { between: ['community', 'service-users'], effect: 'equalises', source: 'src-b' },
      ],
    });
    expect(c.relationshipsEqualised).toHaveLength(1);
    const entry = c.relationshipsEqualised[0];
    expect(entry?.between).toEqual(['service-users', 'community']);
    expect(entry?.reasons[0]?.rule).toBe('eq.recorded');
    expect(entry?.reasons[0]?.refs).toEqual(['relationships[0]']);
    expect(entry?.reasons[0]?.text).toContain('src-b');
    shown('eq.recorded', true);

    const apart = read({
      parties: ['su', 'com'],
      relationships: [{ between: ['community', 'service-users'], effect: 'keeps-apart' }],
    });
    expect(apart.relationshipsEqualised).toEqual([]);
    shown('eq.recorded', false);
  });

  it('eq.recorded and a role-based rule on the same pair are merged into one entry with both reasons', () => {
    const c = read({
      parties: ['su', 'com'],
      roles: [
        ['su', 'outreach', 'partner'],
        ['com', 'outreach', 'partner'],
      ],
      relationships: [{ between: ['service-users', 'community'], effect: 'equalises' }],
    });
    expect(c.relationshipsEqualised).toHaveLength(1);
    expect(c.relationshipsEqualised[0]?.reasons.map((r) => r.rule)).toEqual([
      'eq.recorded',
      'eq.users-community',
    ]);
  });

  it('hum.without-equalising and hum.with-equalising: humane features with and without an evened-out relationship', () => {
    const base = {
      parties: ['su', 'mhp'],
      humanising: ['Patients sleep better'],
    } satisfies CaseSpec;
    const without = read({ ...base, roles: [['su', 'delivery', 'none']] });
    expect(without.humanisingWithoutEqualising).toBe(true);
    expect(without.humanisingReasons.map((r) => r.rule)).toEqual(['hum.without-equalising']);
    expect(without.humanisingReasons[0]?.refs).toEqual(['humanising']);
    expect(without.summary).toContain('humane without evening out');
    shown('hum.without-equalising', true);
    shown('hum.with-equalising', false);

    const withEq = read({
      ...base,
      roles: [
        ['su', 'delivery', 'partner'],
        ['mhp', 'delivery', 'partner'],
      ],
    });
    expect(withEq.humanisingWithoutEqualising).toBe(false);
    expect(withEq.humanisingReasons.map((r) => r.rule)).toEqual(['hum.with-equalising']);
    shown('hum.with-equalising', true);
    shown('hum.without-equalising', false);

    // No humane features recorded: neither reading applies.
    const none = read({ parties: ['su'], humanising: [] });
    expect(none.humanisingWithoutEqualising).toBe(false);
    expect(none.humanisingReasons).toEqual([]);
    expect(read({ parties: ['su'] }).humanisingReasons).toEqual([]);
  });

  it('label.not-supported: a label the reading does not bear out is checked and better fits named; a supported label is not', () => {
    const base = {
      parties: ['su', 'mhp'],
      roles: [
        ['su', 'design', 'none'],
        ['su', 'delivery', 'none'],
      ],
      evidence: { drivenByEvidence: true, reviewed: true, evaluation: 'controlled-trial' },
    } satisfies CaseSpec;
    const a = analyse({ ...base, describedAs: ['co-production'] });
    const c = a.components[0];
    expect(c?.models['co-production'].fit).toBe('does-not-fit');
    expect(c?.labelCheck).toHaveLength(1);
    const check = c?.labelCheck[0];
    expect(check?.rule).toBe('label.not-supported');
    expect(check?.model).toBe('co-production');
    expect(check?.fit).toBe('does-not-fit');
    expect(check?.betterFits).toEqual(['evidence-based-practice']);
    expect(check?.text).toContain('evidence-based practice');
    expect(a.overall.labelCheck.map((l) => [l.rule, l.model])).toEqual([
      ['label.not-supported', 'co-production'],
    ]);
    shown('label.not-supported', true);

    const supported = analyse({ ...base, describedAs: ['evidence-based-practice'] });
    expect(supported.components[0]?.models['evidence-based-practice'].fit).toBe('fits');
    expect(supported.components[0]?.labelCheck).toEqual([]);
    expect(supported.overall.labelCheck).toEqual([]);
    shown('label.not-supported', false);
  });

  it('label.not-supported: a partly fitting label is checked too, and names no better fit when none fits', () => {
    const c = read({
      parties: ['su', 'mhp'],
      describedAs: ['evidence-based-practice'],
      evidence: { reviewed: true },
    });
    expect(c.labelCheck.map((l) => [l.model, l.fit, l.betterFits])).toEqual([
      ['evidence-based-practice', 'partly-fits', []],
    ]);
  });

  it('overall.strongest: the initiative takes each model\u2019s strongest component fit, in the order fits > partly-fits > undetermined > does-not-fit', () => {
    const evidence = {
      fits: { drivenByEvidence: true, reviewed: true, evaluation: 'pilot' },
      'partly-fits': { drivenByEvidence: true },
      'does-not-fit': { drivenByEvidence: false, reviewed: false, evaluation: 'none' },
      undetermined: undefined,
    } as const;
    const two = (a: Fit, b: Fit): Analysis => {
      const component = (fit: Fit, id: string): ComponentSpec => {
        const e = evidence[fit];
        return e === undefined ? { id } : { id, evidence: e };
      };
      return analyse({
        parties: ['mhp'],
        components: [component(a, 'first'), component(b, 'second')],
      });
    };
    const order: Fit[] = ['fits', 'partly-fits', 'undetermined', 'does-not-fit'];
    for (let i = 0; i < order.length; i++) {
      for (let j = i + 1; j < order.length; j++) {
        const stronger = order[i] as Fit;
        const weaker = order[j] as Fit;
        for (const [a, b, strongIndex] of [
          [weaker, stronger, 1],
          [stronger, weaker, 0],
        ] as const) {
          const result = two(a, b);
          expect(result.components.map((c) => c.models['evidence-based-practice'].fit)).toEqual([
            a,
            b,
          ]);
          const reading = result.overall.models['evidence-based-practice'];
          expect(reading.fit, `${a} with ${b}`).toBe(stronger);
          expect(reading.reasons.map((r) => r.rule)).toEqual([
            'overall.strongest',
            'overall.strongest',
          ]);
          expect(reading.reasons[0]?.refs).toEqual([`components[${strongIndex}]`]);
        }
      }
    }
    shown('overall.strongest', true);

    // Two components with the same fit: the overall fit is that fit, not a stronger one.
    const same = two('does-not-fit', 'does-not-fit');
    expect(same.overall.models['evidence-based-practice'].fit).toBe('does-not-fit');
    shown('overall.strongest', false);
  });
});

// ---------------------------------------------------------------------------------------------
// Uncertainties and the meaning of unknown
// ---------------------------------------------------------------------------------------------

describe('uncertainties', () => {
  it('(a) an unknown stage that would change a fit is listed with its changes', () => {
    const c = read({
      parties: ['su', 'mhp'],
      relationships: [],
      roles: [
        ['su', 'design', 'none'],
        ['mhp', 'design', 'leads'],
        ['mhp', 'delivery', 'leads'],
      ],
    });
    expectDecides(c, 'cp.unsettled');
    const delivery = c.uncertainties.find(
      (u) => u.kind === 'unknown' && u.about.includes('delivery') && u.refs.includes('roles'),
    );
    expect(delivery, JSON.stringify(c.uncertainties, null, 1)).toBeDefined();
    expect(delivery?.about).toContain('service users');
    const changes = changesOf(delivery);
    expect(changes).toContainEqual({
      model: 'co-production',
      from: 'undetermined',
      to: 'does-not-fit',
    });
    expect(changes).toContainEqual({ model: 'co-production', from: 'undetermined', to: 'fits' });
    // Each change names the levels under which it happens.
    const ifs = (delivery?.changes ?? [])
      .filter((ch) => ch.model === 'co-production' && ch.to === 'fits')
      .map((ch) => ch.if)
      .join('; ');
    expect(ifs).toContain('they took part as equal partners');
    expect(ifs).toContain('they were in charge');
    expect(ifs).not.toContain('they had no part');
    // The facts that are known do not appear as uncertainties.
    expect(
      c.uncertainties.some((u) => u.about.includes('design') && u.refs.includes('roles')),
    ).toBe(false);
  });

  it('(a) a fit that is settled can still be listed as open to change by an unknown', () => {
    const c = read({
      parties: ['su', 'mhp'],
      produces: 'service',
      roles: [
        ['su', 'design', 'partner'],
        ['mhp', 'design', 'partner'],
      ],
    });
    expectDecides(c, 'cp.made-together');
    const domain = c.uncertainties.find((u) => u.refs.includes('serviceDomain'));
    expect(domain?.kind).toBe('unknown');
    expect(changesOf(domain)).toEqual(
      ['housing', 'employment', 'education', 'public-awareness', 'other'].map(() => ({
        model: 'co-production',
        from: 'fits',
        to: 'partly-fits',
      })),
    );
  });

  it('(b) a suggested claim gives a suggested uncertainty when the other levels would change a fit', () => {
    const c = read({
      parties: ['su', 'mhp'],
      serviceDomain: 'mental-health',
      produces: 'service',
      roles: [
        ['su', 'design', 'partner', { certainty: 'suggested', source: 'src-c' }],
        ['mhp', 'design', 'partner', { certainty: 'documented' }],
        ['su', 'delivery', 'none', { certainty: 'documented' }],
      ],
    });
    expectDecides(c, 'cp.made-together');
    const suggested = c.uncertainties.filter((u) => u.kind === 'suggested');
    expect(suggested).toHaveLength(1);
    expect(suggested[0]?.refs).toEqual(['roles[0]']);
    expect(suggested[0]?.about).toContain('src-c');
    const changes = changesOf(suggested[0]);
    expect(changes).toContainEqual({ model: 'co-production', from: 'fits', to: 'partly-fits' });
    expect(changes).toContainEqual({ model: 'co-production', from: 'fits', to: 'does-not-fit' });
  });

  it('(b) a suggested claim lists each fit its alternatives lead to, including those decided by later rules', () => {
    // Community members leading design decides community involvement (ci.community-partners); if
    // they were in fact only consulted, a later rule (ci.some-community-part) decides instead.
    const base = { parties: ['com', 'su'] } satisfies CaseSpec;
    const c = read({ ...base, roles: [['com', 'design', 'leads', { certainty: 'suggested' }]] });
    expectDecides(c, 'ci.community-partners');
    const suggested = c.uncertainties.find((u) => u.kind === 'suggested');
    const changes = changesOf(suggested);
    expect(changes).toContainEqual({
      model: 'community-involvement',
      from: 'fits',
      to: 'undetermined',
    });
    expect(changes).toContainEqual({
      model: 'community-involvement',
      from: 'fits',
      to: 'partly-fits',
    });
    // What the corrected record gives.
    const consulted = read({ ...base, roles: [['com', 'design', 'consulted']] });
    expectDecides(consulted, 'ci.some-community-part');
  });

  it('(b) a suggested claim that no rule leans on gives no uncertainty', () => {
    const c = read({
      parties: ['su', 'res'],
      roles: [['res', 'evaluation', 'leads', { certainty: 'suggested' }]],
    });
    expect(c.uncertainties.filter((u) => u.kind === 'suggested')).toEqual([]);
    // The same claim as documented gives nothing either.
    const documented = read({
      parties: ['su', 'mhp'],
      serviceDomain: 'mental-health',
      produces: 'service',
      roles: [
        ['su', 'design', 'partner', { certainty: 'documented' }],
        ['mhp', 'design', 'partner', { certainty: 'documented' }],
      ],
    });
    expect(documented.uncertainties.filter((u) => u.kind === 'suggested')).toEqual([]);
  });

  describe('(c) disagreements are kept, not merged', () => {
    const base = {
      parties: ['su', 'mhp'],
      serviceDomain: 'mental-health',
      produces: 'service',
    } satisfies CaseSpec;
    const mhpPartner: RoleSpec = ['mhp', 'design', 'partner', { certainty: 'documented' }];

    it('the documented claim is followed over a reported one, whatever their order', () => {
      const claims: RoleSpec[] = [
        ['su', 'design', 'partner', { certainty: 'documented', source: 'src-a' }],
        ['su', 'design', 'consulted', { certainty: 'reported', source: 'src-b' }],
      ];
      for (const roles of [
        [...claims, mhpPartner],
        [mhpPartner, ...[...claims].reverse()],
      ]) {
        const c = read({ ...base, roles });
        expectDecides(c, 'cp.made-together');
        const reason = c.models['co-production'].reasons[0];
        expect(reason?.text).toMatch(/disagree/);
        expect(reason?.text).toContain('src-b says consulted');
        // Both claims are cited: the one followed and the one set aside.
        const suRefs = roles
          .map((r, i) => (r[0] === 'su' ? `roles[${i}]` : undefined))
          .filter((r) => r !== undefined);
        for (const ref of suRefs) expect(reason?.refs).toContain(ref);
        const disagreement = c.uncertainties.filter((u) => u.kind === 'disagreement');
        expect(disagreement).toHaveLength(1);
        expect(disagreement[0]?.about).toContain('src-a says partner');
        expect(disagreement[0]?.about).toContain('src-b says consulted');
        expect([...(disagreement[0]?.refs ?? [])].sort()).toEqual(suRefs.sort());
        expect(changesOf(disagreement[0])).toContainEqual({
          model: 'co-production',
          from: 'fits',
          to: 'partly-fits',
        });
        expect(disagreement[0]?.changes[0]?.if).toBe('the account that says consulted is right');
      }
    });

    it('a reported claim is followed over a suggested one, even at a lower level', () => {
      const c = read({
        ...base,
        roles: [
          ['su', 'design', 'partner', { certainty: 'suggested', source: 'src-a' }],
          ['su', 'design', 'consulted', { certainty: 'reported', source: 'src-b' }],
          mhpPartner,
        ],
      });
      expectDecides(c, 'cp.consulted-on-design');
      const disagreement = c.uncertainties.find((u) => u.kind === 'disagreement');
      expect(changesOf(disagreement)).toContainEqual({
        model: 'co-production',
        from: 'partly-fits',
        to: 'fits',
      });
      // It is a disagreement, not a mere suggestion.
      expect(c.uncertainties.filter((u) => u.kind === 'suggested')).toEqual([]);
    });

    it('equally attested claims: the lower level is followed, whatever their order', () => {
      const claims: RoleSpec[] = [
        ['su', 'design', 'partner', { source: 'src-a' }],
        ['su', 'design', 'consulted', { source: 'src-b' }],
      ];
      for (const roles of [
        [...claims, mhpPartner],
        [mhpPartner, ...[...claims].reverse()],
      ]) {
        const c = read({ ...base, roles });
        expectDecides(c, 'cp.consulted-on-design');
        const reason = c.models['co-production'].reasons[0];
        expect(reason?.text).toMatch(/disagree/);
        expect(reason?.text).toContain('src-a says partner');
        const disagreement = c.uncertainties.find((u) => u.kind === 'disagreement');
        expect(changesOf(disagreement)).toEqual([
          { model: 'co-production', from: 'partly-fits', to: 'fits' },
        ]);
        expect(disagreement?.changes[0]?.if).toBe('the account that says partner is right');
      }
    });

    it('two sources agreeing on the level are no disagreement', () => {
      const c = read({
        ...base,
        roles: [
          ['su', 'design', 'partner', { source: 'src-a' }],
          ['su', 'design', 'partner', { source: 'src-b' }],
          mhpPartner,
        ],
      });
      expectDecides(c, 'cp.made-together');
      expect(c.models['co-production'].reasons[0]?.text).not.toMatch(/disagree/);
      expect(c.uncertainties.filter((u) => u.kind === 'disagreement')).toEqual([]);
    });
  });

  it('(d) unknown is never none: users with no claims at design or delivery are not absent', () => {
    const c = read({
      parties: ['su', 'mhp'],
      produces: 'service',
      serviceDomain: 'mental-health',
      relationships: [],
      roles: [
        ['mhp', 'design', 'leads'],
        ['mhp', 'delivery', 'leads'],
        ['su', 'evaluation', 'consulted'],
        ['su', 'outreach', 'none'],
      ],
    });
    const rules = c.models['co-production'].reasons.map((r) => r.rule);
    expect(rules).not.toContain('cp.users-absent');
    expect(fitOf(c, 'co-production')).toBe('undetermined');
    // Service user-led is settled, but by what is known: professionals lead both making stages.
    expectDecides(c, 'ul.not-user-led');
    expect(c.models['service-user-led'].reasons[0]?.refs).toEqual(['roles[0]', 'roles[1]']);
    // What the missing claims could change is listed for both making stages. Each is varied on
    // its own, so neither alone can show users absent: the other stage is still unknown.
    for (const stage of ['design', 'delivery']) {
      const u = c.uncertainties.find(
        (x) =>
          x.kind === 'unknown' && x.refs.includes('roles') && x.about.endsWith(`part in ${stage}`),
      );
      const changes = changesOf(u).filter((ch) => ch.model === 'co-production');
      expect(changes, stage).toContainEqual({
        model: 'co-production',
        from: 'undetermined',
        to: 'fits',
      });
      expect(
        changes.map((ch) => ch.to),
        stage,
      ).not.toContain('does-not-fit');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Coverage: every rule in the rulebook is tested both ways in this file
// ---------------------------------------------------------------------------------------------

/** Rule ids lacking a test where they apply, or a test where they do not. */
function untested(applying: ReadonlySet<string>, notApplying: ReadonlySet<string>): string[] {
  return RULEBOOK.rules.map((r) => r.id).filter((id) => !applying.has(id) || !notApplying.has(id));
}

describe('rulebook coverage (runs last)', () => {
  it('the coverage check notices a rule with no test', () => {
    const ids = RULEBOOK.rules.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(30);
    const missing = ids[5] ?? '';
    const without = new Set(ids.filter((id) => id !== missing));
    expect(untested(without, new Set(ids))).toEqual([missing]);
    expect(untested(new Set(ids), without)).toEqual([missing]);
    expect(untested(new Set(ids), new Set(ids))).toEqual([]);
  });

  it('every rule in the rulebook is tested where it applies and where it does not', () => {
    expect(untested(shownApplying, shownNotApplying)).toEqual([]);
    // Rule ids are unique, so each test speaks of one rule.
    const ids = RULEBOOK.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
