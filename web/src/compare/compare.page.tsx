/** Two or more cases side by side: how each model fits, and who did what by kind of party × stage. */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, type CaseListing, type CaseView, type Problem, type Workspace } from '../api.js';
import { LIBRARY, paths } from '../paths.js';
import { Link, navigate, takeMoved, useLocation } from '../router.js';
import { useSession } from '../session.js';
import { announce } from '../ui/announcer.js';
import { Term } from '../glossary/term.js';
import { FitBadge } from '../ui/fit-badge.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { LevelShape } from '../ui/shapes.js';
import { useRovingFocus } from '../ui/use-roving-focus.js';
import { CompareKey } from './compare-key.js';
import {
  MODELS,
  STAGES,
  capitalise,
  levelState,
  modelName,
  partyKindWords,
  stageHeading,
  type PartyKind,
} from '../words.js';
import {
  comparePath,
  kindGrid,
  kindsIn,
  refKey,
  refsOf,
  sameCell,
  type CaseRef,
  type KindCell,
  type KindGrid,
} from './compare-grid.js';
import './compare.css';

/** More columns than this would not be side by side on any screen. */
const MOST = 6;

type Loaded = CaseView | Problem;

export function ComparePage() {
  const { query } = useLocation();
  const refs = refsOf(query);
  const keys = refs.map(refKey).join(' ');
  const [loaded, setLoaded] = useState<ReadonlyMap<string, Loaded>>(new Map());
  const chosenHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    for (const ref of refsOf(new URLSearchParams(keys.split(' ').map((k) => ['case', k])))) {
      if (loaded.has(refKey(ref))) continue;
      void api.case(ref.workspace, ref.id).then((r) => {
        if (live) setLoaded((m) => new Map(m).set(refKey(ref), r.ok ? r.value : r.problem));
      });
    }
    return () => {
      live = false;
    };
    // Only the cases named in the address matter; what is loaded is kept.
  }, [keys]);

  /** Changes the cases compared without moving the focus to the top of the page. */
  const choose = (next: readonly CaseRef[]) => {
    navigate(comparePath(next), { replace: true });
    takeMoved();
  };
  const views = refs.map((ref) => loaded.get(refKey(ref)));
  const ready = views.every((v) => v !== undefined);
  const cases = views.filter((v): v is CaseView => v !== undefined && !('status' in v));

  return (
    <Page title="Compare cases">
      <p className="lede">
        Cases side by side: how each of the five models fits them, and who did what at each stage,
        by kind of party.
      </p>
      <section aria-labelledby="compare-chosen" className="compare-chosen">
        <h2 id="compare-chosen" ref={chosenHeading} tabIndex={-1}>
          The cases compared
        </h2>
        {refs.length === 0 ? (
          <p>No cases are chosen yet. Find them below.</p>
        ) : (
          <ol className="compare-list">
            {refs.map((ref, i) => {
              const view = views[i];
              const title = view && !('status' in view) ? view.title : ref.id;
              return (
                <li key={refKey(ref)}>
                  {view && 'status' in view ? (
                    <span>
                      {ref.id}: <ProblemAlert problem={view} />
                    </span>
                  ) : (
                    <Link href={paths.case(ref.workspace, ref.id)}>{title}</Link>
                  )}
                  <span className="meta">
                    {' '}
                    {ref.workspace === LIBRARY ? '(case library)' : `(workspace ${ref.workspace})`}
                  </span>{' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      choose(refs.filter((r) => refKey(r) !== refKey(ref)));
                      announce(`Removed “${title}” from the comparison.`);
                      chosenHeading.current?.focus();
                    }}
                  >
                    Remove<span className="visually-hidden"> “{title}”</span>
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </section>
      {!ready ? (
        <p aria-busy="true">Loading the cases…</p>
      ) : cases.length < 2 ? (
        <p className="notice">Choose at least two cases to see them side by side.</p>
      ) : (
        <>
          <FitsTable cases={cases} />
          <KindGrids cases={cases} />
        </>
      )}
      {refs.length < MOST ? (
        <FindCases
          chosen={refs}
          onAdd={(ref, title) => {
            choose([...refs, ref]);
            announce(`Added “${title}” to the comparison.`);
          }}
        />
      ) : (
        <p className="hint">At most {MOST} cases can be compared at once.</p>
      )}
    </Page>
  );
}

/** A wide table's box: it scrolls sideways on its own (so the page need not), is reachable by
 * keyboard to do so, and holds its explained terms as one more tab stop (arrow keys between them). */
function ScrollBox({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  const roving = useRovingFocus<HTMLDivElement>();
  return (
    <div
      className="compare-scroll"
      role="region"
      aria-labelledby={labelledBy}
      tabIndex={0}
      ref={roving.ref}
      onFocus={roving.onFocus}
      onKeyDown={roving.onKeyDown}
    >
      {children}
    </div>
  );
}

function CaseHeads({ cases }: { cases: readonly CaseView[] }) {
  return (
    <>
      {cases.map((c) => (
        <th scope="col" key={refKey(c)}>
          {c.title}
        </th>
      ))}
    </>
  );
}

function FitsTable({ cases }: { cases: readonly CaseView[] }) {
  return (
    <section aria-labelledby="compare-fits">
      <h2 id="compare-fits">How each model fits</h2>
      <p className="hint">
        Words with a dotted line explain themselves when pointed at or reached with Tab. In each
        table, Tab reaches the first of them and the arrow keys the others.
      </p>
      <ScrollBox labelledBy="compare-fits">
        <table className="compare-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <CaseHeads cases={cases} />
            </tr>
          </thead>
          <tbody>
            {MODELS.map((model) => {
              const fits = cases.map((c) => c.fits[model]);
              const differs = new Set(fits).size > 1;
              return (
                <tr key={model} className={differs ? 'differs' : undefined}>
                  <th scope="row">
                    <Term id={`model-${model}`}>{modelName(model)}</Term>
                    {differs ? <span className="differs-tag">differs</span> : null}
                  </th>
                  {cases.map((c) => (
                    <td key={refKey(c)}>
                      <FitBadge fit={c.fits[model]} explain />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

function CellWords({ cell }: { cell: KindCell | undefined }) {
  if (cell === undefined || cell.kind === 'absent')
    return <span className="level level-absent">Not among its parties</span>;
  if (cell.kind === 'unknown')
    return (
      <span className="level level-unknown">
        <LevelShape level="unknown" />
        Not recorded
      </span>
    );
  return (
    <ul className="levels-list">
      {cell.levels.map((level) => (
        <li key={level} className="level">
          <LevelShape level={level} />
          {levelState(level)}
        </li>
      ))}
    </ul>
  );
}

function KindGrids({ cases }: { cases: readonly CaseView[] }) {
  const grids: KindGrid[] = cases.map((c) => kindGrid(c.document));
  const kinds = kindsIn(cases.map((c) => c.document));
  return (
    <section aria-labelledby="compare-grids">
      <h2 id="compare-grids">Who did what, by kind of party</h2>
      <p className="hint">
        Every party of a kind and every part of the initiative are taken together; where they
        differ, each level is listed. “Not recorded” is unknown, not “no part”.
      </p>
      <CompareKey />
      {kinds.map((kind: PartyKind) => {
        const heading = `compare-kind-${kind}`;
        return (
          <section key={kind} aria-labelledby={heading} className="compare-kind">
            <h3 id={heading}>
              <Term id={`kind-${kind}`}>{capitalise(partyKindWords(kind))}</Term>
            </h3>
            <ScrollBox labelledBy={heading}>
              <table className="compare-table">
                <thead>
                  <tr>
                    <th scope="col">Stage</th>
                    <CaseHeads cases={cases} />
                  </tr>
                </thead>
                <tbody>
                  {STAGES.map((stage) => {
                    const cells = grids.map((g) => g.get(kind)?.get(stage));
                    const differs = cells.some((c) => !sameCell(c, cells[0]));
                    return (
                      <tr key={stage} className={differs ? 'differs' : undefined}>
                        <th scope="row">
                          <Term id={`stage-${stage}`}>{stageHeading(stage)}</Term>
                          {differs ? <span className="differs-tag">differs</span> : null}
                        </th>
                        {cells.map((cell, i) => (
                          <td
                            key={refKey(cases[i] ?? { workspace: '', id: String(i) })}
                            className={cell?.kind === 'unknown' ? 'cell-unknown' : undefined}
                          >
                            <CellWords cell={cell} />
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollBox>
          </section>
        );
      })}
    </section>
  );
}

/** Finds cases in the library or one's workspaces, and adds them to the comparison. */
function FindCases({
  chosen,
  onAdd,
}: {
  chosen: readonly CaseRef[];
  onAdd: (ref: CaseRef, title: string) => void;
}) {
  const session = useSession();
  const [workspaces, setWorkspaces] = useState<readonly Workspace[]>([]);
  const [where, setWhere] = useState(chosen[0]?.workspace ?? LIBRARY);
  const [text, setText] = useState('');
  const [found, setFound] = useState<readonly CaseListing[] | Problem>();

  useEffect(() => {
    let live = true;
    if (!session.user) return;
    void api.workspaces().then((r) => {
      if (live && r.ok) setWorkspaces(r.value.workspaces.filter((w) => w.id !== LIBRARY));
    });
    return () => {
      live = false;
    };
  }, [session.user]);

  const search = async (event?: FormEvent) => {
    event?.preventDefault();
    const query = new URLSearchParams({ limit: '20' });
    if (text.trim()) query.set('q', text.trim());
    const r = await api.cases(where, query);
    setFound(r.ok ? r.value.items : r.problem);
    if (r.ok)
      announce(
        r.value.items.length === 0
          ? 'No cases found.'
          : `${r.value.total} case${r.value.total === 1 ? '' : 's'} found.`,
      );
  };

  const chosenKeys = new Set(chosen.map(refKey));
  const choices = found && !('status' in found) ? found : [];
  return (
    <section aria-labelledby="add-case" className="compare-find">
      <h2 id="add-case" tabIndex={-1}>
        Add a case to compare
      </h2>
      <form className="subform" onSubmit={(e) => void search(e)} noValidate>
        <div className="field">
          <label htmlFor="compare-where">Look in</label>
          <select id="compare-where" value={where} onChange={(e) => setWhere(e.target.value)}>
            <option value={LIBRARY}>The case library</option>
            {workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
            {where !== LIBRARY && !workspaces.some((w) => w.id === where) ? (
              <option value={where}>Workspace {where}</option>
            ) : null}
          </select>
        </div>
        <div className="field">
          <label htmlFor="compare-q">Words in its name or summary (optional)</label>
          <input
            id="compare-q"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button secondary">
            Find cases
          </button>
        </div>
      </form>
      {found && 'status' in found ? <ProblemAlert problem={found} /> : null}
      {choices.length > 0 ? (
        <ul className="compare-found">
          {choices.map((c) => {
            const ref = { workspace: c.workspace, id: c.id };
            return (
              <li key={refKey(ref)}>
                <span>{c.title}</span>
                {chosenKeys.has(refKey(ref)) ? (
                  <span className="meta">Already compared</span>
                ) : (
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => onAdd(ref, c.title)}
                  >
                    Add<span className="visually-hidden"> “{c.title}”</span> to the comparison
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
