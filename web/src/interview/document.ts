/**
 * The interview's answers are the case document itself, kept as it is being written (incomplete is
 * fine): these pure functions read an answer out of it and write one into it. Nothing here guesses:
 * "we don't know" removes a claim rather than writing `none`, and an unknown block is left out.
 */
import type {
  Attempt,
  Component,
  Party,
  Relationship,
  Role,
  Source,
} from '../../../src/core/case.schema.js';
import type {
  Certainty,
  DesignStage,
  Evaluation,
  Level,
  ModelId,
  PartyKind,
  Product,
  ServiceDomain,
  SourceKind,
  Stage,
} from '../../../src/core/vocabulary.js';

/** A case being written: every field may still be missing. */
export interface DraftCase {
  format?: string;
  id?: string;
  title?: string;
  summary?: string;
  setting?: string;
  period?: { start?: number; end?: number };
  describedAs?: ModelId[];
  sources?: Source[];
  parties?: Party[];
  components?: DraftComponent[];
}

export type DraftComponent = Partial<Omit<Component, 'roles'>> & { roles?: Role[] };

export const FORMAT = 'coprism/1';

/** A tri-state answer: unknown is its own answer, never folded into "no". */
export type YesNo = 'yes' | 'no' | 'unknown';

// ---------------------------------------------------------------------------------------------
// Reading a document from outside (the server, or the YAML view)

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isListOfObjects = (v: unknown): boolean =>
  v === undefined || (Array.isArray(v) && v.every(isObject));

/**
 * Why the interview cannot show this document (a list that is not a list, say), or null when it
 * can. Values outside the vocabularies are fine here: the checks on the server name them.
 */
