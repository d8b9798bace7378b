/** What changed between two revisions of a case, in plain words ("Service users, design: was asked
 * for their views → decided together as equals"). Pure, so it can be tested on its own. */
import type { CaseFile, Component, Role } from '../../../src/core/case.schema.js';
import { partyName } from '../reading/grid.js';
import { CERTAINTY_WORDS, modelName, periodWords, sourceNamer } from '../words.js';
import { ANSWER_WORDS, stageName } from './extras-words.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const level = (role: Role): string => ANSWER_WORDS[role.level].toLowerCase();
const quote = (text: string | undefined | null): string => (text ? `“${text}”` : 'nothing');

const COMPONENT_FIELDS: readonly [keyof Component, string][] = [
  ['title', 'its title'],
  ['summary', 'its description'],
  ['serviceDomain', 'the field it serves'],
  ['produces', 'what it produces'],
  ['evidence', 'the research evidence'],
  ['design', 'the design process'],
  ['relationships', 'the relationships it evens out'],
  ['humanising', 'its humane features'],
  ['attempts', 'the recorded attempts'],
];

/** Every change from `before` to `after`, one sentence each, in the order a reader meets them. */
export function plainDiff(before: CaseFile, after: CaseFile): string[] {
  const out: string[] = [];
  if (before.title !== after.title)
    out.push(`Title: ${quote(before.title)} → ${quote(after.title)}`);
  if (before.summary !== after.summary) out.push('The summary was changed.');
  if (before.setting !== after.setting)
    out.push(`Setting: ${quote(before.setting)} → ${quote(after.setting)}`);
  if (!same(before.period, after.period))
    out.push(
      `Period: ${periodWords(before.period) || 'not recorded'} → ${periodWords(after.period) || 'not recorded'}`,
    );
  if (!same(before.describedAs ?? [], after.describedAs ?? []))
    out.push(
      `What it calls itself: ${(before.describedAs ?? []).map(modelName).join(', ') || 'nothing'} → ${(after.describedAs ?? []).map(modelName).join(', ') || 'nothing'}`,
    );

  const sourcesBefore = new Map((before.sources ?? []).map((s) => [s.id, s]));
  const sourcesAfter = new Map((after.sources ?? []).map((s) => [s.id, s]));
  for (const [id, s] of sourcesAfter)
    if (!sourcesBefore.has(id)) out.push(`Source added: ${s.citation}`);
    else if (!same(sourcesBefore.get(id), s)) out.push(`Source changed: ${s.citation}`);
  for (const [id, s] of sourcesBefore)
    if (!sourcesAfter.has(id)) out.push(`Source removed: ${s.citation}`);

  const partiesBefore = new Map(before.parties.map((p) => [p.id, p]));
  const partiesAfter = new Map(after.parties.map((p) => [p.id, p]));
  for (const [id, p] of partiesAfter)
    if (!partiesBefore.has(id)) out.push(`Party added: ${partyName(p)}`);
    else if (!same(partiesBefore.get(id), p)) out.push(`Party changed: ${partyName(p)}`);
  for (const [id, p] of partiesBefore)
    if (!partiesAfter.has(id)) out.push(`Party removed: ${partyName(p)}`);

  const nameOf = (id: string): string => {
    const party = partiesAfter.get(id) ?? partiesBefore.get(id);
    return party ? partyName(party) : id;
  };
  // A source removed in this change is still named as it was.
  const namedAfter = sourceNamer(after);
  const namedBefore = sourceNamer(before);
  const sourceOf = (id: string): string =>
    sourcesAfter.has(id) ? namedAfter(id) : namedBefore(id);
  const several = before.components.length > 1 || after.components.length > 1;
  const componentsBefore = new Map(before.components.map((c) => [c.id, c]));
  for (const c of after.components) {
    const old = componentsBefore.get(c.id);
    if (!old) {
      out.push(`Part added: ${quote(c.title)}`);
      continue;
    }
    const prefix = several ? `${c.title} — ` : '';
    for (const [field, words] of COMPONENT_FIELDS)
      if (field !== 'roles' && !same(old[field], c[field]))
        out.push(`${prefix}${capitalFirst(words)} changed.`);
    out.push(
      ...roleChanges(old.roles, c.roles, nameOf, sourceOf).map((line) => `${prefix}${line}`),
    );
  }
  const after_ = new Set(after.components.map((c) => c.id));
  for (const c of before.components)
    if (!after_.has(c.id)) out.push(`Part removed: ${quote(c.title)}`);
  return out;
}

const capitalFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function roleChanges(
  before: readonly Role[],
  after: readonly Role[],
  nameOf: (id: string) => string,
  sourceOf: (id: string) => string,
): string[] {
  const keyOf = (r: Role) => `${r.party}|${r.stage}|${r.source ?? ''}`;
  const old = new Map(before.map((r) => [keyOf(r), r]));
  const now = new Map(after.map((r) => [keyOf(r), r]));
  const where = (r: Role) => `${nameOf(r.party)}, ${stageName(r.stage).toLowerCase()}`;
  const from = (r: Role) => (r.source ? ` (${sourceOf(r.source)})` : '');
  const out: string[] = [];
  for (const [k, r] of now) {
    const was = old.get(k);
    if (!was) out.push(`${where(r)}: ${level(r)}${from(r)} — added`);
    else {
      if (was.level !== r.level) out.push(`${where(r)}: ${level(was)} → ${level(r)}${from(r)}`);
      if ((was.certainty ?? 'reported') !== (r.certainty ?? 'reported'))
        out.push(
          `${where(r)}: how sure, ${CERTAINTY_WORDS[was.certainty ?? 'reported']} → ${CERTAINTY_WORDS[r.certainty ?? 'reported']}${from(r)}`,
        );
      if ((was.note ?? '') !== (r.note ?? '')) out.push(`${where(r)}: the note changed${from(r)}`);
    }
  }
  for (const [k, r] of old)
    if (!now.has(k)) out.push(`${where(r)}: ${level(r)}${from(r)} — removed`);
  return out;
}
