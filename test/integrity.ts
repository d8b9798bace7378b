// Holds a database to what the store promises, and to a ledger of the writes clients sent: for the
// fault tests and the soak. Every check reads the tables directly, not through the server.
import { isDeepStrictEqual } from 'node:util';
import type { Analysis, CaseFile } from '../src/core/index.js';
import { caseIndex } from '../src/server/case-index.js';
import { parseDocuments } from '../src/server/case-documents.js';
import { openStore, type DatabaseConfig, type Store } from '../src/store/index.js';
import { attemptOfTitle, itemDocument, itemText, type WriteAttempt } from './workload.js';

export interface IntegrityReport {
  /** Everything that is wrong, in words; empty when all is well. */
  readonly problems: string[];
  readonly cases: number;
  readonly revisions: number;
  /** Acknowledged writes (revisions) found with exactly the content sent. */
  readonly acknowledged: number;
  /** Writes that got no clear answer (the server died, the database stopped) and were applied. */
  readonly unansweredApplied: number;
  readonly unansweredNotApplied: number;
  /** The writes (attempt ids) found in the database, whole or in part. */
  readonly applied: ReadonlySet<number>;
}

const FIT_COLUMNS = {
  'co-production': 'fit_co_production',
  'evidence-based-practice': 'fit_evidence_based_practice',
  'service-user-led': 'fit_service_user_led',
  'community-involvement': 'fit_community_involvement',
  'user-centred-design': 'fit_user_centred_design',
} as const;

/** JSON's view of a value: what a document looks like once stored (no undefined keys). */
const asStored = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/**
 * Checks every case in the database: its revisions are numbered 1 to its current revision with
 * none missing and none beyond; the current revision's row exists; the list columns and tags are
 * those of the current revision's document (and of the analysis kept with it); nothing refers to
 * a row that is not there. With a workload's ledger, also: every acknowledged write is there with
 * exactly the content sent, every revision in that workspace is a write some client sent, a
 * refused write left nothing, and an import file is there whole or not at all.
 */
export interface Ledger {
  readonly workspace: string;
  readonly writes: readonly WriteAttempt[];
  /**
   * For a copy taken at some moment (a backup): only writes acknowledged before this time
   * (performance.now()) must be there, and no write sent after `sentAfter` may be.
   */
  readonly acknowledgedBy?: number;
  readonly sentAfter?: number;
}

export async function checkIntegrity(
  config: DatabaseConfig,
  ledger?: Ledger,
): Promise<IntegrityReport> {
  const store = await openStore(config);
  try {
    return await check(store, ledger);
  } finally {
    await store.close();
  }
}

