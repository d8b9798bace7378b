/** What the store returns: domain types, never rows. */
import type { CaseFile, Fit, ModelId } from '../core/index.js';
import type { Role } from './schema.js';

export type { Role };

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface UserWithSecret extends User {
  readonly passwordHash: string;
  readonly passwordChangedAt: string;
}

export interface Session {
  readonly userId: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

export interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly kind: 'library' | 'team';
  readonly createdAt: string;
}

export interface Member {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly since: string;
}

export interface Invitation {
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly role: Role;
  readonly expiresAt: string;
  readonly acceptedAt: string | null;
  readonly withdrawnAt: string | null;
}

/** An invitation not yet used, withdrawn or expired, as its workspace's owners see it (no secret). */
export interface PendingInvitation {
  readonly id: string;
  readonly role: Role;
  /** Who made it: their name, or null when their account is gone. */
  readonly createdBy: { readonly id: string; readonly name: string | null };
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** The columns a case is listed, searched and filtered by, derived from its document and analysis. */
export interface CaseIndex {
  readonly title: string;
  readonly summary: string | null;
  readonly periodStart: number | null;
  readonly periodEnd: number | null;
  readonly rulebook: string;
  readonly fits: Readonly<Record<ModelId, Fit>>;
  readonly searchText: string;
  readonly reading: string;
  readonly shape: string;
  readonly domains: readonly string[];
  readonly labels: readonly string[];
  readonly sourceKinds: readonly string[];
}

export interface CaseListing {
  readonly workspaceId: string;
  readonly id: string;
  readonly title: string;
  readonly summary: string | null;
  readonly period: { readonly start: number | null; readonly end: number | null };
  readonly revision: number;
  readonly fits: Readonly<Record<ModelId, Fit>>;
  /** The reading's summary sentence. */
  readonly reading: string;
  readonly shared: boolean;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
}

export interface StoredCase extends CaseListing {
  readonly document: CaseFile;
}

export interface RevisionInfo {
  readonly number: number;
  readonly authorName: string;
  readonly message: string;
  readonly createdAt: string;
}

export interface StoredRevision extends RevisionInfo {
  readonly document: CaseFile;
}

/** Who made a change, as recorded with the revision. */
export interface Author {
  readonly id: string | null;
  readonly name: string;
}

export type SortKey = 'title' | 'updated' | 'period';

export interface CaseQuery {
  /** Words that must all appear in the title, summary, setting, parties or components. */
  readonly q?: string;
  readonly fit?: { readonly model: ModelId; readonly fits: readonly Fit[] };
  readonly domain?: string;
  readonly label?: string;
  readonly sourceKind?: string;
  /** Cases that ran in this year (start ≤ year ≤ end, open ends allowed). */
  readonly year?: number;
  readonly sort?: SortKey;
  readonly descending?: boolean;
  readonly limit: number;
  readonly offset: number;
  readonly deleted?: boolean;
}

/** How many cases match, counted up to a cap; `capped`: more than `total` match. */
export interface CaseCount {
  readonly total: number;
  readonly capped: boolean;
}

export interface CasePage extends CaseCount {
  readonly items: readonly CaseListing[];
}

export type SaveResult =
  | { readonly ok: true; readonly revision: number }
  | { readonly ok: false; readonly conflict: 'stale'; readonly current: number }
  | { readonly ok: false; readonly conflict: 'missing' };

export interface Draft {
  readonly id: string;
  readonly workspaceId: string;
  readonly authorId: string;
  /** The case being changed, or null for a new case. */
  readonly caseId: string | null;
  readonly baseRevision: number | null;
  readonly document: unknown;
  /** The interview step to resume at, or null for the first. */
  readonly step: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}
