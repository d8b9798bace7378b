/**
 * Search words: the one part of the list's SQL that differs between the databases. A case matches
 * when its search text contains every word as typed (lower-cased, anywhere, even inside a longer
 * word), as `search_text LIKE '%word%'` finds it, but through an index: on SQLite an FTS5 table
 * with the trigram tokenizer (`case_search`, kept up to date by triggers), on PostgreSQL a pg_trgm
 * GIN index on `search_text` itself, which LIKE uses as it is. A word of fewer than three
 * characters has no trigram to look up, so SQLite matches it with LIKE.
 */
import { sql, type RawBuilder } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** `%` and `_` in a search word are letters, not wildcards. */
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const like = (word: string): RawBuilder<boolean> =>
  sql<boolean>`cases.search_text like ${likePattern(word)} escape '\\'`;

/** The words of a search, as they are matched: lower-cased, split at spaces. */
export const searchWords = (q: string): string[] => q.toLowerCase().split(/\s+/).filter(Boolean);

/** Conditions on `cases` that together mean "its search text contains every one of the words". */
export function containsWords(dialect: Dialect, words: readonly string[]): RawBuilder<boolean>[] {
  if (dialect === 'postgres') return words.map(like);
  const indexed = words.filter((word) => [...word].length >= 3);
  const conditions = words.filter((word) => [...word].length < 3).map(like);
  if (indexed.length > 0) {
    // Each word as an FTS5 string (quotes doubled): with trigrams, a string matches as a substring.
    const match = indexed.map((word) => `"${word.replace(/"/g, '""')}"`).join(' AND ');
    conditions.push(
      sql<boolean>`cases.id in (select case_id from case_search_keys where n in (select rowid from case_search where case_search match ${match}))`,
    );
  }
  return conditions;
}
