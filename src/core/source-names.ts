/**
 * How a source is named where a reader meets it (grid cells, reasons, doubts, diffs, reports). A
 * source is named by its id, which its author chose, except an account given in Coprism ("Add my
 * account"): its id carries the account's user id, so it is named by the person instead.
 */
import type { CaseFile, Source } from './case.schema.js';

const OWN_PREFIX = 'self-report-';
const OWN_CITATION = /^Account given in Coprism by (.+), (\d{4}-\d{2}-\d{2})$/;

/**
 * The self-report source of a person's own account. Only their display name goes in, which those
 * who may read the case see anyway beside their claims; the id keeps the account's id so that
 * saying it again replaces their own claims only.
 */
export function ownAccountSource(userId: string, name: string, date: string): Source {
  return {
    id: `${OWN_PREFIX}${userId}`,
    kind: 'self-report',
    citation: `Account given in Coprism by ${name}, ${date}`,
  };
}

/** Whether a source is a person's own account given in Coprism. */
export const isOwnAccount = (source: Source): boolean =>
  source.kind === 'self-report' && source.id.startsWith(OWN_PREFIX);

/** "self-report by Amira Khan" for an account given in Coprism; otherwise the source's id. */
export function sourceName(source: Source): string {
  if (!isOwnAccount(source)) return source.id;
  const person = OWN_CITATION.exec(source.citation)?.[1];
  // A citation edited by hand (say, to leave the name out) is what the reader should see.
  return person === undefined ? source.citation : `self-report by ${person}`;
}

/** Names the sources of a case by id; an id the case does not list is named as it is. */
export function sourceNamer(doc: Pick<CaseFile, 'sources'>): (id: string) => string {
  const names = new Map((doc.sources ?? []).map((s) => [s.id, sourceName(s)]));
  return (id) => names.get(id) ?? id;
}