async function check(store: Store, ledger: Ledger | undefined): Promise<IntegrityReport> {
  const db = store.database;
  const problems: string[] = [];
  const cases = await db.selectFrom('cases').selectAll().orderBy('id').execute();
  const attempts = new Map((ledger?.writes ?? []).map((w) => [w.id, w]));
  /** `attempt/slug` of every write found, with its revision number. */
  const found = new Map<string, number>();
  let revisionCount = 0;

  for (const row of cases) {
    const name = `${row.workspace_id}/${row.slug}`;
    const revisions = await db
      .selectFrom('revisions')
      .select(['number', 'document'])
      .where('case_id', '=', row.id)
      .orderBy('number')
      .execute();
    revisionCount += revisions.length;
    const numbers = revisions.map((r) => r.number);
    const contiguous = numbers.length === row.revision && numbers.every((n, i) => n === i + 1);
    if (!contiguous)
      problems.push(
        `${name} is at revision ${row.revision} but has revisions [${numbers.join(', ')}]`,
      );
    const current = revisions.find((r) => r.number === row.revision);
    if (!current) {
      problems.push(`${name}: its current revision ${row.revision} is missing`);
      continue;
    }
    const document = JSON.parse(current.document) as CaseFile;
    const kept = await db
      .selectFrom('analyses')
      .select(['revision', 'rulebook', 'analysis'])
      .where('case_id', '=', row.id)
      .execute();
    for (const n of numbers)
      if (!kept.some((a) => a.revision === n))
        problems.push(`${name}: revision ${n} has no analysis kept with it`);
    const analysis = kept.find((a) => a.revision === row.revision && a.rulebook === row.rulebook);
    if (!analysis) {
      problems.push(`${name}: no analysis of revision ${row.revision} under ${row.rulebook}`);
    } else {
      const index = caseIndex(document, JSON.parse(analysis.analysis) as Analysis);
      const expected: Record<string, unknown> = {
        title: index.title,
        summary: index.summary,
        period_start: index.periodStart,
        period_end: index.periodEnd,
        search_text: index.searchText,
        ...Object.fromEntries(
          Object.entries(FIT_COLUMNS).map(([model, column]) => [
            column,
            index.fits[model as keyof typeof FIT_COLUMNS],
          ]),
        ),
      };
      for (const [column, value] of Object.entries(expected)) {
        const actual = (row as Record<string, unknown>)[column];
        if (actual !== value)
          problems.push(
            `${name}: column ${column} is ${JSON.stringify(actual)} but revision ${row.revision} says ${JSON.stringify(value)}`,
          );
      }
      const tags = await db
        .selectFrom('case_tags')
        .select(['tag', 'value'])
        .where('case_id', '=', row.id)
        .execute();
      const have = tags.map((t) => `${t.tag}:${t.value}`).sort();
      const want = [
        ...new Set([
          ...index.domains.map((v) => `domain:${v}`),
          ...index.labels.map((v) => `label:${v}`),
          ...index.sourceKinds.map((v) => `source-kind:${v}`),
        ]),
      ].sort();
      if (!isDeepStrictEqual(have, want))
        problems.push(
          `${name}: tags [${have.join(', ')}] but its document says [${want.join(', ')}]`,
        );
    }

    if (!ledger || row.workspace_id !== ledger.workspace) continue;
    for (const revision of revisions) {
      const stored = JSON.parse(revision.document) as CaseFile;
      const id = attemptOfTitle(stored.title);
      const attempt = id === undefined ? undefined : attempts.get(id);
      const item = attempt?.items.find((i) => i.slug === row.slug);
      const where = `${name} revision ${revision.number}`;
      if (!attempt || !item) {
        problems.push(`${where} is not a write any client sent (title '${stored.title}')`);
        continue;
      }
      found.set(`${attempt.id}/${row.slug}`, revision.number);
      if (!isDeepStrictEqual(stored, asStored(itemDocument(item))))
        problems.push(`${where} is not the content write ${attempt.id} sent`);
      if (attempt.kind === 'save' && revision.number !== (attempt.expected ?? 0) + 1)
        problems.push(
          `${where} was a save made to revision ${attempt.expected ?? '?'}, but is revision ${revision.number}`,
        );
      if (attempt.kind === 'create' && revision.number !== 1)
        problems.push(`${where} was a create, but is not revision 1`);
      if (attempt.outcome === 'refused')
        problems.push(`${where} was refused with ${attempt.status ?? '?'}, yet it was saved`);
      if (attempt.stale)
        problems.push(`${where} was a save to an out-of-date revision, yet it was saved`);
      if (ledger.sentAfter !== undefined && attempt.sentAt > ledger.sentAfter)
        problems.push(`${where} was sent after this copy was taken, yet it is in it`);
    }
  }

  // Rows that refer to rows that are not there.
  const dangling = async (what: string, query: Promise<unknown[]>) => {
    const rows = await query;
    if (rows.length > 0) problems.push(`${rows.length} ${what}`);
  };
  await dangling(
    'revisions of no case',
    db
      .selectFrom('revisions')
      .select('case_id')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(selectFrom('cases').select('id').whereRef('cases.id', '=', 'revisions.case_id')),
        ),
      )
      .execute(),
  );
  await dangling(
    'analyses of no revision',
    db
      .selectFrom('analyses')
      .select('case_id')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('revisions')
              .select('case_id')
              .whereRef('revisions.case_id', '=', 'analyses.case_id')
              .whereRef('revisions.number', '=', 'analyses.revision'),
          ),
        ),
      )
      .execute(),
  );
  await dangling(
    'tags of no case',
    db
      .selectFrom('case_tags')
      .select('case_id')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(selectFrom('cases').select('id').whereRef('cases.id', '=', 'case_tags.case_id')),
        ),
      )
      .execute(),
  );
  await dangling(
    'cases in no workspace',
    db
      .selectFrom('cases')
      .select('id')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('workspaces')
              .select('id')
              .whereRef('workspaces.id', '=', 'cases.workspace_id'),
          ),
        ),
      )
      .execute(),
  );
  await dangling(
    'memberships of no account or workspace',
    db
      .selectFrom('members')
      .select('user_id')
      .where(({ or, not, exists, selectFrom }) =>
        or([
          not(
            exists(selectFrom('users').select('id').whereRef('users.id', '=', 'members.user_id')),
          ),
          not(
            exists(
              selectFrom('workspaces')
                .select('id')
                .whereRef('workspaces.id', '=', 'members.workspace_id'),
            ),
          ),
        ]),
      )
      .execute(),
  );

  let acknowledged = 0;
  let unansweredApplied = 0;
  let unansweredNotApplied = 0;
  for (const attempt of ledger?.writes ?? []) {
    const present = attempt.items.filter((item) => found.has(`${attempt.id}/${item.slug}`));
    const due =
      ledger?.acknowledgedBy === undefined || (attempt.doneAt ?? Infinity) < ledger.acknowledgedBy;
    if (attempt.outcome === 'acked' && due) {
      for (const item of attempt.items) {
        const number = found.get(`${attempt.id}/${item.slug}`);
        if (number === undefined)
          problems.push(
            `write ${attempt.id} (${attempt.kind} of ${item.slug}) was acknowledged as revision ${item.revision ?? '?'} but is not there`,
          );
        else if (number !== item.revision)
          problems.push(
            `write ${attempt.id} (${attempt.kind} of ${item.slug}) was acknowledged as revision ${item.revision ?? '?'} but is revision ${number}`,
          );
        else acknowledged += 1;
      }
    } else if (attempt.outcome === 'failed' || attempt.outcome === 'no-answer') {
      if (present.length > 0) unansweredApplied += 1;
      else unansweredNotApplied += 1;
    }
    if (present.length > 0 && present.length < attempt.items.length)
      problems.push(
        `write ${attempt.id} (${attempt.kind}, ${attempt.outcome ?? 'unsent'}) is half there: ${present.length} of ${attempt.items.length} cases`,
      );
  }
  // The ledger compares stored documents with the generated templates; that is only right if a
  // template with its id and title filled in reads exactly as the text the clients sent.
  for (const attempt of (ledger?.writes ?? []).slice(0, 5)) {
    for (const item of attempt.items) {
      const parsed = parseDocuments(itemText(item), 'check.yaml');
      if (!parsed.ok || !isDeepStrictEqual(asStored(parsed.value[0]), asStored(itemDocument(item))))
        problems.push(`the ledger's document for ${item.slug} is not what its text reads as`);
    }
  }
  return {
    problems,
    cases: cases.length,
    revisions: revisionCount,
    acknowledged,
    unansweredApplied,
    unansweredNotApplied,
    applied: new Set([...found.keys()].map((key) => Number(key.split('/')[0]))),
  };
}
