/** Cases and their revisions. Every save adds a revision; nothing is overwritten. */
import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { CaseFile, Fit, ModelId } from '../core/index.js';
import type { CasesTable, Database } from './schema.js';
import type {
  Author,
  CaseIndex,
  CaseListing,
  CaseCount,
  CasePage,
  CaseQuery,
  RevisionInfo,
  SaveResult,
  StoredCase,
  StoredRevision,
} from './types.js';
import type { CountCache } from './count-cache.js';
import {
  containsWords,
  rowContainsWords,
  searchWords,
  trigramMatches,
  trigramQuery,
  type Dialect,
} from './word-search.js';

/** Lists count their matches up to this many; past it, they say "more than 10,000". */
export const COUNT_CAP = 10_000;

const FIT_COLUMNS = {
  'co-production': 'fit_co_production',
  'evidence-based-practice': 'fit_evidence_based_practice',
  'service-user-led': 'fit_service_user_led',
  'community-involvement': 'fit_community_involvement',
  'user-centred-design': 'fit_user_centred_design',
} as const satisfies Record<ModelId, keyof CasesTable>;

const LISTING_COLUMNS = [
  'id',
  'workspace_id',
  'slug',
  'revision',
  'title',
  'summary',
  'period_start',
  'period_end',
  'fit_co_production',
  'fit_evidence_based_practice',
  'fit_service_user_led',
  'fit_community_involvement',
  'fit_user_centred_design',
  'reading',
  'share_token_hash',
  'updated_at',
  'deleted_at',
] as const;

type ListingRow = Pick<Selectable<CasesTable>, (typeof LISTING_COLUMNS)[number]>;

const toListing = (row: ListingRow): CaseListing => ({
  workspaceId: row.workspace_id,
  id: row.slug,
  title: row.title,
  summary: row.summary,
  period: { start: row.period_start, end: row.period_end },
  revision: row.revision,
  fits: {
    'co-production': row.fit_co_production as Fit,
    'evidence-based-practice': row.fit_evidence_based_practice as Fit,
    'service-user-led': row.fit_service_user_led as Fit,
    'community-involvement': row.fit_community_involvement as Fit,
    'user-centred-design': row.fit_user_centred_design as Fit,
  },
  reading: row.reading,
  shared: row.share_token_hash !== null,
  updatedAt: row.updated_at,
  deletedAt: row.deleted_at,
});

const indexColumns = (index: CaseIndex) => ({
  title: index.title,
  summary: index.summary,
  period_start: index.periodStart,
  period_end: index.periodEnd,
  rulebook: index.rulebook,
  fit_co_production: index.fits['co-production'],
  fit_evidence_based_practice: index.fits['evidence-based-practice'],
  fit_service_user_led: index.fits['service-user-led'],
  fit_community_involvement: index.fits['community-involvement'],
  fit_user_centred_design: index.fits['user-centred-design'],
  search_text: index.searchText,
  reading: index.reading,
  shape: index.shape,
});

/** SQLite: words in fewer cases than this (in the whole installation) are found in the index first. */
const FEW = 1_000;
/** SQLite: a page of words in more cases is first looked for among this many rows of the list. */
const PROBED = 250;
/** SQLite: the first rows are tried for the pages that end within this many matches of the top. */
const PROBED_PAGES = 100;

/** A query in the list's order: the sort asked for, then title and id, which decide ties. */
function ordered<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  { sort, descending }: CaseQuery,
): SelectQueryBuilder<DB, TB, O> {
  const direction = descending ? 'desc' : 'asc';
  const order = [
    ...(sort === 'updated' ? [sql.ref('updated_at')] : []),
    ...(sort === 'period' ? [sql.ref('period_start')] : []),
    sql`lower(title)`,
    sql.ref('slug'),
  ];
  let out = query;
  for (const key of order) out = out.orderBy(key, direction);
  return out;
}

/** One page of a query, in the list's order. */
const pageOf = <DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: CaseQuery,
) => ordered(query, page).limit(page.limit).offset(page.offset);

export interface NewRevision {
  readonly document: CaseFile;
  readonly index: CaseIndex;
  /** The analysis of this revision under `index.rulebook`, as JSON. */
  readonly analysis: string;
  readonly author: Author;
  readonly message: string;
  readonly now: string;
}

