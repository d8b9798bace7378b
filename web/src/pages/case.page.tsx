/** The reading of a case: the sentence, the label check, the five models, and each part's grid. */
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import type { ComponentAnalysis, Reason } from '../../../src/core/analysis.types.js';
import { api, type Analysis, type CaseView, type Problem } from '../api.js';
import { CaseToolsNav, CaseToolsSections } from '../case-extras/case-tools.js';
import { CompareEntry } from '../compare/compare-entry.js';
import { GlossaryLink } from '../glossary/glossary-link.js';
import { Term } from '../glossary/term.js';
import { ChangeCaseEntry } from '../interview/entry-points.js';
import { LIBRARY, paths } from '../paths.js';
import { Link, useLocation } from '../router.js';
import { cite } from '../reading/grid.js';
import type { Highlight } from '../reading/highlight.js';
import { HighlightBar } from '../reading/highlight-bar.js';
import { ModelCards, type ReasonActions } from '../reading/model-cards.js';
import { FIRST_ROWS_MIN, WhoDidWhatGrid } from '../reading/who-did-what-grid.js';
import { announce } from '../ui/announcer.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { usePainted } from '../ui/use-painted.js';
import { usePrinting } from '../ui/use-printing.js';
import { WarningShape } from '../ui/shapes.js';
import {
  PRODUCT_WORDS,
  SOURCE_KIND_WORDS,
  capitalise,
  domainWords,
  modelName,
  partyKindWords,
  periodWords,
  sourceName,
  type PartyKind,
} from '../words.js';
import { NotFoundPage } from './not-found.page.js';

type Loaded = { readonly view: CaseView; readonly analysis: Analysis };

export function CasePage({ workspace, caseId }: { workspace: string; caseId: string }) {
  const [loaded, setLoaded] = useState<Loaded | Problem>();
  useEffect(() => {
    let live = true;
    void Promise.all([api.case(workspace, caseId), api.analysis(workspace, caseId)]).then(
      ([view, analysis]) => {
        if (!live) return;
        if (!view.ok) setLoaded(view.problem);
        else if (!analysis.ok) setLoaded(analysis.problem);
        else setLoaded({ view: view.value, analysis: analysis.value });
      },
    );
    return () => {
      live = false;
    };
  }, [workspace, caseId]);

  if (loaded === undefined)
    return (
      <Page title="Loading the case" busy>
        <p aria-busy="true">Loading the case and its reading…</p>
      </Page>
    );
  if ('status' in loaded) {
    if (loaded.status === 404)
      return (
        <NotFoundPage
          title="Case not found"
          detail={`There is no case “${caseId}” here, or you do not have access to it. It may have been renamed or moved to the bin.`}
        />
      );
    return (
      <Page title="The case could not be shown">
        <ProblemAlert problem={loaded} />
      </Page>
    );
  }
  return <LoadedCase workspace={workspace} view={loaded.view} analysis={loaded.analysis} />;
}

function LoadedCase({ workspace, view, analysis }: Loaded & { workspace: string }) {
  // The same elements on every render (a part switched, another address), so React skips them.
  const top = useMemo(
    () => (
      <>
        <ChangeCaseEntry workspace={workspace} caseId={view.id} />
        <CaseToolsNav workspace={workspace} view={view} />
        <CompareEntry workspace={workspace} caseId={view.id} />
      </>
    ),
    [workspace, view],
  );
  const bottom = useMemo(
    () => <CaseToolsSections workspace={workspace} view={view} />,
    [workspace, view],
  );
  return (
    <Reading workspace={workspace} view={view} analysis={analysis} top={top} bottom={bottom} />
  );
}

