/** Finds a case the caller may see, or answers 404 (the same answer whether it is missing or hidden). */
import type { CaseFile } from '../../core/index.js';
import type { StoredCase } from '../../store/index.js';
import { requireAccess, type Access, type Caller, type Right } from '../access.js';
import type { AppContext } from '../app.js';
import { HttpProblem, notFound } from '../problem.js';

export interface LoadedCase {
  readonly access: Access;
  readonly uuid: string;
  readonly stored: StoredCase;
}

export async function loadCase(
  ctx: AppContext,
  caller: Caller,
  workspaceId: string,
  slug: string,
  right: Right,
  options: { readonly inBin?: boolean } = {},
): Promise<LoadedCase> {
  const access = await requireAccess(ctx.store, caller, workspaceId, right);
  const located = await ctx.store.cases.locate(access.workspace.id, slug);
  if (!located) throw notFound('case');
  if (located.deleted !== (options.inBin ?? false)) {
    throw new HttpProblem(
      404,
      located.deleted
        ? 'This case is in the bin. Restore it to see or change it.'
        : 'This case is not in the bin.',
    );
  }
  const stored = await ctx.store.cases.get(access.workspace.id, slug);
  if (!stored) throw notFound('case');
  return { access, uuid: located.uuid, stored };
}

/** A case as the API shows it. */
export const caseView = (stored: StoredCase) => ({
  workspace: stored.workspaceId,
  id: stored.id,
  revision: stored.revision,
  title: stored.title,
  summary: stored.summary,
  period: stored.period,
  fits: stored.fits,
  shared: stored.shared,
  updatedAt: stored.updatedAt,
  deletedAt: stored.deletedAt,
  document: stored.document,
});

/** Two documents say the same thing (the canonical form makes key order irrelevant). */
export const sameDocument = (a: CaseFile, b: CaseFile): boolean =>
  JSON.stringify(a) === JSON.stringify(b);
