/** The public case library: the cases in a folder, kept in a read-only workspace that anyone can read. */
import { parseCaseText, type CaseFile, formatTextProblem } from '../core/index.js';
import type { Author, Store, Workspace } from '../store/index.js';
import type { CasesService } from './cases.service.js';

export const LIBRARY_ID = 'library';
const LIBRARIAN: Author = { id: null, name: 'Coprism case library' };

export interface LibraryFile {
  readonly name: string;
  readonly text: string;
}

export interface LibraryLoad {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Files that could not be read, each as one line a person can act on. */
  readonly problems: readonly string[];
}

/** Brings the library workspace up to date with the files; safe to run from several processes at once. */
export async function loadLibrary(
  store: Store,
  cases: CasesService,
  files: readonly LibraryFile[],
  now: Date,
): Promise<LibraryLoad> {
  if (!(await store.workspaces.byId(LIBRARY_ID))) {
    const library: Workspace = {
      id: LIBRARY_ID,
      name: 'Case library',
      kind: 'library',
      createdAt: now.toISOString(),
    };
    await store.workspaces.create(library).catch(async (error: unknown) => {
      // Another process created it first.
      if (!(await store.workspaces.byId(LIBRARY_ID))) throw error;
    });
  }
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const problems: string[] = [];
  for (const file of files) {
    const read = parseCaseText(file.text, file.name);
    if (!read.ok) {
      problems.push(...read.error.map(formatTextProblem));
      continue;
    }
    const document: CaseFile = read.value;
    const existing = await store.cases.get(LIBRARY_ID, document.id);
    const located = await store.cases.locate(LIBRARY_ID, document.id);
    if (!existing || !located) {
      const result = await cases.create(
        LIBRARY_ID,
        document,
        LIBRARIAN,
        `Loaded from ${file.name}`,
      );
      if (result.ok) created += 1;
      else unchanged += 1;
    } else if (JSON.stringify(existing.document) === JSON.stringify(document)) {
      unchanged += 1;
    } else {
      const result = await cases.save(
        located.uuid,
        located.revision,
        document,
        LIBRARIAN,
        `Updated from ${file.name}`,
      );
      if (result.ok) updated += 1;
      else unchanged += 1;
    }
  }
  return { created, updated, unchanged, problems };
}