/** The reading view; a shared link shows it too, with its own address, breadcrumb and no tools. */
export function Reading({
  workspace,
  view,
  analysis,
  caseHref,
  crumb,
  top,
  bottom,
}: {
  workspace: string;
  view: CaseView;
  analysis: Analysis;
  /** The address of this view (parts are `?part=` on it); the case's own by default. */
  caseHref?: string;
  /** Replaces the breadcrumb. */
  crumb?: ReactNode;
  /** Shown under the summary, and before the rulebook line. */
  top?: ReactNode;
  bottom?: ReactNode;
}) {
  const { query } = useLocation();
  const document = view.document;
  const several = document.components.length > 1;
  const partIndex = Math.max(
    0,
    document.components.findIndex((c) => c.id === query.get('part')),
  );
  const [highlight, setHighlight] = useState<Highlight>();
  const partHeading = useRef<HTMLHeadingElement>(null);
  const shownPart = useRef(partIndex);

  // A new part clears the highlight and takes the focus to its heading.
  useEffect(() => {
    if (shownPart.current === partIndex) return;
    shownPart.current = partIndex;
    setHighlight(undefined);
    // The part starts at the top of the window (focus alone would centre its heading).
    partHeading.current?.focus({ preventScroll: true });
    partHeading.current?.scrollIntoView({ block: 'start' });
  }, [partIndex]);

  // After a highlight, focus the first cell it marks, so keyboard users land on it.
  useEffect(() => {
    if (!highlight) return;
    const first = highlight.cells[0];
    const target = first
      ? window.document.getElementById(first)
      : window.document.querySelector<HTMLElement>('.grid th.is-cited');
    target?.focus();
  }, [highlight]);

  const showCells = useCallback(
    (reasonId: string, reason: Reason, componentIndex: number | undefined) => {
      const citation = cite(document, componentIndex, reason.refs);
      setHighlight({
        cells: citation.cells,
        parties: citation.parties,
        from: reasonId,
        text: reason.text,
      });
      const n = citation.cells.length + citation.parties.length;
      announce(`${n === 1 ? 'One place' : `${n} places`} in the grid marked “Cited”.`);
    },
    [document],
  );

  // The same across parts and highlights, so that the cards and lists that use them are not redrawn.
  const base = caseHref ?? paths.case(workspace, view.id);
  const otherQuery = withoutPart(query);
  const partHref = useCallback(
    (index: number) => {
      const next = new URLSearchParams(otherQuery);
      const id = document.components[index]?.id;
      if (index > 0 && id) next.set('part', id);
      return `${base}${next.size > 0 ? `?${next.toString()}` : ''}#part`;
    },
    [base, otherQuery, document],
  );
  const actions = useMemo<ReasonActions>(
    () => ({ showCells, partHref, renderLink }),
    [showCells, partHref],
  );

  const printing = usePrinting();
  const clearHighlight = () => {
    const from = highlight?.from;
    setHighlight(undefined);
    if (from) window.document.getElementById(from)?.focus();
  };
  const period = periodWords(document.period);
  const back = workspace === LIBRARY ? 'Case library' : 'Workspace';

  return (
    <Page
      title={document.title}
      before={
        crumb ?? (
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <ol>
              <li>
                <Link href={paths.workspace(workspace)}>{back}</Link>
              </li>
              <li aria-current="page">{document.title}</li>
            </ol>
          </nav>
        )
      }
    >
      <p className="meta">
        {[document.setting, period, `revision ${view.revision}`].filter(Boolean).join(' · ')}
      </p>
      {document.summary ? <p className="lede">{document.summary}</p> : null}
      {top}

      <SummarySentence text={analysis.overall.summary} />
      <LabelCheck analysis={analysis} />

      <section aria-labelledby="models-heading">
        <h2 id="models-heading">
          {several ? 'How the five models fit the whole initiative' : 'How the five models fit'}
        </h2>
        {several ? (
          <p>
            The whole initiative takes, for each model, the strongest fit of any of its parts. The
            reasons name the parts; open a part to see its own reading and who did what in it.
          </p>
        ) : (
          <p>
            Each reason names the rule it applies.{' '}
            <span className="screen-only">
              Where it rests on who did what, its button marks those cells in the grid below.
            </span>
          </p>
        )}
        <ModelCards
          document={document}
          models={
            several
              ? analysis.overall.models
              : (analysis.components[partIndex]?.models ?? analysis.overall.models)
          }
          componentIndex={several ? undefined : 0}
          scope="overall"
          headingLevel={3}
          actions={actions}
        />
      </section>

      {several ? (
        <nav aria-labelledby="parts-heading" className="parts-nav">
          <h2 id="parts-heading">Parts of this initiative</h2>
          <ol>
            {analysis.components.map((c, i) => (
              <li key={c.id}>
                <Link href={partHref(i)} aria-current={i === partIndex ? 'true' : undefined}>
                  {c.title}
                </Link>
                {i === partIndex ? <span className="current-tag"> (shown below)</span> : null}
                <span className="part-summary">{c.summary}</span>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}

      {/* On paper every part is printed; on screen, the one chosen (a big case's parts are many). */}
      {(printing && several ? document.components.map((_, i) => i) : [partIndex]).map((i) => (
        <PartSection
          key={i}
          document={document}
          analysis={analysis}
          index={i}
          headingId={i === partIndex ? 'part' : `part-${i + 1}`}
          headingRef={i === partIndex ? partHeading : undefined}
          highlight={i === partIndex ? highlight : undefined}
          onClearHighlight={clearHighlight}
          actions={actions}
          printing={printing}
        />
      ))}

      <Sources document={document} />
      {bottom}
      <p className="rulebook">
        Read with <Term id="rulebook">rulebook</Term> {analysis.rulebook}, revision {view.revision}{' '}
        of this case. The rules are listed at <a href="/api/rulebook">/api/rulebook</a>.{' '}
        <span className="screen-only">
          <GlossaryLink anchor="rulebook">What the words in this reading mean</GlossaryLink>.
        </span>
      </p>
    </Page>
  );
}

const renderLink = (href: string, text: string) => (
  <Link key={href} href={href}>
    {text}
  </Link>
);

/** One part: its heading, facts, grid, models (when there are several parts) and readings. */
function PartSection({
  document,
  analysis,
  index,
  headingId,
  headingRef,
  highlight,
  onClearHighlight,
  actions,
  printing,
}: {
  document: CaseView['document'];
  analysis: Analysis;
  index: number;
  headingId: string;
  headingRef: RefObject<HTMLHeadingElement | null> | undefined;
  highlight: Highlight | undefined;
  onClearHighlight: () => void;
  actions: ReasonActions;
  printing: boolean;
}) {
  // A part with many parties is drawn in two frames: first what a switch brings into view (the
  // heading, the facts, the grid's first rows), then the rest, so the click is answered at once.
  const painted = usePainted(true);
  const staged = !painted && !printing && !highlight && document.parties.length > FIRST_ROWS_MIN;
  const component = document.components[index];
  const part = analysis.components[index];
  if (!component || !part) return null;
  const several = document.components.length > 1;
  return (
    <section aria-labelledby={headingId} className={several ? 'part' : undefined}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {several
          ? `Part ${index + 1} of ${document.components.length}: ${component.title}`
          : 'Who did what'}
      </h2>
      {several ? <p className="part-reading">{part.summary}</p> : null}
      <PartFacts component={component} />
      {several ? <h3>Who did what</h3> : null}
      <HighlightBar highlight={highlight} onClear={onClearHighlight} />
      <WhoDidWhatGrid
        document={document}
        component={component}
        componentIndex={index}
        highlight={highlight}
        staged={staged}
      />
      {staged ? null : several ? (
        <>
          <h3>How the five models fit this part</h3>
          <ModelCards
            document={document}
            models={part.models}
            componentIndex={index}
            scope={`part-${index}`}
            headingLevel={4}
            actions={actions}
          />
        </>
      ) : null}
      {staged ? null : (
        <PartReadings
          part={part}
          component={component}
          headingLevel={several ? 3 : 2}
          actions={actions}
          document={document}
          partIndex={index}
        />
      )}
    </section>
  );
}

function withoutPart(query: URLSearchParams): string {
  const rest = new URLSearchParams(query);
  rest.delete('part');
  return rest.toString();
}

const SummarySentence = memo(function SummarySentence({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      announce('The sentence is copied.');
    } catch {
      announce('The sentence could not be copied; select it and copy it by hand.');
    }
  };
  return (
    <section className="summary-sentence" aria-labelledby="sentence-heading">
      <h2 id="sentence-heading">The reading in a sentence</h2>
      <p className="sentence">{text}</p>
      <button type="button" className="button secondary" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy the sentence'}
      </button>
    </section>
  );
});

const LabelCheck = memo(function LabelCheck({ analysis }: { analysis: Analysis }) {
  if (analysis.overall.labelCheck.length === 0) return null;
  return (
    <section className="label-check" aria-labelledby="label-check-heading">
      <h2 id="label-check-heading">
        <WarningShape />{' '}
        <Term id="label-check">What it calls itself, and what the record supports</Term>
      </h2>
      <ul>
        {analysis.overall.labelCheck.map((check) => (
          <li key={check.model}>
            <p>{check.text}</p>
            {check.betterFits.length > 0 ? (
              <p>
                Better described as:{' '}
                <strong>{check.betterFits.map((m) => modelName(m)).join(', ')}</strong>.
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
});

const PartFacts = memo(function PartFacts({
  component,
}: {
  component: CaseView['document']['components'][number];
}) {
  const facts: string[] = [];
  if (component.serviceDomain && component.serviceDomain !== 'unknown')
    facts.push(`Field: ${domainWords(component.serviceDomain)}`);
  else facts.push('Field: not recorded');
  if (component.produces && component.produces !== 'unknown')
    facts.push(`Produces: ${PRODUCT_WORDS[component.produces]}`);
  else facts.push('What it produces: not recorded');
  return (
    <>
      {component.summary ? <p>{component.summary}</p> : null}
      <p className="meta">{facts.join(' · ')}</p>
    </>
  );
});

const pairWords = (between: readonly [PartyKind, PartyKind]) =>
  `${capitalise(partyKindWords(between[0]))} and ${partyKindWords(between[1])}`;

const UNCERTAINTY_KIND = {
  unknown: 'Not recorded',
  suggested: 'Only suggested',
  disagreement: 'Disputed',
} as const;

const PartReadings = memo(function PartReadings({
  part,
  component,
  headingLevel,
  actions,
  document,
  partIndex,
}: {
  part: ComponentAnalysis;
  component: CaseView['document']['components'][number];
  headingLevel: 2 | 3;
  actions: ReasonActions;
  document: CaseView['document'];
  partIndex: number;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <H>
        <Term id="evens-out">Relationships evened out</Term>
      </H>
      {part.relationshipsEqualised.length === 0 ? (
        <p>The record shows no relationship that this evens out.</p>
      ) : (
        <ul className="plain-list">
          {part.relationshipsEqualised.map((r) => (
            <li key={r.between.join('-')}>
              <strong>{pairWords(r.between)}</strong>
              {r.reasons.map((reason) => (
                <p key={reason.rule}>{reason.text}</p>
              ))}
            </li>
          ))}
        </ul>
      )}

      <H>
        <Term id="humane">Humane features</Term>
      </H>
      {(component.humanising ?? []).length === 0 ? (
        <p>None are recorded.</p>
      ) : (
        <ul className="plain-list">
          {(component.humanising ?? []).map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      )}
      {part.humanisingWithoutEqualising ? (
        <p className="note">
          It is humane without evening out any relationship: good, though not a kind of equal
          partnership.
        </p>
      ) : null}

      <H>
        <Term id="what-would-change" />
      </H>
      {part.uncertainties.length === 0 ? (
        <p>Nothing unknown or doubtful in the record would change a fit.</p>
      ) : (
        <>
          <p>
            Each of these is unknown or in doubt. Settling it one way could change how a model fits;
            nothing here is guessed.
          </p>
          <ul className="uncertainties">
            {part.uncertainties.map((u, i) => {
              const citation = cite(document, partIndex, u.refs);
              const id = `uncertainty-${partIndex}-${i}`;
              return (
                <li key={id}>
                  <span className={`uncertainty-kind kind-${u.kind}`}>
                    {UNCERTAINTY_KIND[u.kind]}
                  </span>
                  <p>{u.text}</p>
                  {citation.cells.length > 0 ? (
                    <button
                      type="button"
                      className="link-button"
                      id={id}
                      onClick={() =>
                        actions.showCells(
                          id,
                          { rule: u.kind, text: u.about, refs: u.refs },
                          partIndex,
                        )
                      }
                    >
                      Show{' '}
                      {citation.cells.length === 1
                        ? 'the cell'
                        : `the ${citation.cells.length} cells`}{' '}
                      in the grid
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
});

const Sources = memo(function Sources({ document }: { document: CaseView['document'] }) {
  const sources = document.sources ?? [];
  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">Sources</h2>
      {sources.length === 0 ? (
        <p>No sources are recorded.</p>
      ) : (
        <ul className="sources">
          {sources.map((s) => (
            <li key={s.id} id={`source-${s.id}`} tabIndex={-1}>
              <span className="source-id">{sourceName(s)}</span> {s.citation}{' '}
              <span className="source-kind">
                (<Term id={`source-${s.kind}`}>{SOURCE_KIND_WORDS[s.kind]}</Term>)
              </span>
              {s.url ? (
                <>
                  {' '}
                  <a href={s.url} rel="noopener noreferrer">
                    Read the source<span className="visually-hidden">: {s.citation}</span>
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
