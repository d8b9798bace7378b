/**
 * Search words: the one part of the list's SQL that differs between the databases. A case matches
 * when its search text contains every word as typed (lower-cased, anywhere, even inside a longer
 * word), as `search_text LIKE '%word%'` finds it, but through an index: on SQLite an FTS5 table
 * with the trigram tokenizer (`case_search`, kept up to date by triggers), on PostgreSQL a pg_trgm
 * GIN index on `search_text` itself, which LIKE uses as it is. A word of fewer than three
 * characters has no trigram to look up, so SQLite matches it with LIKE.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** `%` and `_` in a search word are letters, not wildcards. */
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const like = (
  word: string,
  column: RawBuilder<unknown> = sql.ref('cases.search_text'),
): RawBuilder<boolean> => sql<boolean>`${column} like ${likePattern(word)} escape '\\'`;

/** Whether a word is looked up in SQLite's trigram index (a shorter one has no trigram). */
const indexed = (word: string): boolean => [...word].length >= 3;

/** The words of a search, as they are matched: lower-cased, split at spaces. */
export const searchWords = (q: string): string[] => q.toLowerCase().split(/\s+/).filter(Boolean);

/** The FTS5 query for the words SQLite looks up in its trigram index; undefined when there are none. */
export function trigramQuery(words: readonly string[]): string | undefined {
  // Each word as an FTS5 string (quotes doubled): with trigrams, a string matches as a substring.
  const strings = words.filter(indexed).map((word) => `"${word.replace(/"/g, '""')}"`);
  return strings.length > 0 ? strings.join(' AND ') : undefined;
}

/** Conditions on `cases` that together mean "its search text contains every one of the words". */
export function containsWords(dialect: Dialect, words: readonly string[]): RawBuilder<boolean>[] {
  if (dialect === 'postgres') return words.map((word) => like(word));
  const conditions = words.filter((word) => !indexed(word)).map((word) => like(word));
  const match = trigramQuery(words);
  if (match !== undefined)
    conditions.push(
      sql<boolean>`cases.id in (select case_id from case_search_keys where n in (select rowid from case_search where case_search match ${match}))`,
    );
  return conditions;
}

/**
 * The same conditions on SQLite, tested on each row's own `column` instead of looked up in the
 * index: for walking a list in order and stopping at the page's last match. A trigram match is a
 * case-sensitive substring, as `instr` finds it (the words and the search text are lower-cased).
 */
export function rowContainsWords(
  words: readonly string[],
  column: RawBuilder<unknown>,
): RawBuilder<boolean>[] {
  return words.map((word) =>
    indexed(word) ? sql<boolean>`instr(${column}, ${word}) > 0` : like(word, column),
  );
}

/**
 * How many cases of the whole installation (every workspace, the bin too) have the words in the
 * trigram index, counted no further than `cap`: a cheap look at how common they are, as the
 * index finds its matches one by one.
 */
export async function trigramMatches(
  db: Kysely<Database>,
  match: string,
  cap: number,
): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from case_search
    where case_search match ${match} limit ${cap})`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
