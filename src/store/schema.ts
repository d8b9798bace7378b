/** The tables, as Kysely sees them. Times are ISO 8601 text and JSON is text, on both databases. */
import type { ColumnType } from 'kysely';

export type Role = 'owner' | 'editor' | 'viewer';

export interface InstallationTable {
  /** Always 1: the single row whose insert decides who set up the installation. */
  id: number;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
  password_changed_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  /** 'library' is the public, read-only collection loaded from cases/. */
  kind: 'library' | 'team';
  created_at: string;
  /** Bumped by every write to the workspace's cases: a list's cached count is good while it stands. */
  cases_version: ColumnType<number, number | undefined, number>;
}

export interface MembersTable {
  workspace_id: string;
  user_id: string;
  role: Role;
  created_at: string;
}

export interface InvitationsTable {
  token_hash: string;
  /** The public handle owners list and withdraw it by; never derived from the secret. */
  id: string;
  workspace_id: string;
  role: Role;
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_by: string | null;
  accepted_at: string | null;
  /** When an owner withdrew it; a withdrawn link can no longer be used. */
  withdrawn_at: string | null;
}

export interface CasesTable {
  id: string;
  workspace_id: string;
  /** The case's own id (its `id` field), unique in a workspace. */
  slug: string;
  revision: number;
  title: string;
  summary: string | null;
  period_start: number | null;
  period_end: number | null;
  /** The rulebook version the fit columns were computed with. */
  rulebook: string;
  fit_co_production: string;
  fit_evidence_based_practice: string;
  fit_service_user_led: string;
  fit_community_involvement: string;
  fit_user_centred_design: string;
  /** Lower-case text searched by `q`: title, summary, setting, parties, components. */
  search_text: string;
  /** The reading's summary sentence, for cards in a list. */
  reading: string;
  /** The grid's shape (see core/grid-shape.ts), for finding similar cases. */
  shape: string;
  share_token_hash: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Values a case is filtered by that can be many: service domains, labels claimed, source kinds. */
export interface CaseTagsTable {
  case_id: string;
  tag: 'domain' | 'label' | 'source-kind';
  value: string;
}

export interface RevisionsTable {
  case_id: string;
  number: number;
  /** The canonical coprism/1 document as JSON. */
  document: string;
  author_id: string | null;
  author_name: string;
  message: string;
  created_at: string;
}

export interface DraftsTable {
  id: string;
  workspace_id: string;
  author_id: string;
  /** The case being changed, or null for a new case. */
  case_slug: string | null;
  /** The revision the change started from. */
  base_revision: number | null;
  /** The document so far, as JSON; it may be incomplete or invalid. */
  document: string;
  /** The interview step to resume at (a step key such as `p1-design`), or null for the first. */
  step: string | null;
  created_at: string;
  updated_at: string;
}

export interface AnalysesTable {
  case_id: string;
  revision: number;
  rulebook: string;
  analysis: string;
}

export interface Database {
  installation: InstallationTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  workspaces: WorkspacesTable;
  members: MembersTable;
  invitations: InvitationsTable;
  cases: CasesTable;
  case_tags: CaseTagsTable;
  revisions: RevisionsTable;
  analyses: AnalysesTable;
  drafts: DraftsTable;
}
