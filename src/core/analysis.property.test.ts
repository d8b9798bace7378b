/**
 * Properties of the analysis over generated, schema-valid case documents: it never crashes, it is
 * deterministic and independent of the order things are listed in, every ref it gives points at
 * something in the record, and no settled fit rests on an unknown alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseCase } from './analyse.js';
import type { Analysis, Reason } from './analysis.types.js';
import type { CaseFile, Component } from './case.schema.js';
import { validateCase } from './validate.js';
import {
  CERTAINTIES,
  DESIGN_STAGES,
  EFFECTS,
  EVALUATIONS,
  LEVELS,
  MODELS,
  OUTCOMES,
  PARTY_KINDS,
  PRODUCTS,
  SERVICE_DOMAINS,
  SOURCE_KINDS,
  STAGES,
  THEY_LEVEL_WORDS,
  UNKNOWN,
  type Level,
} from './vocabulary.js';

const NUM_RUNS = 200;

// ---------------------------------------------------------------------------------------------
// Generating valid case documents
// ---------------------------------------------------------------------------------------------

const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { nil: undefined, freq: 2 });

/** Drops keys whose value is undefined, as a YAML or JSON document would not have them. */
function clean(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

// Every value can come up; the kinds, stages and levels the rules turn on come up more often, so
// that the generated cases reach most verdict rules, not only the `unsettled` ones.
const kindArb = fc.constantFrom(
  ...PARTY_KINDS,
  'service-users',
  'mental-health-professionals',
  'community',
  'other-professionals',
);
const stageArb = fc.constantFrom(
  ...STAGES,
  'design',
  'delivery',
  'governance',
  'design',
  'delivery',
);
const levelArb = fc.constantFrom(...LEVELS, 'partner', 'leads', 'partner', 'leads', 'none');

const partyArb = fc.record({
  kind: kindArb,
  label: opt(fc.constantFrom('Ward staff', 'Peer group', 'Local people', 'Ward staff')),
  livedExperience: opt(fc.boolean()),
  userLed: opt(fc.boolean()),
});

const roleArb = fc.record({
  party: fc.nat(7),
  stage: stageArb,
  level: levelArb,
  source: opt(fc.nat(2)),
  certainty: opt(fc.constantFrom(...CERTAINTIES)),
  note: opt(fc.constantFrom('p. 3', 'interview')),
});

const relationshipArb = fc.record({
  between: fc.tuple(fc.constantFrom(...PARTY_KINDS), fc.constantFrom(...PARTY_KINDS)),
  effect: fc.constantFrom(...EFFECTS),
  source: opt(fc.nat(2)),
  note: opt(fc.constantFrom('stigma', 'inclusion')),
});

const attemptArb = fc.record({
  model: fc.constantFrom(...MODELS),
  with: opt(fc.constantFrom(...PARTY_KINDS)),
  outcome: fc.constantFrom(...OUTCOMES),
  source: opt(fc.nat(2)),
});

const componentArb = fc.record({
  roles: fc.oneof(
    { arbitrary: fc.array(roleArb, { maxLength: 0 }), weight: 1 },
    { arbitrary: fc.array(roleArb, { maxLength: 30 }), weight: 4 },
  ),
  produces: opt(fc.constantFrom(...PRODUCTS, UNKNOWN)),
  serviceDomain: opt(fc.constantFrom(...SERVICE_DOMAINS, UNKNOWN)),
  summary: opt(fc.constant('What it does.')),
  evidence: opt(
    fc.record({
      drivenByEvidence: opt(fc.boolean()),
      reviewed: opt(fc.boolean()),
      evaluation: opt(fc.constantFrom(...EVALUATIONS)),
    }),
  ),
  design: opt(
    fc.record({
      stages: opt(fc.subarray([...DESIGN_STAGES])),
      iterations: opt(fc.nat(3)),
      respondsToEndUsers: opt(fc.boolean()),
    }),
  ),
  relationships: opt(fc.array(relationshipArb, { maxLength: 3 })),
  humanising: opt(fc.array(fc.constantFrom('Kind staff', 'Feels safe'), { maxLength: 2 })),
  attempts: opt(fc.array(attemptArb, { maxLength: 2 })),
});

/** A raw case document, as a YAML or JSON reader would give it, built to be valid. */
const caseArb = fc
  .record({
    sources: fc.array(fc.constantFrom(...SOURCE_KINDS), { maxLength: 3 }),
    writeSources: fc.boolean(),
    parties: fc.array(partyArb, { minLength: 1, maxLength: 8 }),
    components: fc.array(componentArb, { minLength: 1, maxLength: 4 }),
    describedAs: opt(fc.array(fc.constantFrom(...MODELS), { maxLength: 3 })),
    summary: opt(fc.constant('An initiative.')),
  })
  .map((g) => {
    const sources = g.sources.map((kind, i) => ({ id: `s${i}`, kind, citation: `Source ${i}` }));
    const sourceId = (i: number | undefined): string | undefined =>
      i === undefined || sources.length === 0 ? undefined : `s${i % sources.length}`;
    const parties = g.parties.map((p, i) => clean({ id: `p${i}`, ...p }));
    const components = g.components.map((c, ci) =>
      clean({
        id: `c${ci}`,
        title: `Component ${ci}`,
        summary: c.summary,
        produces: c.produces,
        serviceDomain: c.serviceDomain,
        roles: c.roles.map((r) =>
          clean({ ...r, party: `p${r.party % parties.length}`, source: sourceId(r.source) }),
        ),
        evidence: c.evidence === undefined ? undefined : clean(c.evidence),
        design: c.design === undefined ? undefined : clean(c.design),
        relationships: c.relationships?.map((r) => clean({ ...r, source: sourceId(r.source) })),
        humanising: c.humanising,
        attempts: c.attempts?.map((a) => clean({ ...a, source: sourceId(a.source) })),
      }),
    );
    return clean({
      format: 'coprism/1',
      id: 'generated',
      title: 'Generated',
      summary: g.summary,
      describedAs: g.describedAs,
      sources: sources.length > 0 || g.writeSources ? sources : undefined,
      parties,
      components,
    });
  });

function valid(raw: unknown): CaseFile {
  const result = validateCase(raw);
  if (!result.ok) throw new Error(`generated an invalid case: ${JSON.stringify(result.error)}`);
  return result.value;
}

// ---------------------------------------------------------------------------------------------
// Resolving refs
// ---------------------------------------------------------------------------------------------

const CASE_FIELDS = new Set(['parties', 'describedAs', 'components', 'sources']);
const REF_PATTERN = /^[A-Za-z]+(?:\[\d+\])?(?:\.[A-Za-z]+(?:\[\d+\])?)*$/;

/**
 * The value a ref points at: `roles[3]`, `produces`, `evidence.evaluation`, `relationships[0]`
 * against the component; `parties`, `parties[2]`, `describedAs`, `components[1]` against the case.
 * Undefined when the path leads nowhere.
 */
function resolve(ref: string, doc: CaseFile, component: Component | undefined): unknown {
  if (!REF_PATTERN.test(ref)) return undefined;
  const parts = ref.split('.').flatMap((part) => {
    const m = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(part);
    if (m === null) return [];
    const [, name, index] = m;
    return index === undefined ? [name] : [name, Number(index)];
  });
  const head = parts[0];
  let here: unknown = typeof head === 'string' && CASE_FIELDS.has(head) ? doc : component;
  for (const part of parts) {
    if (here === null || typeof here !== 'object') return undefined;
    if (typeof part === 'number' && !Array.isArray(here)) return undefined;
    here = (here as Record<string | number, unknown>)[part as string | number];
  }
  return here;
}

function componentReasons(a: Analysis, i: number): Reason[] {
  const c = a.components[i];
  if (c === undefined) return [];
  return [
    ...MODELS.flatMap((m) => c.models[m].reasons),
    ...c.relationshipsEqualised.flatMap((e) => e.reasons),
    ...c.humanisingReasons,
  ];
}

const FIELD_REFS = new Set([
  'produces',
  'serviceDomain',
  'evidence.drivenByEvidence',
  'evidence.reviewed',
  'evidence.evaluation',
  'design.respondsToEndUsers',
  'design.iterations',
  'design.stages',
]);

// ---------------------------------------------------------------------------------------------
// Comparing analyses up to the order things are listed in
// ---------------------------------------------------------------------------------------------

function signature(a: Analysis): unknown {
  const components = Object.fromEntries(
    a.components.map((c) => [
      c.id,
      {
        models: Object.fromEntries(
          MODELS.map((m) => [
            m,
            { fit: c.models[m].fit, rules: c.models[m].reasons.map((r) => r.rule) },
          ]),
        ),
        equalised: c.relationshipsEqualised
          .map((e) => `${e.between.join('|')}:${e.reasons.map((r) => r.rule).join(',')}`)
          .sort(),
        humanisingWithoutEqualising: c.humanisingWithoutEqualising,
        humanising: c.humanisingReasons.map((r) => r.rule),
        labels: c.labelCheck.map((l) => `${l.model}:${l.fit}:${[...l.betterFits].join(',')}`),
        uncertainties: c.uncertainties
          .map((u) =>
            JSON.stringify([
              u.kind,
              u.about,
              u.changes.map((ch) => `${ch.model}:${ch.from}>${ch.to}`).sort(),
            ]),
          )
          .sort(),
      },
    ]),
  );
  return {
    components,
    overall: Object.fromEntries(MODELS.map((m) => [m, a.overall.models[m].fit])),
    overallLabels: a.overall.labelCheck.map((l) => `${l.model}:${l.fit}`),
  };
}

/**
 * The levels a doubtful claim's alternative supposes, from its words: "in fact they were told",
 * "the account that says partner is right", or several of these joined by ", or ". Undefined
 * when some part is not understood.
 */
function levelsIn(label: string): Level[] | undefined {
  const levels = label.split(', or ').map((part): Level | undefined => {
    const account = /^the account that says (\w+) is right$/.exec(part)?.[1];
    if (account !== undefined) return LEVELS.find((l) => l === account);
    const said = part.startsWith('in fact ') ? part.slice('in fact '.length) : part;
    return LEVELS.find((l) => said === THEY_LEVEL_WORDS[l]);
  });
  return levels.every((l) => l !== undefined) ? levels : undefined;
}

const permute = <T>(g: fc.GeneratorValue, items: readonly T[]): T[] =>
  g(fc.shuffledSubarray, [...items], { minLength: items.length, maxLength: items.length });

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('analysis properties over generated cases', () => {
  it('every generated case is valid, and analysing it never crashes', () => {
    fc.assert(
      fc.property(caseArb, (raw) => {
        const result = validateCase(raw);
        expect(result.ok, JSON.stringify(result.ok ? [] : result.error)).toBe(true);
        if (!result.ok) return;
        const a = analyseCase(result.value);
        expect(a.format).toBe('coprism-analysis/1');
        expect(a.components.map((c) => c.id)).toEqual(result.value.components.map((c) => c.id));
        for (const c of a.components) {
          for (const m of MODELS) expect(c.models[m].reasons.length).toBeGreaterThan(0);
          expect(typeof c.summary).toBe('string');
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('is deterministic, on the same case and on a copy, and leaves the case as it was', () => {
    fc.assert(
      fc.property(caseArb, (raw) => {
        const doc = valid(raw);
        const before = structuredClone(doc);
        const first = analyseCase(doc);
        expect(doc).toEqual(before);
        expect(analyseCase(doc)).toEqual(first);
        expect(analyseCase(structuredClone(doc))).toEqual(first);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('does not depend on the order of roles, parties or components', () => {
    fc.assert(
      fc.property(caseArb, fc.gen(), (raw, g) => {
        const doc = valid(raw);
        const shuffled: CaseFile = {
          ...doc,
          parties: permute(g, doc.parties),
          components: permute(
            g,
            doc.components.map((c) => ({ ...c, roles: permute(g, c.roles) })),
          ),
        };
        expect(signature(analyseCase(valid(shuffled)))).toEqual(signature(analyseCase(doc)));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('every ref in every reason and uncertainty points at something in the record', () => {
    fc.assert(
      fc.property(caseArb, (raw) => {
        const doc = valid(raw);
        const a = analyseCase(doc);
        a.components.forEach((c, i) => {
          const component = doc.components[i];
          for (const reason of componentReasons(a, i)) {
            for (const ref of reason.refs) {
              expect(resolve(ref, doc, component), `${c.id}: ${reason.rule} cites ${ref}`).not.toBe(
                undefined,
              );
            }
          }
          for (const u of c.uncertainties) {
            expect(u.refs.length, u.about).toBeGreaterThan(0);
            for (const ref of u.refs) {
              const value = resolve(ref, doc, component);
              if (u.kind === 'unknown' && FIELD_REFS.has(ref)) {
                // An unknown field is cited by where it would go; it must indeed be unknown.
                expect(value === undefined || value === UNKNOWN, `${u.about} cites ${ref}`).toBe(
                  true,
                );
              } else {
                expect(value, `${u.about} cites ${ref}`).not.toBe(undefined);
              }
            }
            if (u.kind !== 'unknown') {
              // A doubtful claim: its refs are the claims on one party at one stage.
              const roles = u.refs.map((ref) => resolve(ref, doc, component)) as {
                party: string;
                stage: string;
                level: string;
                certainty?: string;
              }[];
              expect(new Set(roles.map((r) => `${r.party}@${r.stage}`)).size).toBe(1);
              const levels = new Set(roles.map((r) => r.level));
              if (u.kind === 'disagreement') expect(levels.size).toBeGreaterThan(1);
              else expect(roles.some((r) => r.certainty === 'suggested')).toBe(true);
            }
            // An unknown or a suggestion is listed only when it could change a fit; a
            // disagreement is always shown, even when no fit turns on it.
            if (u.kind !== 'disagreement') expect(u.changes.length, u.about).toBeGreaterThan(0);
            for (const change of u.changes) expect(change.to).not.toBe(change.from);
          }
        });
        for (const m of MODELS) {
          for (const reason of a.overall.models[m].reasons) {
            expect(reason.refs.length).toBe(1);
            for (const ref of reason.refs) {
              expect(ref).toMatch(/^components\[\d+\]$/);
              expect(resolve(ref, doc, undefined), ref).not.toBe(undefined);
            }
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a fit other than undetermined never rests on an unknown alone', () => {
    fc.assert(
      fc.property(caseArb, (raw) => {
        const doc = valid(raw);
        const a = analyseCase(doc);
        a.components.forEach((c, i) => {
          const component = doc.components[i];
          for (const m of MODELS) {
            const reading = c.models[m];
            if (reading.fit === 'undetermined') continue;
            const deciding = reading.reasons[0];
            const where = `${c.id} ${m} ${reading.fit} by ${deciding?.rule ?? '(none)'}`;
            expect(deciding?.refs.length ?? 0, where).toBeGreaterThan(0);
            for (const ref of deciding?.refs ?? []) {
              const value = resolve(ref, doc, component);
              expect(value, `${where} cites ${ref}`).not.toBe(undefined);
              expect(value, `${where} cites ${ref}`).not.toBe(UNKNOWN);
            }
          }
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('what a suggested or disputed claim would change does change when the record is corrected', () => {
    // Correct the record the way the uncertainty supposes: the claims on that party and stage
    // are replaced by one claim at the other level. The model's fit must then be the one foretold.
    fc.assert(
      fc.property(caseArb, (raw) => {
        const doc = valid(raw);
        analyseCase(doc).components.forEach((c, ci) => {
          for (const u of c.uncertainties) {
            if (u.kind === 'unknown') continue;
            const indices = u.refs.map((ref) => Number(/^roles\[(\d+)\]$/.exec(ref)?.[1]));
            for (const change of u.changes) {
              const levels = levelsIn(change.if);
              expect(levels, change.if).toBeDefined();
              for (const level of levels ?? []) {
                const corrected = structuredClone(doc);
                const component = corrected.components[ci];
                const claim = component?.roles[indices[0] ?? -1];
                if (component === undefined || claim === undefined) continue;
                component.roles = component.roles.filter((_, i) => !indices.includes(i));
                component.roles.push({ party: claim.party, stage: claim.stage, level });
                const fit = analyseCase(valid(corrected)).components[ci]?.models[change.model].fit;
                expect(fit, `${c.id}: ${u.about}; ${level}`).toBe(change.to);
              }
            }
          }
        });
      }),
      { numRuns: 100 },
    );
  });

  it('a component with no claims and no blocks leaves co-production, user-led, evidence-based practice and user-centred design undetermined', () => {
    // Parties of every kind may be listed, but at least one is a service user: with no service
    // users listed at all, the complete parties list does settle that users made nothing.
    const bare = fc
      .tuple(caseArb, fc.nat(3), fc.nat(7))
      .map(([raw, componentIndex, partyIndex]) => {
        const doc = structuredClone(raw) as { parties: { kind: string }[]; components: object[] };
        const party = doc.parties[partyIndex % doc.parties.length];
        if (party !== undefined) party.kind = 'service-users';
        const at = componentIndex % doc.components.length;
        const kept = doc.components[at] as Record<string, unknown>;
        doc.components[at] = clean({
          id: kept.id,
          title: kept.title,
          roles: [],
          humanising: kept.humanising,
          attempts: kept.attempts,
        });
        return { raw: doc, at };
      });
    fc.assert(
      fc.property(bare, ({ raw, at }) => {
        const doc = valid(raw);
        const c = analyseCase(doc).components[at];
        for (const m of [
          'co-production',
          'service-user-led',
          'evidence-based-practice',
          'user-centred-design',
        ] as const) {
          expect(c?.models[m].fit, `${m}: ${c?.models[m].reasons[0]?.rule ?? ''}`).toBe(
            'undetermined',
          );
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('order independence of texts', () => {
  // Found by the order-independence property above: the texts listed unclaimed parties in the
  // order of the parties list, and a disagreement's claims in the order of the roles list.
  it('uncertainty texts do not depend on the order parties and roles are listed in', () => {
    const doc = valid({
      format: 'coprism/1',
      id: 'order',
      title: 'Order',
      sources: [
        { id: 'a', kind: 'report', citation: 'A' },
        { id: 'b', kind: 'report', citation: 'B' },
      ],
      parties: [
        { id: 'p0', kind: 'service-users', label: 'Ann' },
        { id: 'p1', kind: 'service-users', label: 'Bob' },
      ],
      components: [
        {
          id: 'c0',
          title: 'C',
          roles: [
            { party: 'p0', stage: 'delivery', level: 'none', source: 'a' },
            { party: 'p0', stage: 'delivery', level: 'leads', source: 'b' },
          ],
        },
      ],
    });
    const reordered = valid({
      ...doc,
      parties: [...doc.parties].reverse(),
      components: doc.components.map((c) => ({ ...c, roles: [...c.roles].reverse() })),
    });
    const abouts = (d: CaseFile): string[] =>
      (analyseCase(d).components[0]?.uncertainties ?? []).map((u) => u.about).sort();
    expect(abouts(reordered)).toEqual(abouts(doc));
  });

  // Found by the order-independence property: two equally attested claims at the same level, one
  // with a source and one without. The claim followed is the first listed, and the text names its
  // source only if it has one, so listing the claims the other way round changes the text.
  it('a suggested claim\u2019s text does not depend on which of two equal claims is listed first', () => {
    const raw = {
      format: 'coprism/1',
      id: 'order',
      title: 'Order',
      sources: [{ id: 's0', kind: 'report', citation: 'S' }],
      parties: [{ id: 'p0', kind: 'service-users' }],
      components: [
        {
          id: 'c0',
          title: 'C',
          roles: [
            { party: 'p0', stage: 'delivery', level: 'leads', certainty: 'suggested' },
            {
              party: 'p0',
              stage: 'delivery',
              level: 'leads',
              certainty: 'suggested',
              source: 's0',
            },
          ],
        },
      ],
    };
    const doc = valid(raw);
    const reordered = valid({
      ...raw,
      components: [
        { ...raw.components[0], roles: [...(raw.components[0]?.roles ?? [])].reverse() },
      ],
    });
    const abouts = (d: CaseFile): string[] =>
      (analyseCase(d).components[0]?.uncertainties ?? []).map((u) => u.about).sort();
    expect(abouts(reordered)).toEqual(abouts(doc));
  });
});
