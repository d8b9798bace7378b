/**
 * A draft being written: the document as it is now, saved shortly after every change and at once on
 * every move between steps, and the step reached, kept with the draft on the server, so leaving and
 * coming back (from any browser) loses nothing and resumes there.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Analysis, FieldProblem, Problem } from '../api.js';
import type { DraftCase } from './document.js';
import { draftsApi, type DraftView } from './drafts-api.js';

export type SaveStatus =
  | { readonly kind: 'saved' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'failed'; readonly problem: Problem };

export interface Checked {
  readonly problems: readonly FieldProblem[];
  readonly analysis: Analysis | null;
}

export interface DraftState {
  readonly draft: DraftView;
  readonly doc: DraftCase;
  readonly checked: Checked;
  readonly status: SaveStatus;
  change(next: DraftCase): void;
  /** Saves now if anything is unsaved; resolves true once everything is saved. */
  flush(): Promise<boolean>;
  /** Keeps `step` as the place to resume at; moves made quickly are saved in order, the last one last. */
  rememberStep(step: string): void;
}

const DELAY = 500;

export function useDraft(workspace: string, id: string): DraftState | Problem | undefined {
  const [loaded, setLoaded] = useState<DraftView | Problem>();
  const [doc, setDoc] = useState<DraftCase>();
  const [checked, setChecked] = useState<Checked>({ problems: [], analysis: null });
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved' });
  const latest = useRef<DraftCase | undefined>(undefined);
  const saved = useRef<DraftCase | undefined>(undefined);
  const saving = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const stepSaved = useRef<string | null>(null);
  const stepWanted = useRef<string | null>(null);
  const stepSaving = useRef(false);

  useEffect(() => {
    let live = true;
    void draftsApi.get(workspace, id).then((r) => {
      if (!live) return;
      if (r.ok) {
        latest.current = r.value.document;
        saved.current = r.value.document;
        stepSaved.current = r.value.step;
        setDoc(r.value.document);
        setChecked({ problems: r.value.problems, analysis: r.value.analysis });
        setLoaded(r.value);
      } else setLoaded(r.problem);
    });
    return () => {
      live = false;
    };
  }, [workspace, id]);

  const saveNow = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    if (saving.current) await saving.current;
    const document = latest.current;
    if (document === undefined || document === saved.current) return true;
    setStatus({ kind: 'saving' });
    const run = draftsApi.save(workspace, id, document).then((r) => {
      if (!r.ok) {
        setStatus({ kind: 'failed', problem: r.problem });
        return false;
      }
      saved.current = document;
      setChecked({ problems: r.value.problems, analysis: r.value.analysis });
      return true;
    });
    saving.current = run;
    const ok = await run;
    saving.current = null;
    if (!ok) return false;
    // Answers given while that was saving are saved next.
    if (latest.current !== saved.current) return saveNow();
    setStatus({ kind: 'saved' });
    return true;
  }, [workspace, id]);

  const change = useCallback(
    (next: DraftCase) => {
      latest.current = next;
      setDoc(next);
      setStatus((s) => (s.kind === 'saving' ? s : { kind: 'pending' }));
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void saveNow(), DELAY);
    },
    [saveNow],
  );

  const rememberStep = useCallback(
    (step: string) => {
      stepWanted.current = step;
      if (stepSaving.current) return;
      stepSaving.current = true;
      void (async () => {
        // One request at a time, so an earlier move can never land after a later one.
        while (stepWanted.current !== null && stepWanted.current !== stepSaved.current) {
          const next: string = stepWanted.current;
          const r = await draftsApi.setStep(workspace, id, next);
          // A resume point that did not save is not worth an alarm: the answers are saved apart.
          if (!r.ok) break;
          stepSaved.current = next;
        }
        stepSaving.current = false;
      })();
    },
    [workspace, id],
  );

  // Leaving the page saves what is left; closing the tab with unsaved answers asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (latest.current !== saved.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      if (latest.current !== saved.current) void saveNow();
    };
  }, [saveNow]);

  if (loaded === undefined) return undefined;
  if (!('document' in loaded)) return loaded;
  return {
    draft: loaded,
    doc: doc ?? loaded.document,
    checked,
    status,
    change,
    flush: saveNow,
    rememberStep,
  };
}