export class CasesRepository {
  /**
   * @param counts Lists' counts kept between requests: only for a repository outside any
   * transaction, which sees committed cases only (a count taken inside one could be rolled back).
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
    private readonly counts?: CountCache,
  ) {}

  /**
   * Runs a write to cases in a transaction (this one, or a new one), after bumping the
   * workspace's `cases_version`: the bump and the write are committed together, so no reader
   * keeps a count under the new version taken before the write. Bumping first also takes the
   * workspace's row lock before any case's, the same order in every writer: on PostgreSQL two
   * writers (an import saving cases another writer is saving) then queue instead of deadlocking.
   */
  private async written<T>(
    workspace: { readonly workspaceId: string } | { readonly caseId: string },
    work: (cases: CasesRepository) => Promise<T>,
  ): Promise<T> {
    if (!this.db.isTransaction)
      return this.db
        .transaction()
        .execute((trx) => new CasesRepository(trx, this.dialect).written(workspace, work));
    await this.db
      .updateTable('workspaces')
      .set((eb) => ({ cases_version: eb('cases_version', '+', 1) }))
      .where(
        'id',
        '=',
        'workspaceId' in workspace
          ? workspace.workspaceId
          : this.db.selectFrom('cases').select('workspace_id').where('id', '=', workspace.caseId),
      )
      .execute();
    return work(this);
  }

  /** Creates a case with its first revision; false when the workspace already has a case with this id. */
  create(workspaceId: string, uuid: string, revision: NewRevision): Promise<boolean> {
    return this.written({ workspaceId }, (cases) => cases.insert(workspaceId, uuid, revision));
  }

  private async insert(workspaceId: string, uuid: string, revision: NewRevision): Promise<boolean> {
    // ON CONFLICT rather than catching the error: on PostgreSQL an error spoils the whole transaction.
    const inserted = await this.db
      .insertInto('cases')
      .values({
        id: uuid,
        workspace_id: workspaceId,
        slug: revision.document.id,
        revision: 1,
        ...indexColumns(revision.index),
        share_token_hash: null,
        deleted_at: null,
        created_at: revision.now,
        updated_at: revision.now,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'slug']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await this.addRevision(uuid, 1, revision);
    return true;
  }

  /**
   * Saves a new revision if the case is still at `expected` (optimistic concurrency):
   * the conditional update is the lock, so two writers can never both win.
   */
  save(uuid: string, expected: number, revision: NewRevision): Promise<SaveResult> {
    return this.written({ caseId: uuid }, (cases) => cases.update(uuid, expected, revision));
  }

  private async update(uuid: string, expected: number, revision: NewRevision): Promise<SaveResult> {
    const result = await this.db
      .updateTable('cases')
      .set({ revision: expected + 1, ...indexColumns(revision.index), updated_at: revision.now })
      .where('id', '=', uuid)
      .where('revision', '=', expected)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      const row = await this.db
        .selectFrom('cases')
        .select(['revision', 'deleted_at'])
        .where('id', '=', uuid)
        .executeTakeFirst();
      if (!row || row.deleted_at !== null) return { ok: false, conflict: 'missing' };
      return { ok: false, conflict: 'stale', current: row.revision };
    }
    await this.addRevision(uuid, expected + 1, revision);
    return { ok: true, revision: expected + 1 };
  }

  private async addRevision(uuid: string, number: number, revision: NewRevision): Promise<void> {
    await this.db
      .insertInto('revisions')
      .values({
        case_id: uuid,
        number,
        document: JSON.stringify(revision.document),
        author_id: revision.author.id,
        author_name: revision.author.name,
        message: revision.message,
        created_at: revision.now,
      })
      .execute();
    await this.db.deleteFrom('case_tags').where('case_id', '=', uuid).execute();
    const tags = [
      ...new Set(revision.index.domains.map((v) => `domain\u0000${v}`)),
      ...new Set(revision.index.labels.map((v) => `label\u0000${v}`)),
      ...new Set(revision.index.sourceKinds.map((v) => `source-kind\u0000${v}`)),
    ].map((key) => {
      const [tag, value] = key.split('\u0000') as ['domain' | 'label' | 'source-kind', string];
      return { case_id: uuid, tag, value };
    });
    if (tags.length > 0) await this.db.insertInto('case_tags').values(tags).execute();
    await this.putAnalysis(uuid, number, revision.index.rulebook, revision.analysis);
  }

