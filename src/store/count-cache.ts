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
  return JSON.stringify([
    workspaceId,
    query.deleted === true,
    searchWords(query.q ?? ''),
    query.fit ? [query.fit.model, [...new Set(query.fit.fits)].sort()] : null,
    query.domain ?? null,
    query.label ?? null,
    query.sourceKind ?? null,
    query.year ?? null,
  ]);
}

/** Counts by workspace and filter, the least recently used dropped past `size`. */
export class CountCache {
  private readonly kept: LRUCache<string, Kept>;

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

  /** How many counts are kept. */
  get size(): number {
    return this.kept.size;
  }
}
