/** The drafts API and the reading of a case's text, through api.ts's `request`. */
import { request, type Analysis, type CaseView, type FieldProblem } from '../api.js';
import type { DraftCase } from './document.js';

export interface DraftView {
  readonly id: string;
  /** The case this draft changes, or null for a new case. */
  readonly case: string | null;
  readonly baseRevision: number | null;
  readonly document: DraftCase;
  /** The interview step to resume at, kept with the draft; null for the first. */
  readonly step: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** What is still missing or wrong; empty once it is a valid case. */
  readonly problems: readonly FieldProblem[];
  /** The reading, once it is a valid case. */
  readonly analysis: Analysis | null;
}

export interface DraftListing {
  readonly id: string;
  readonly case: string | null;
  readonly title: string | null;
  readonly updatedAt: string;
}

const enc = encodeURIComponent;
const base = (ws: string) => `/api/workspaces/${enc(ws)}/drafts`;

export const draftsApi = {
  list: (ws: string) => request<{ drafts: DraftListing[] }>('GET', base(ws)),
  /** A draft of a new case, or (with `caseId`) of a change to a case from its current revision. */
  start: (ws: string, from: { document?: DraftCase; caseId?: string }) =>
    request<DraftView>('POST', base(ws), {
      ...(from.document ? { document: from.document } : {}),
      ...(from.caseId ? { case: from.caseId } : {}),
    }),
  get: (ws: string, id: string) => request<DraftView>('GET', `${base(ws)}/${enc(id)}`),
  save: (ws: string, id: string, document: DraftCase) =>
    request<DraftView>('PUT', `${base(ws)}/${enc(id)}`, { document }),
  /** Keeps the step to resume at, so any browser or device opens the draft there. */
  setStep: (ws: string, id: string, step: string) =>
    request<{ id: string; step: string }>('PATCH', `${base(ws)}/${enc(id)}`, { step }),
  remove: (ws: string, id: string) => request<undefined>('DELETE', `${base(ws)}/${enc(id)}`),
  publish: (ws: string, id: string, message?: string) =>
    request<CaseView>('POST', `${base(ws)}/${enc(id)}/publish`, message ? { message } : {}),
  /** Reads a case file's text as the CLI does: a 422 lists each problem with its line and column. */
  analyseText: (text: string) => request<Analysis>('POST', '/api/analyse', { text }),
};