  /** The internal id and current revision of a case, in the bin or not. */
  async locate(
    workspaceId: string,
    slug: string,
  ): Promise<{ uuid: string; revision: number; deleted: boolean } | undefined> {
    const row = await this.db
      .selectFrom('cases')
      .select(['id', 'revision', 'deleted_at'])
      .where('workspace_id', '=', workspaceId)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row && { uuid: row.id, revision: row.revision, deleted: row.deleted_at !== null };
  }

  /** The case at its current revision. */
  async get(workspaceId: string, slug: string): Promise<StoredCase | undefined> {
    const row = await this.db
      .selectFrom('cases')
      .innerJoin('revisions', (join) =>
        join
          .onRef('revisions.case_id', '=', 'cases.id')
          .onRef('revisions.number', '=', 'cases.revision'),
      )
      .select(LISTING_COLUMNS.map((c) => `cases.${c}` as const))
      .select('revisions.document')
      .where('cases.workspace_id', '=', workspaceId)
      .where('cases.slug', '=', slug)
      .executeTakeFirst();
    return row && { ...toListing(row), document: JSON.parse(row.document) as CaseFile };
  }

  async byShareToken(tokenHash: string): Promise<StoredCase | undefined> {
    const row = await this.db
      .selectFrom('cases')
      .select(['workspace_id', 'slug'])
      .where('share_token_hash', '=', tokenHash)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row && this.get(row.workspace_id, row.slug);
  }

  async setShareToken(uuid: string, tokenHash: string | null): Promise<void> {
    await this.db
      .updateTable('cases')
      .set({ share_token_hash: tokenHash })
      .where('id', '=', uuid)
      .execute();
  }

  /** A page of a workspace's cases and how many match in all. */
  async list(workspaceId: string, query: CaseQuery): Promise<CasePage> {
    // The page and the total are two queries: a window count would read every matching row in
    // full before the limit, where the page alone reads only its rows, in index order.
    const items = await this.page(workspaceId, query);
    // A short first page is the whole list: no need to count.
    const counted =
      query.offset === 0 && items.length < query.limit
        ? { total: items.length, capped: false }
        : await this.keptCount(workspaceId, query);
    return { ...counted, items };
  }

  /** The count kept from an earlier list while the workspace's cases are unchanged, or a new one. */
  private async keptCount(workspaceId: string, query: CaseQuery): Promise<CaseCount> {
    if (!this.counts) return this.count(workspaceId, query);
    const workspace = await this.db
      .selectFrom('workspaces')
      .select('cases_version')
      .where('id', '=', workspaceId)
      .executeTakeFirst();
    if (!workspace) return this.count(workspaceId, query);
    return this.counts.count(workspaceId, query, Number(workspace.cases_version), () =>
      this.versionedCount(workspaceId, query),
    );
  }

  /** The cases of one page of the list, in the order asked for. */
  async page(workspaceId: string, query: CaseQuery): Promise<CaseListing[]> {
    const words = this.dialect === 'sqlite' ? searchWords(query.q ?? '') : [];
    if (words.length > 0) {
      if (await this.fewMatches(words))
        return this.rows(
          pageOf(this.matching(workspaceId, query, true).select('cases.id'), query),
          query,
        );
      if (query.offset + query.limit <= PROBED_PAGES) {
        const probed = await this.probe(workspaceId, query, words);
        if (probed.length === query.limit) return probed;
      }
    }
    // The page's ids first, from the list's index alone, then their rows: skipping to a deep page
    // then steps over index entries, not over the rows of every case before it.
    return this.rows(pageOf(this.matching(workspaceId, query).select('cases.id'), query), query);
  }