export function shapeProblem(value: unknown): string | null {
  if (!isObject(value)) return 'The text is not a case: it should start with fields like “title:”.';
  for (const key of ['sources', 'parties', 'components'] as const) {
    if (!isListOfObjects(value[key]))
      return `“${key}” should be a list of entries, each starting with “- ”.`;
  }
  for (const key of ['id', 'title', 'summary', 'setting'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string')
      return `“${key}” should be text.`;
  }
  if (value['period'] !== undefined && !isObject(value['period']))
    return '“period” should have a start and an end year.';
  if (value['describedAs'] !== undefined && !Array.isArray(value['describedAs']))
    return '“describedAs” should be a list.';
  for (const [i, c] of ((value['components'] as unknown[] | undefined) ?? []).entries()) {
    const part = c as Record<string, unknown>;
    for (const key of ['roles', 'relationships', 'attempts'] as const) {
      if (!isListOfObjects(part[key]))
        return `Part ${i + 1}: “${key}” should be a list of entries, each starting with “- ”.`;
    }
    if (part['humanising'] !== undefined && !Array.isArray(part['humanising']))
      return `Part ${i + 1}: “humanising” should be a list.`;
    for (const key of ['evidence', 'design'] as const) {
      if (part[key] !== undefined && !isObject(part[key]))
        return `Part ${i + 1}: “${key}” should be a group of fields.`;
    }
    const design = part['design'] as Record<string, unknown> | undefined;
    if (design?.['stages'] !== undefined && !Array.isArray(design['stages']))
      return `Part ${i + 1}: the design's “stages” should be a list.`;
  }
  return null;
}

/** The document as the interview works on it, or why it cannot be. */
export function toDraftCase(
  value: unknown,
): { ok: true; value: DraftCase } | { ok: false; reason: string } {
  const problem = shapeProblem(value);
  return problem === null
    ? { ok: true, value: value as DraftCase }
    : { ok: false, reason: problem };
}

// ---------------------------------------------------------------------------------------------
// Ids

/** A kebab-case id from any words: "SleepWell on Ward 7" → "sleepwell-on-ward-7". */
export function slug(words: string, fallback = 'case'): string {
  const id = words
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return id || fallback;
}

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The first of `base`, `base-2`, `base-3`… that is not taken. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The id the interview suggests for a case with this title. */
export const suggestCaseId = (title: string): string => slug(title, '');

// ---------------------------------------------------------------------------------------------
// Small immutable helpers

/** Sets a field, or removes it when the value is undefined (an unknown is left out, not written). */
function withField<T extends object, K extends keyof T>(
  object: T,
  key: K,
  value: T[K] | undefined,
): T {
  if (value !== undefined) return { ...object, [key]: value };
  return Object.fromEntries(Object.entries(object).filter(([k]) => k !== key)) as T;
}

/** An empty new case. */
export const emptyCase = (): DraftCase => ({ format: FORMAT });

export function components(doc: DraftCase): DraftComponent[] {
  return doc.components ?? [];
}

export function component(doc: DraftCase, index: number): DraftComponent {
  return components(doc)[index] ?? {};
}

/** Changes one part, creating the first part if the case has none yet. */
export function updateComponent(
  doc: DraftCase,
  index: number,
  change: (part: DraftComponent) => DraftComponent,
): DraftCase {
  const list = [...components(doc)];
  while (list.length <= index) list.push(newComponent(doc, list));
  list[index] = change(list[index] ?? {});
  return { ...doc, components: list };
}

function newComponent(doc: DraftCase, list: readonly DraftComponent[]): DraftComponent {
  const n = list.length + 1;
  const title = n === 1 ? (doc.title ?? 'The initiative') : `Part ${n}`;
  return {
    id: uniqueId(
      slug(title, 'part'),
      list.flatMap((c) => (c.id ? [c.id] : [])),
    ),
    title,
    roles: [],
  };
}

// ---------------------------------------------------------------------------------------------
// About the case

export interface About {
  title: string;
  summary: string;
  setting: string;
  start: string;
  end: string;
  id: string;
}

export function readAbout(doc: DraftCase): About {
  return {
    title: doc.title ?? '',
    summary: doc.summary ?? '',
    setting: doc.setting ?? '',
    start: doc.period?.start !== undefined ? String(doc.period.start) : '',
    end: doc.period?.end !== undefined ? String(doc.period.end) : '',
    id: doc.id ?? '',
  };
}

/** What is wrong in the "about" answers, by field, in plain words. */
export function aboutMistakes(about: About): Partial<Record<keyof About, string>> {
  const mistakes: Partial<Record<keyof About, string>> = {};
  if (!about.title.trim()) mistakes.title = 'Give the initiative a name.';
  for (const key of ['start', 'end'] as const) {
    const text = about[key].trim();
    if (text && !/^\d{4}$/.test(text)) mistakes[key] = 'Write a year as four figures, like 2019.';
    else if (text && (Number(text) < 1800 || Number(text) > 2200))
      mistakes[key] = 'Write a year between 1800 and 2200.';
  }
  if (!mistakes.start && !mistakes.end && about.start && about.end && +about.end < +about.start)
    mistakes.end = 'The last year can’t be before the first.';
  if (!about.id.trim()) mistakes.id = 'Give it a short name for its web address.';
  else if (!ID_PATTERN.test(about.id.trim()))
    mistakes.id =
      'Use only small letters, figures and single hyphens between words, like peer-support-groups.';
  return mistakes;
}

/**
 * Writes the about answers. A first part named after the case follows its name; with `followIds`
 * (a case not yet published) its id follows too.
 */
export function writeAbout(doc: DraftCase, about: About, followIds = false): DraftCase {
  const text = (s: string) => (s.trim() ? s.trim() : undefined);
  const year = (s: string) => (/^\d{4}$/.test(s.trim()) ? Number(s.trim()) : undefined);
  const start = year(about.start);
  const end = year(about.end);
  const period =
    start === undefined && end === undefined
      ? undefined
      : { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) };
  let next: DraftCase = { ...doc, format: doc.format ?? FORMAT };
  next = withField(next, 'id', text(about.id));
  next = withField(next, 'title', text(about.title));
  next = withField(next, 'summary', text(about.summary));
  next = withField(next, 'setting', text(about.setting));
  next = withField(next, 'period', period);
  // The first part is named after the case until someone names it.
  if (components(next).length === 0 && next.title)
    next = {
      ...next,
      components: [{ id: slug(next.title, 'part'), title: next.title, roles: [] }],
    };
  const only = components(next)[0];
  if (components(next).length === 1 && only && next.title && only.title === doc.title) {
    const title = next.title;
    const followId = followIds && only.id === slug(doc.title ?? '', 'part');
    next = updateComponent(next, 0, (c) => ({
      ...c,
      ...(followId ? { id: slug(title, 'part') } : {}),
      title,
    }));
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// Sources and parties

export function addSource(
  doc: DraftCase,
  source: { kind: SourceKind; citation: string; url?: string },
): { doc: DraftCase; id: string } {
  const sources = doc.sources ?? [];
  const words = source.citation.match(/[A-Za-z]+/)?.[0] ?? 'source';
  const year = source.citation.match(/\b(1[89]|2[0-2])\d\d\b/)?.[0] ?? '';
  const id = uniqueId(
    slug(`${words}${year ? `-${year}` : ''}`, 'source'),
    sources.map((s) => s.id),
  );
  const added: Source = {
    id,
    kind: source.kind,
    citation: source.citation.trim(),
    ...(source.url?.trim() ? { url: source.url.trim() } : {}),
  };
  return { doc: { ...doc, sources: [...sources, added] }, id };
}

/** Removes a source and the references to it (the claims stay, without a source). */
export function removeSource(doc: DraftCase, id: string): DraftCase {
  const next: DraftCase = { ...doc, sources: (doc.sources ?? []).filter((s) => s.id !== id) };
  return {
    ...next,
    ...(doc.components
      ? {
          components: doc.components.map((c) => ({
            ...c,
            ...(c.roles
              ? {
                  roles: c.roles.map((r) =>
                    r.source === id ? withField(r, 'source', undefined) : r,
                  ),
                }
              : {}),
          })),
        }
      : {}),
  };
}

export const sourceUsed = (doc: DraftCase, id: string): boolean =>
  components(doc).some((c) => (c.roles ?? []).some((r) => r.source === id));

/** Kinds for which the interview asks whether their people have lived experience. */
export const ASKS_LIVED_EXPERIENCE: readonly PartyKind[] = ['designers', 'funder-or-client'];
/** Kinds for which the interview asks whether it is an organisation run by and for service users. */
export const ASKS_USER_LED: readonly PartyKind[] = [
  'service-users',
  'community',
  'designers',
  'funder-or-client',
  'other-professionals',
];

export interface PartyAnswers {
  kind: PartyKind;
  label: string;
  livedExperience: YesNo;
  userLed: YesNo;
}

const flag = (answer: YesNo): boolean | undefined =>
  answer === 'yes' ? true : answer === 'no' ? false : undefined;
export const yesNo = (value: boolean | undefined): YesNo =>
  value === true ? 'yes' : value === false ? 'no' : 'unknown';

function partyFrom(id: string, answers: PartyAnswers): Party {
  let party: Party = { id, kind: answers.kind };
  if (answers.label.trim()) party = { ...party, label: answers.label.trim() };
  const lived = ASKS_LIVED_EXPERIENCE.includes(answers.kind)
    ? flag(answers.livedExperience)
    : undefined;
  const led = ASKS_USER_LED.includes(answers.kind) ? flag(answers.userLed) : undefined;
  if (lived !== undefined) party = { ...party, livedExperience: lived };
  if (led !== undefined) party = { ...party, userLed: led };
  return party;
}

export function addParty(doc: DraftCase, answers: PartyAnswers): { doc: DraftCase; id: string } {
  const parties = doc.parties ?? [];
  const id = uniqueId(
    slug(answers.label.trim() || answers.kind, 'party'),
    parties.map((p) => p.id),
  );
  return { doc: { ...doc, parties: [...parties, partyFrom(id, answers)] }, id };
}

/** Changes a party's answers, keeping its id (claims refer to it). */
export function updateParty(doc: DraftCase, id: string, answers: PartyAnswers): DraftCase {
  return {
    ...doc,
    parties: (doc.parties ?? []).map((p) => (p.id === id ? partyFrom(id, answers) : p)),
  };
}

/** Removes a party and every claim about it. */
export function removeParty(doc: DraftCase, id: string): DraftCase {
  return {
    ...doc,
    parties: (doc.parties ?? []).filter((p) => p.id !== id),
    ...(doc.components
      ? {
          components: doc.components.map((c) =>
            c.roles ? { ...c, roles: c.roles.filter((r) => r.party !== id) } : c,
          ),
        }
      : {}),
  };
}

export const claimsAbout = (doc: DraftCase, partyId: string): number =>
  components(doc).reduce(
    (n, c) => n + (c.roles ?? []).filter((r) => r.party === partyId).length,
    0,
  );

// ---------------------------------------------------------------------------------------------
// Who did what at a stage

export type RoleAnswer =
  | { readonly kind: 'unknown' }
  | {
      readonly kind: 'one';
      readonly level: Level;
      readonly source: string | undefined;
      readonly certainty: Certainty | undefined;
    }
  /** Several claims: accounts that may disagree. The interview shows them and leaves them be. */
  | { readonly kind: 'several'; readonly roles: readonly Role[] };

export function readRole(
  doc: DraftCase,
  partIndex: number,
  partyId: string,
  stage: Stage,
): RoleAnswer {
  const roles = (component(doc, partIndex).roles ?? []).filter(
    (r) => r.party === partyId && r.stage === stage,
  );
  const first = roles[0];
  if (!first) return { kind: 'unknown' };
  if (roles.length > 1) return { kind: 'several', roles };
  return { kind: 'one', level: first.level, source: first.source, certainty: first.certainty };
}

/**
 * Writes one party's answer at one stage. "We don't know" writes no claim at all. A level keeps the
 * claim's place in the list (reasons cite claims by place) and any note it had.
 */
export function writeRole(
  doc: DraftCase,
  partIndex: number,
  partyId: string,
  stage: Stage,
  answer:
    | { kind: 'unknown' }
    | { kind: 'one'; level: Level; source?: string | undefined; certainty?: Certainty | undefined },
): DraftCase {
  return updateComponent(doc, partIndex, (part) => {
    const roles = part.roles ?? [];
    const at = roles.findIndex((r) => r.party === partyId && r.stage === stage);
    if (answer.kind === 'unknown')
      return { ...part, roles: roles.filter((r) => !(r.party === partyId && r.stage === stage)) };
    const old = roles[at];
    let role: Role = { party: partyId, stage, level: answer.level };
    if (answer.source) role = { ...role, source: answer.source };
    if (answer.certainty) role = { ...role, certainty: answer.certainty };
    if (old?.note) role = { ...role, note: old.note };
    const next = [...roles];
    if (at === -1) next.push(role);
    else next[at] = role;
    return { ...part, roles: next };
  });
}

/** The note on one party's claim at one stage ("§4.1: …"), or "" when there is none. */
export function readRoleNote(
  doc: DraftCase,
  partIndex: number,
  partyId: string,
  stage: Stage,
): string {
  const role = (component(doc, partIndex).roles ?? []).find(
    (r) => r.party === partyId && r.stage === stage,
  );
  return role?.note ?? '';
}

/** Sets the note on one party's claim at one stage; an empty note is left out. No claim, no note. */
export function writeRoleNote(
  doc: DraftCase,
  partIndex: number,
  partyId: string,
  stage: Stage,
  note: string,
): DraftCase {
  return updateComponent(doc, partIndex, (part) => ({
    ...part,
    roles: (part.roles ?? []).map((r) =>
      r.party === partyId && r.stage === stage
        ? withField(r, 'note', note.trim() ? note : undefined)
        : r,
    ),
  }));
}

// ---------------------------------------------------------------------------------------------
// What it produces, what it evens out, what makes it humane, evidence, design

export function writeProduces(
  doc: DraftCase,
  partIndex: number,
  produces: Product | 'unknown',
): DraftCase {
  return updateComponent(doc, partIndex, (c) =>
    withField(c, 'produces', produces === 'unknown' ? undefined : produces),
  );
}

export function writeDomain(
  doc: DraftCase,
  partIndex: number,
  domain: ServiceDomain | 'unknown',
): DraftCase {
  return updateComponent(doc, partIndex, (c) =>
    withField(c, 'serviceDomain', domain === 'unknown' ? undefined : domain),
  );
}

/** The relationships the interview asks about: service users and each other kind of party. */
export const RELATIONSHIP_PAIRS: readonly (readonly [PartyKind, PartyKind])[] = [
  ['service-users', 'mental-health-professionals'],
  ['service-users', 'community'],
  ['service-users', 'other-professionals'],
  ['service-users', 'carers'],
  ['service-users', 'researchers'],
];

export const pairKey = (pair: readonly [PartyKind, PartyKind]): string =>
  [...pair].sort().join('+');

/** "known-none" is a recorded empty list: it evens out none of these. */
export type Evened =
  { readonly kind: 'unknown' } | { readonly kind: 'known'; readonly pairs: readonly string[] };

export function readEvened(doc: DraftCase, partIndex: number): Evened {
  const list = component(doc, partIndex).relationships;
  if (list === undefined) return { kind: 'unknown' };
  return {
    kind: 'known',
    pairs: list.filter((r) => r.effect === 'equalises').map((r) => pairKey(r.between)),
  };
}

/**
 * Writes which pairs are evened out. Relationships the interview does not ask about (kept apart, or
 * between other kinds) stay as they were.
 */
export function writeEvened(doc: DraftCase, partIndex: number, evened: Evened): DraftCase {
  return updateComponent(doc, partIndex, (c) => {
    const asked = new Set(RELATIONSHIP_PAIRS.map(pairKey));
    const kept = (c.relationships ?? []).filter(
      (r) => !(r.effect === 'equalises' && asked.has(pairKey(r.between))),
    );
    if (evened.kind === 'unknown')
      return withField(c, 'relationships', kept.length > 0 ? kept : undefined);
    const old = new Map(
      (c.relationships ?? []).map((r) => [`${r.effect} ${pairKey(r.between)}`, r]),
    );
    const chosen: Relationship[] = RELATIONSHIP_PAIRS.filter((p) =>
      evened.pairs.includes(pairKey(p)),
    ).map(
      (between) =>
        old.get(`equalises ${pairKey(between)}`) ?? {
          between: [between[0], between[1]],
          effect: 'equalises',
        },
    );
    return { ...c, relationships: [...chosen, ...kept] };
  });
}

export function writeHumanising(
  doc: DraftCase,
  partIndex: number,
  features: readonly string[] | undefined,
): DraftCase {
  return updateComponent(doc, partIndex, (c) =>
    withField(c, 'humanising', features === undefined ? undefined : [...features]),
  );
}

/** Attempts: "no" is a recorded empty list; "we don't know" leaves the list out. */
export type Attempts =
  { readonly kind: 'unknown' } | { readonly kind: 'known'; readonly attempts: readonly Attempt[] };

export function readAttempts(doc: DraftCase, partIndex: number): Attempts {
  const list = component(doc, partIndex).attempts;
  return list === undefined ? { kind: 'unknown' } : { kind: 'known', attempts: list };
}

export function writeAttempts(doc: DraftCase, partIndex: number, attempts: Attempts): DraftCase {
  return updateComponent(doc, partIndex, (c) =>
    withField(c, 'attempts', attempts.kind === 'unknown' ? undefined : [...attempts.attempts]),
  );
}

/** Sets or clears one field of a part's evidence; the block goes when nothing in it is known. */
export function writeEvidence(
  doc: DraftCase,
  partIndex: number,
  change: {
    drivenByEvidence?: YesNo;
    reviewed?: YesNo;
    evaluation?: Evaluation | 'unknown';
  },
): DraftCase {
  return updateComponent(doc, partIndex, (c) => {
    let evidence = { ...(c.evidence ?? {}) };
    if (change.drivenByEvidence !== undefined)
      evidence = withField(evidence, 'drivenByEvidence', flag(change.drivenByEvidence));
    if (change.reviewed !== undefined)
      evidence = withField(evidence, 'reviewed', flag(change.reviewed));
    if (change.evaluation !== undefined)
      evidence = withField(
        evidence,
        'evaluation',
        change.evaluation === 'unknown' ? undefined : change.evaluation,
      );
    return withField(c, 'evidence', Object.keys(evidence).length > 0 ? evidence : undefined);
  });
}

export function writeDesign(
  doc: DraftCase,
  partIndex: number,
  change: {
    stages?: readonly DesignStage[] | 'unknown';
    iterations?: number | 'unknown';
    respondsToEndUsers?: YesNo;
  },
): DraftCase {
  return updateComponent(doc, partIndex, (c) => {
    let design = { ...(c.design ?? {}) };
    if (change.stages !== undefined)
      design = withField(
        design,
        'stages',
        change.stages === 'unknown' ? undefined : [...change.stages],
      );
    if (change.iterations !== undefined)
      design = withField(
        design,
        'iterations',
        change.iterations === 'unknown' ? undefined : change.iterations,
      );
    if (change.respondsToEndUsers !== undefined)
      design = withField(design, 'respondsToEndUsers', flag(change.respondsToEndUsers));
    return withField(c, 'design', Object.keys(design).length > 0 ? design : undefined);
  });
}

export function writeDescribedAs(doc: DraftCase, models: readonly ModelId[]): DraftCase {
  return withField(doc, 'describedAs', models.length > 0 ? [...models] : undefined);
}

// ---------------------------------------------------------------------------------------------
// Parts

export function addComponent(
  doc: DraftCase,
  answers: { title: string; summary: string },
): { doc: DraftCase; index: number } {
  const list = components(doc);
  const title = answers.title.trim();
  const part: DraftComponent = {
    id: uniqueId(
      slug(title, 'part'),
      list.flatMap((c) => (c.id ? [c.id] : [])),
    ),
    title,
    ...(answers.summary.trim() ? { summary: answers.summary.trim() } : {}),
    roles: [],
  };
  return { doc: { ...doc, components: [...list, part] }, index: list.length };
}

export function renameComponent(
  doc: DraftCase,
  index: number,
  answers: { title: string; summary: string },
): DraftCase {
  return updateComponent(doc, index, (c) => {
    const next = withField(c, 'title', answers.title.trim() || undefined);
    return withField(next, 'summary', answers.summary.trim() || undefined);
  });
}

export function removeComponent(doc: DraftCase, index: number): DraftCase {
  return { ...doc, components: components(doc).filter((_, i) => i !== index) };
}

// ---------------------------------------------------------------------------------------------
// The document in canonical order, as the YAML view and the server keep it

const CASE_ORDER = [
  'format',
  'id',
  'title',
  'summary',
  'setting',
  'period',
  'describedAs',
  'sources',
  'parties',
  'components',
];
const PART_ORDER = [
  'id',
  'title',
  'summary',
  'serviceDomain',
  'produces',
  'roles',
  'evidence',
  'design',
  'relationships',
  'humanising',
  'attempts',
];

function ordered(
  object: Record<string, unknown>,
  order: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (key in object) out[key] = object[key];
  for (const key of Object.keys(object)) if (!(key in out)) out[key] = object[key];
  return out;
}

/** The same document with its fields in the order of the format's documentation. */
export function canonical(doc: DraftCase): Record<string, unknown> {
  const top = ordered(doc as Record<string, unknown>, CASE_ORDER);
  if (Array.isArray(top['components']))
    top['components'] = (top['components'] as unknown[]).map((c) =>
      isObject(c) ? ordered(c, PART_ORDER) : c,
    );
  return top;
}
