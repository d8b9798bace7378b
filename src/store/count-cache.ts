/**
 * The lists' match counts, kept per workspace and filter while the workspace's cases stay as they
 * were: each count is stored with the workspace's `cases_version` it was taken at, and is good
 * only while that version stands. Every write to a workspace's cases bumps the version in the
 * database (cases.repository.ts), so a write made by another process is seen too.
 */
import { LRUCache } from 'lru-cache';
import type { CaseCount, CaseQuery } from './types.js';
import { searchWords } from './word-search.js';

/** Counts kept at most, by default: a few hundred bytes each, so a few megabytes in all. */
export const COUNT_CACHE_SIZE = 5_000;

interface Kept {
  readonly version: number;
  readonly count: CaseCount;
}

/** What a count depends on: the filters and words as matched, never the order or the page. */
export function countKey(workspaceId: string, query: CaseQuery): string {
  // Everything but the order and the page, so a filter added to CaseQuery is in the key unasked.
  const { sort, descending, limit, offset, q, fit, deleted, ...filters } = query;
  return JSON.stringify([
    workspaceId,
    deleted === true,
    searchWords(q ?? ''),
    fit ? [fit.model, [...new Set(fit.fits)].sort()] : null,
    Object.entries(filters)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  ]);
}

/** Counts by workspace and filter, the least recently used dropped past `size`. */
export class CountCache {
  private readonly kept: LRUCache<string, Kept>;
  /** Counts being taken, so that requests arriving together share one instead of each counting. */
  private readonly counting = new Map<string, { version: number; count: Promise<CaseCount> }>();

  constructor(size = COUNT_CACHE_SIZE) {
    this.kept = new LRUCache({ max: size });
  }

  /** The count taken at `version`, if one is kept. */
  get(workspaceId: string, query: CaseQuery, version: number): CaseCount | undefined {
    const kept = this.kept.get(countKey(workspaceId, query));
    return kept?.version === version ? kept.count : undefined;
  }

  /** Keeps a count taken at `version`, in place of one taken at another version. */
  set(workspaceId: string, query: CaseQuery, version: number, count: CaseCount): void {
    const key = countKey(workspaceId, query);
    // A slow count that finishes after a newer one must not replace it.
    if ((this.kept.peek(key)?.version ?? -1) > version) return;
    this.kept.set(key, { version, count });
  }

  /**
   * The count kept at `version`, or one taken by `take` and kept at the version it saw. Requests
   * that find the same workspace version while a count is being taken wait for that count: it
   * saw their cases as they are (no write has committed since they read the version).
   */
  async count(
    workspaceId: string,
    query: CaseQuery,
    version: number,
    take: () => Promise<CaseCount & { readonly version: number | null }>,
  ): Promise<CaseCount> {
    const kept = this.get(workspaceId, query, version);
    if (kept) return kept;
    const key = countKey(workspaceId, query);
    const taking = this.counting.get(key);
    if (taking?.version === version) return taking.count;
    const count = take().then(({ version: seen, ...taken }) => {
      if (seen !== null) this.set(workspaceId, query, seen, taken);
      return taken;
    });
    this.counting.set(key, { version, count });
    try {
      return await count;
    } finally {
      if (this.counting.get(key)?.count === count) this.counting.delete(key);
    }
  }

  /** How many counts are kept. */
  get size(): number {
    return this.kept.size;
  }
}