  /**
   * SQLite, words in most cases: the first PROBED rows of the list without the words, each tested
   * for them, in order. Looking the words up in the index would find tens of thousands of cases
   * before choosing 20 of them; here a full page is found within the first few dozen rows. The
   * matches among the first rows come first among all matches, so a full page is the right one;
   * a page the probe leaves short is looked for in the whole list.
   */
  private probe(workspaceId: string, query: CaseQuery, words: readonly string[]) {
    const first = ordered(
      this.matching(workspaceId, { ...query, q: '' }).select([
        'cases.id',
        'cases.title',
        'cases.slug',
        'cases.updated_at',
        'cases.period_start',
        'cases.search_text',
      ]),
      query,
    ).limit(PROBED);
    let found = this.db.selectFrom(first.as('first')).select('first.id');
    for (const condition of rowContainsWords(words, sql.ref('first.search_text')))
      found = found.where(condition);
    return this.rows(pageOf(found, query), query);
  }

  /** SQLite: whether the words are in so few cases that finding them in the index first is cheapest. */
  private async fewMatches(words: readonly string[]): Promise<boolean> {
    const match = trigramQuery(words);
    return match !== undefined && (await trigramMatches(this.db, match, FEW)) < FEW;
  }

  /** The rows of a page, fetched by the ids found first (from the list's index alone, mostly). */
  private async rows<DB, TB extends keyof DB>(
    ids: SelectQueryBuilder<DB, TB, { id: string }>,
    query: CaseQuery,
  ) {
    const rows = ordered(
      this.db.selectFrom('cases').select(LISTING_COLUMNS).where('id', 'in', ids),
      query,
    );
    return (await rows.execute()).map(toListing);
  }

  /**
   * How many cases match the query's words and filters, counting no further than COUNT_CAP:
   * `capped` says there are more. Counting every match of a common word among 100,000 cases
   * would read them all.
   */
  async count(workspaceId: string, query: CaseQuery): Promise<CaseCount> {
    const { total, capped } = await this.versionedCount(workspaceId, query);
    return { total, capped };
  }

  /** The count and the workspace's `cases_version` it was taken at, in one statement: one view. */
  private async versionedCount(
    workspaceId: string,
    query: CaseQuery,
  ): Promise<CaseCount & { version: number | null }> {
    const words = this.dialect === 'sqlite' ? searchWords(query.q ?? '') : [];
    const wordsFirst = words.length > 0 && (await this.fewMatches(words));
    const matches = this.matching(workspaceId, query, wordsFirst)
      .select(sql<number>`1`.as('one'))
      .limit(COUNT_CAP + 1);
    const row = await this.db
      .selectFrom(matches.as('matches'))
      .select((eb) => [
        eb.fn.countAll<string | number>().as('n'),
        eb
          .selectFrom('workspaces')
          .select('cases_version')
          .where('id', '=', workspaceId)
          .as('version'),
      ])
      .executeTakeFirstOrThrow();
    const n = Number(row.n);
    return {
      total: Math.min(n, COUNT_CAP),
      capped: n > COUNT_CAP,
      version: row.version === null ? null : Number(row.version),
    };
  }

  /**
   * The cases of a workspace that match the query's words and filters, unordered. `wordsFirst`
   * (SQLite, words in few cases): the unary `+` keeps the planner from walking the workspace's
   * list index, so that it starts from the cases the word index finds.
   */
  private matching(workspaceId: string, query: CaseQuery, wordsFirst = false) {
    let base = this.db
      .selectFrom('cases')
      .where(
        wordsFirst && this.dialect === 'sqlite'
          ? sql<string>`+cases.workspace_id`
          : sql.ref('cases.workspace_id'),
        '=',
        workspaceId,
      )
      .where('deleted_at', query.deleted ? 'is not' : 'is', null);
    for (const condition of containsWords(this.dialect, searchWords(query.q ?? '')))
      base = base.where(condition);
    if (query.fit) base = base.where(FIT_COLUMNS[query.fit.model], 'in', [...query.fit.fits]);
    const tagFilters = [
      ['domain', query.domain],
      ['label', query.label],
      ['source-kind', query.sourceKind],
    ] as const;
    for (const [tag, value] of tagFilters) {
      if (value === undefined) continue;
      // IN rather than EXISTS: the set is found once by the tag index, not once per case.
      base = base.where('cases.id', 'in', (eb) =>
        eb
          .selectFrom('case_tags')
          .select('case_tags.case_id')
          .where('case_tags.tag', '=', tag)
          .where('case_tags.value', '=', value),
      );
    }
    if (query.year !== undefined) {
      const year = query.year;
      base = base.where((eb) =>
        eb.and([
          eb.or([eb('period_start', 'is not', null), eb('period_end', 'is not', null)]),
          eb.or([eb('period_start', 'is', null), eb('period_start', '<=', year)]),
          eb.or([eb('period_end', 'is', null), eb('period_end', '>=', year)]),
        ]),
      );
    }
    return base;
  }

