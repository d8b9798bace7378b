/** Saving, reading and analysing cases: the rules of revisions, above the store and below the routes. */
import { createTwoFilesPatch } from 'diff';
import {
  RULEBOOK,
  analyseCase,
  type Analysis,
  type CaseFile,
  type TextProblem,
} from '../core/index.js';
import type {
  Author,
  NewRevision,
  Repositories,
  SaveResult,
  Store,
  StoredCase,
} from '../store/index.js';
import { caseIndex } from './case-index.js';
import { documentText, parseDocuments } from './case-documents.js';
import { newId } from './secrets.js';

export type ImportOutcome =
  | {
      readonly file: string;
      readonly ok: true;
      readonly cases: ReadonlyArray<{
        readonly id: string;
        readonly revision: number;
        readonly status: 'created' | 'updated' | 'unchanged';
      }>;
    }
  | { readonly file: string; readonly ok: false; readonly problems: readonly TextProblem[] };

export type CreateResult =
  | { readonly ok: true; readonly revision: number }
  | { readonly ok: false; readonly conflict: 'exists' };

const same = (a: CaseFile, b: CaseFile): boolean => JSON.stringify(a) === JSON.stringify(b);

export class CasesService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  private revision(document: CaseFile, author: Author, message: string): NewRevision {
    const analysis = analyseCase(document);
    return {
      document,
      index: caseIndex(document, analysis),
      analysis: JSON.stringify(analysis),
      author,
      message,
      now: this.now().toISOString(),
    };
  }

  create(
    workspaceId: string,
    document: CaseFile,
    author: Author,
    message: string,
    repos?: Repositories,
  ): Promise<CreateResult> {
    // The case row and its first revision are saved together, or not at all.
    if (!repos)
      return this.store.transaction((r) => this.create(workspaceId, document, author, message, r));
    return repos.cases
      .create(workspaceId, newId(), this.revision(document, author, message))
      .then((created) => (created ? { ok: true, revision: 1 } : { ok: false, conflict: 'exists' }));
  }

  save(
    uuid: string,
    expected: number,
    document: CaseFile,
    author: Author,
    message: string,
    repos?: Repositories,
  ): Promise<SaveResult> {
    // Readers never see the new revision number before the revision itself.
    if (!repos)
      return this.store.transaction((r) => this.save(uuid, expected, document, author, message, r));
    return repos.cases.save(uuid, expected, this.revision(document, author, message));
  }

  /** The analysis of a revision, computed once per revision and rulebook and then kept. */
  async analysis(uuid: string, revision: number, document: CaseFile): Promise<Analysis> {
    return JSON.parse(await this.analysisJson(uuid, revision, document)) as Analysis;
  }

  /** The same analysis as the JSON text that is kept, to send as it is. */
  async analysisJson(uuid: string, revision: number, document: CaseFile): Promise<string> {
    const kept = await this.store.cases.analysis(uuid, revision, RULEBOOK.version);
    if (kept !== undefined) return kept;
    const analysis = analyseCase(document);
    const json = JSON.stringify(analysis);
    await this.store.cases.putAnalysis(uuid, revision, analysis.rulebook, json);
    return json;
  }

  /**
   * Imports files of cases. Each file is all-or-nothing: if any case in it has a mistake, or
   * cannot be saved, nothing from that file is kept. A case whose id exists gets a new revision.
   */
  async importFiles(
    workspaceId: string,
    files: ReadonlyArray<{ readonly name: string; readonly text: string }>,
    author: Author,
  ): Promise<ImportOutcome[]> {
    const outcomes: ImportOutcome[] = [];
    for (const { name, text } of files) {
      const parsed = parseDocuments(text, name);
      if (!parsed.ok) {
        outcomes.push({ file: name, ok: false, problems: parsed.error });
        continue;
      }
      const ids = parsed.value.map((d) => d.id);
      const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
      if (repeated !== undefined) {
        outcomes.push({
          file: name,
          ok: false,
          problems: [
            {
              file: name,
              field: 'id',
              message: `the case id '${repeated}' appears twice in this file`,
            },
          ],
        });
        continue;
      }
      const message = `Imported from ${name}`;
      const cases = await this.store
        .transaction(async (repos) => {
          const done: Array<{
            id: string;
            revision: number;
            status: 'created' | 'updated' | 'unchanged';
          }> = [];
          for (const document of parsed.value) {
            const existing = await repos.cases.get(workspaceId, document.id);
            const located = await repos.cases.locate(workspaceId, document.id);
            if (!existing || !located) {
              await this.create(workspaceId, document, author, message, repos);
              done.push({ id: document.id, revision: 1, status: 'created' });
            } else if (located.deleted) {
              throw new ImportConflict(name, document.id);
            } else if (same(existing.document, document)) {
              done.push({ id: document.id, revision: existing.revision, status: 'unchanged' });
            } else {
              const saved = await this.save(
                located.uuid,
                located.revision,
                document,
                author,
                message,
                repos,
              );
              if (!saved.ok) throw new ImportConflict(name, document.id);
              done.push({ id: document.id, revision: saved.revision, status: 'updated' });
            }
          }
          return done;
        })
        .catch((error: unknown) => {
          if (error instanceof ImportConflict) return error;
          throw error;
        });
      if (cases instanceof ImportConflict) {
        outcomes.push({ file: name, ok: false, problems: [cases.problem()] });
      } else outcomes.push({ file: name, ok: true, cases });
    }
    return outcomes;
  }

  /** Every case in a workspace at its current revision, in title order, read a page at a time. */
  async *everyCase(
    workspaceId: string,
  ): AsyncGenerator<{ readonly uuid: string; readonly stored: StoredCase }> {
    const PAGE = 500;
    for (let offset = 0; ; offset += PAGE) {
      const items = await this.store.cases.page(workspaceId, {
        limit: PAGE,
        offset,
        sort: 'title',
      });
      for (const item of items) {
        const located = await this.store.cases.locate(workspaceId, item.id);
        const stored = await this.store.cases.get(workspaceId, item.id);
        if (located && stored) yield { uuid: located.uuid, stored };
      }
      if (items.length < PAGE) return;
    }
  }

  /** A unified diff between two revisions' canonical YAML, for people to read. */
  async diff(uuid: string, slug: string, from: number, to: number): Promise<string | undefined> {
    const [a, b] = await Promise.all([
      this.store.cases.revision(uuid, from),
      this.store.cases.revision(uuid, to),
    ]);
    if (!a || !b) return undefined;
    return createTwoFilesPatch(
      `${slug}@${from}.yaml`,
      `${slug}@${to}.yaml`,
      documentText(a.document, 'yaml'),
      documentText(b.document, 'yaml'),
      `revision ${from}`,
      `revision ${to}`,
    );
  }

  /** Brings list columns computed under an older rulebook up to date (after an upgrade). */
  async reindexStale(rulebook: string): Promise<number> {
    let done = 0;
    const seen = new Set<string>();
    for (;;) {
      const stale = (await this.store.cases.staleIndexes(rulebook, 200)).filter(
        (s) => !seen.has(s.uuid),
      );
      if (stale.length === 0) return done;
      for (const { uuid, revision } of stale) {
        // A row that cannot be brought up to date is met once, never looped on.
        seen.add(uuid);
        const stored = await this.store.cases.revision(uuid, revision);
        if (!stored) continue;
        const analysis = analyseCase(stored.document);
        await this.store.cases.reindex(
          uuid,
          revision,
          caseIndex(stored.document, analysis),
          JSON.stringify(analysis),
        );
        done += 1;
      }
    }
  }
}

class ImportConflict extends Error {
  constructor(
    readonly file: string,
    readonly id: string,
  ) {
    super(`conflict on ${id}`);
  }

  problem(): TextProblem {
    return {
      file: this.file,
      field: 'id',
      message: `the case '${this.id}' is in the bin or was changed by someone else while importing; restore it or try again (nothing from this file was saved)`,
    };
  }
}

export type { StoredCase };