  /** Moves a case to the bin; false when it is not there to move. */
  moveToBin(uuid: string, now: string): Promise<boolean> {
    return this.written({ caseId: uuid }, async (cases) => {
      const result = await cases.db
        .updateTable('cases')
        .set({ deleted_at: now, share_token_hash: null })
        .where('id', '=', uuid)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  restoreFromBin(uuid: string): Promise<boolean> {
    return this.written({ caseId: uuid }, async (cases) => {
      const result = await cases.db
        .updateTable('cases')
        .set({ deleted_at: null })
        .where('id', '=', uuid)
        .where('deleted_at', 'is not', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  async revisions(uuid: string): Promise<RevisionInfo[]> {
    const rows = await this.db
      .selectFrom('revisions')
      .select(['number', 'author_name', 'message', 'created_at'])
      .where('case_id', '=', uuid)
      .orderBy('number', 'desc')
      .execute();
    return rows.map((r) => ({
      number: r.number,
      authorName: r.author_name,
      message: r.message,
      createdAt: r.created_at,
    }));
  }

  async revision(uuid: string, number: number): Promise<StoredRevision | undefined> {
    const row = await this.db
      .selectFrom('revisions')
      .selectAll()
      .where('case_id', '=', uuid)
      .where('number', '=', number)
      .executeTakeFirst();
    return (
      row && {
        number: row.number,
        authorName: row.author_name,
        message: row.message,
        createdAt: row.created_at,
        document: JSON.parse(row.document) as CaseFile,
      }
    );
  }

  async analysis(uuid: string, revision: number, rulebook: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('analyses')
      .select('analysis')
      .where('case_id', '=', uuid)
      .where('revision', '=', revision)
      .where('rulebook', '=', rulebook)
      .executeTakeFirst();
    return row?.analysis;
  }

  async putAnalysis(
    uuid: string,
    revision: number,
    rulebook: string,
    analysis: string,
  ): Promise<void> {
    await this.db
      .insertInto('analyses')
      .values({ case_id: uuid, revision, rulebook, analysis })
      .onConflict((oc) => oc.columns(['case_id', 'revision', 'rulebook']).doNothing())
      .execute();
  }

  /** Cases whose list columns were computed under another rulebook, to bring up to date. */
  async staleIndexes(
    rulebook: string,
    limit: number,
  ): Promise<Array<{ uuid: string; revision: number }>> {
    const rows = await this.db
      .selectFrom('cases')
      .select(['id', 'revision'])
      .where('rulebook', '!=', rulebook)
      .limit(limit)
      .execute();
    return rows.map((r) => ({ uuid: r.id, revision: r.revision }));
  }

  /** Every case's grid shape in a workspace, for finding similar cases. */
  async shapes(workspaceId: string): Promise<Array<{ id: string; title: string; shape: string }>> {
    const rows = await this.db
      .selectFrom('cases')
      .select(['slug', 'title', 'shape'])
      .where('workspace_id', '=', workspaceId)
      .where('deleted_at', 'is', null)
      .execute();
    return rows.map((r) => ({ id: r.slug, title: r.title, shape: r.shape }));
  }

  /** Brings a case's list columns up to date; they are what lists filter on, so counts change. */
  reindex(uuid: string, revision: number, index: CaseIndex, analysis: string): Promise<void> {
    return this.written({ caseId: uuid }, async (cases) => {
      await cases.db
        .updateTable('cases')
        .set(indexColumns(index))
        .where('id', '=', uuid)
        .where('revision', '=', revision)
        .execute();
      await cases.putAnalysis(uuid, revision, index.rulebook, analysis);
    });
  }
}
