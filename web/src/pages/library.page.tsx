/** A workspace's cases (the public library by default): search, filters, sort and pages of cards. */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
  type MouseEvent,
} from 'react';
import { api, type CasePage, type Problem, type Workspace } from '../api.js';
import { WorkspaceLinks } from '../case-extras/workspace-links.js';
import { FitWordsKey } from '../glossary/fit-words-key.js';
import { GlossaryLink } from '../glossary/glossary-link.js';
import { Term } from '../glossary/term.js';
import { ImportCases } from '../import/import-cases.js';
import { RecordEntry } from '../interview/entry-points.js';
import { LIBRARY, paths } from '../paths.js';
import { Link, navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';
import { announce } from '../ui/announcer.js';
import { CaseList } from '../ui/case-list.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import {
  FITS,
  FIT_SHORT,
  MODELS,
  SERVICE_DOMAINS,
  SOURCE_KINDS,
  SOURCE_KIND_WORDS,
  capitalise,
  domainWords,
  modelName,
} from '../words.js';
import { NotFoundPage } from './not-found.page.js';
import { PagesAhead } from './pages-ahead.js';

const PAGE_SIZE = 20;

const SORTS = {
  '': { label: 'Title, A to Z', sort: 'title', order: 'asc' },
  'title-desc': { label: 'Title, Z to A', sort: 'title', order: 'desc' },
  updated: { label: 'Most recently changed first', sort: 'updated', order: 'desc' },
  'period-asc': { label: 'Earliest first', sort: 'period', order: 'asc' },
  'period-desc': { label: 'Latest first', sort: 'period', order: 'desc' },
} as const;
type SortKey = keyof typeof SORTS;
const isSortKey = (key: string): key is SortKey => key in SORTS;

const FIT_CHOICES: Record<string, string> = {
  fits: 'fits',
  'fits,partly-fits': 'fits or partly fits',
  ...Object.fromEntries(FITS.filter((f) => f !== 'fits').map((f) => [f, FIT_SHORT[f]])),
};

/** The filters the page's address carries, as the API's query. */
function apiQuery(query: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of ['q', 'domain', 'label', 'sourceKind', 'year']) {
    const value = query.get(key)?.trim();
    if (value) out.set(key, value);
  }
  const model = query.get('model');
  if (model) {
    out.set('model', model);
    out.set('fit', query.get('fit') || 'fits');
  }
  const sortKey = query.get('sort') ?? '';
  const sort = SORTS[isSortKey(sortKey) ? sortKey : ''];
  out.set('sort', sort.sort);
  out.set('order', sort.order);
  out.set('limit', String(PAGE_SIZE));
  out.set('offset', String((pageNumber(query) - 1) * PAGE_SIZE));
  return out;
}

const pageNumber = (query: URLSearchParams): number => {
  const page = Number(query.get('page') ?? '1');
  return Number.isInteger(page) && page > 0 ? page : 1;
};

/** The address without its page number: what the filter form shows. */
function withoutPage(href: string): string {
  const url = new URL(href, window.location.origin);
  url.searchParams.delete('page');
  return url.pathname + url.search;
}

const FILTER_KEYS = ['q', 'model', 'fit', 'domain', 'label', 'sourceKind', 'year', 'sort'];

export function LibraryPage({ workspace }: { workspace: string }) {
  const { query, href } = useLocation();
  const session = useSession();
  const [info, setInfo] = useState<Workspace | Problem>();
  const [page, setPage] = useState<CasePage>();
  /** The request the page shown answers: until the next answer comes, the cards are the last. */
  const [shownFor, setShownFor] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [workspaces, setWorkspaces] = useState<readonly Workspace[]>([]);
  const request = apiQuery(query).toString();
  // The form starts afresh when its fields' address changes from outside (Back, a link), but not
  // after its own submit: that would drop the keyboard focus from the field or button the person
  // used. Another page of the same cases leaves it as it is (it has no field for the page).
  const fields = withoutPage(href);
  const submitted = useRef<string | null>(null);
  const formKey = useRef(fields);
  if (fields !== submitted.current) {
    formKey.current = fields;
    submitted.current = null;
  }

  // Another page, chosen with the pager at the foot of the list, starts at the list's top, with
  // the focus on its heading (as a page loaded afresh would), once its cards are there.
  const toResults = useRef(false);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    void api.workspace(workspace).then((r) => live && setInfo(r.ok ? r.value : r.problem));
    return () => {
      live = false;
    };
  }, [workspace, session.user]);

  useEffect(() => {
    let live = true;
    void api.workspaces().then((r) => live && r.ok && setWorkspaces(r.value.workspaces));
    return () => {
      live = false;
    };
  }, [session.user]);

  const [ahead] = useState(() => new PagesAhead());
  useEffect(() => () => ahead.clear(), [ahead, session.user]);
  const show = useCallback((value: CasePage, answers: string) => {
    setPage(value);
    setShownFor(answers);
    setProblem(undefined);
    announce(countWords(value));
  }, []);
  /** A request the pager answered, as it was clicked, with a page fetched ahead. */
  const answeredAhead = useRef<string>(undefined);

  useEffect(() => {
    if (answeredAhead.current === request) {
      answeredAhead.current = undefined;
      return;
    }
    let live = true;
    void api.cases(workspace, new URLSearchParams(request)).then((r) => {
      if (!live) return;
      if (r.ok) show(r.value, request);
      else {
        setProblem(r.problem);
        toResults.current = false;
      }
    });
    return () => {
      live = false;
    };
  }, [workspace, request, session.user, show]);

  const current = pageNumber(query);
  const pages = page ? Math.max(1, Math.ceil(page.total / PAGE_SIZE)) : 1;
  // Past the count's cap the last page is not known: there is a next page while this one is full.
  const hasNext = page?.totalCapped ? page.items.length === PAGE_SIZE : current < pages;
  const pageQuery = (n: number) => {
    const next = new URLSearchParams(query);
    if (n === 1) next.delete('page');
    else next.set('page', String(n));
    return next;
  };
  const pageHref = (n: number) => paths.workspace(workspace, pageQuery(n));
  // Another page from the pager: drawn with the click itself when it was fetched ahead.
  const toPage = (n: number) => (event: MouseEvent) => {
    // Not for a link opened elsewhere (a new tab or window).
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    toResults.current = true;
    const wanted = apiQuery(pageQuery(n)).toString();
    const fetched = ahead.take(workspace, wanted);
    if (!fetched) return;
    answeredAhead.current = wanted;
    show(fetched, wanted);
  };

  // Once a page is shown and the browser is idle, the pages either side are fetched ahead.
  const neighbours = page
    ? [current > 1 ? current - 1 : 0, hasNext ? current + 1 : 0]
        .filter((n) => n > 0)
        .map((n) => apiQuery(pageQuery(n)).toString())
        .join('\n')
    : '';
  useEffect(() => {
    if (!neighbours) return;
    const fetchAhead = () => {
      for (const next of neighbours.split('\n')) ahead.fetch(workspace, next);
    };
    if (!('requestIdleCallback' in window)) {
      const timer = setTimeout(fetchAhead, 500);
      return () => clearTimeout(timer);
    }
    const idle = requestIdleCallback(fetchAhead, { timeout: 2000 });
    return () => cancelIdleCallback(idle);
  }, [ahead, workspace, neighbours]);

  useLayoutEffect(() => {
    if (!toResults.current || !page) return;
    toResults.current = false;
    resultsHeading.current?.focus({ preventScroll: true });
    resultsHeading.current?.scrollIntoView({ block: 'start' });
  }, [page]);

  if (info && 'status' in info) {
    return info.status === 404 || info.status === 403 || info.status === 401 ? (
      <NotFoundPage
        title="Workspace not found"
        detail={
          session.user
            ? 'There is no workspace here, or you are not one of its members.'
            : 'There is no workspace here, or it is private: sign in to see the workspaces you belong to.'
        }
      />
    ) : (
      <ProblemAlert problem={info} />
    );
  }
  const isLibrary = workspace === LIBRARY;
  if (!isLibrary && !info) {
    // The heading is the workspace's name: a stand-in drawn first would change under a screen
    // reader's cursor, and the page below it would move.
    return (
      <Page title="Loading the workspace" busy>
        <p aria-busy="true">Loading the workspace…</p>
      </Page>
    );
  }
  const title = isLibrary ? 'Case library' : (info?.name ?? 'Workspace');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    if (!next.get('model')) next.delete('fit');
    toResults.current = false;
    submitted.current = paths.workspace(workspace, next);
    navigate(submitted.current);
  };

  // Asked for, not yet answered: said at once where the count is, the last cards still shown.
  const finding = page !== undefined && shownFor !== request && !problem;
  const filtered = FILTER_KEYS.some((key) => key !== 'q' && query.get(key));
  // On a narrow screen the filters fold away, so the cases come first; open when any is set.
  const wide = window.matchMedia('(min-width: 60rem)').matches;

  return (
    <Page title={title}>
      <p className="lede">
        {isLibrary
          ? 'Published mental health service initiatives, each read against five models of good practice: co-production, evidence-based practice, service user-led, community involvement and user-centred design. Anyone can read them.'
          : `The cases of this workspace${info?.role ? `. Your role: ${info.role}` : ''}.`}
      </p>
      <WorkspaceLinks workspace={workspace} info={info} />
      <RecordEntry workspace={workspace} role={info?.role} />
      <ImportCases workspace={workspace} role={info?.role} />
      {session.setupNeeded && !session.user ? (
        <p className="notice">
          This Coprism has no owner account yet. <Link href={paths.signIn}>Set it up</Link> to
          record your own cases.
        </p>
      ) : null}
      {workspaces.length > 1 ? (
        <nav aria-label="Workspaces" className="workspace-nav">
          <h2 className="small-heading">Where to look</h2>
          <ul>
            {workspaces.map((w) => (
              <li key={w.id}>
                <Link
                  href={paths.workspace(w.id)}
                  aria-current={w.id === workspace ? 'page' : undefined}
                >
                  {w.kind === 'library' ? 'Case library (public)' : w.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div className="library-layout">
        <section role="search" className="filters" aria-labelledby="filters-heading">
          <h2 id="filters-heading">Search and filter</h2>
          <form key={formKey.current} onSubmit={submit} className="stack">
            <div className="field">
              <label htmlFor="q">Words to look for</label>
              <p className="hint" id="q-hint">
                In the title, summary, setting, parties and parts.
              </p>
              <input
                id="q"
                name="q"
                type="search"
                defaultValue={query.get('q') ?? ''}
                aria-describedby="q-hint"
              />
            </div>
            <details className="more-filters" open={wide || filtered}>
              <summary>Filters and order</summary>
              <fieldset>
                <legend>How a model fits</legend>
                <div className="field">
                  <label htmlFor="model">Model</label>
                  <p className="hint" id="model-hint">
                    <GlossaryLink anchor="models">What the five models mean</GlossaryLink>
                  </p>
                  <select
                    id="model"
                    name="model"
                    defaultValue={query.get('model') ?? ''}
                    aria-describedby="model-hint"
                  >
                    <option value="">Any model</option>
                    {MODELS.map((m) => (
                      <option key={m} value={m}>
                        {modelName(m)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="fit">Fit</label>
                  <p className="hint" id="fit-hint">
                    Of the model chosen above, for the whole initiative.
                  </p>
                  <select
                    id="fit"
                    name="fit"
                    defaultValue={query.get('fit') ?? 'fits'}
                    aria-describedby="fit-hint"
                  >
                    {Object.entries(FIT_CHOICES).map(([value, label]) => (
                      <option key={value} value={value}>
                        {capitalise(label)}
                      </option>
                    ))}
                  </select>
                </div>
              </fieldset>
              <div className="field">
                <label htmlFor="label">Calls itself</label>
                <p className="hint" id="label-hint">
                  The model it says it follows, which the reading’s{' '}
                  <Term id="label-check">label check</Term> tests against its record.
                </p>
                <select
                  id="label"
                  name="label"
                  defaultValue={query.get('label') ?? ''}
                  aria-describedby="label-hint"
                >
                  <option value="">Anything, or nothing</option>
                  {MODELS.map((m) => (
                    <option key={m} value={m}>
                      {modelName(m)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="domain">Field it serves</label>
                <select id="domain" name="domain" defaultValue={query.get('domain') ?? ''}>
                  <option value="">Any field</option>
                  {SERVICE_DOMAINS.map((d) => (
                    <option key={d} value={d}>
                      {capitalise(domainWords(d))}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="sourceKind">Kind of source</label>
                <p className="hint" id="sourceKind-hint">
                  <GlossaryLink anchor="sources">What each kind of source means</GlossaryLink>
                </p>
                <select
                  id="sourceKind"
                  name="sourceKind"
                  defaultValue={query.get('sourceKind') ?? ''}
                  aria-describedby="sourceKind-hint"
                >
                  <option value="">Any source</option>
                  {SOURCE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {capitalise(SOURCE_KIND_WORDS[k])}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="year">Running in the year</label>
                <input
                  id="year"
                  name="year"
                  inputMode="numeric"
                  pattern="[0-9]{4}"
                  autoComplete="off"
                  className="input-year"
                  defaultValue={query.get('year') ?? ''}
                />
              </div>
              <div className="field">
                <label htmlFor="sort">Order</label>
                <select id="sort" name="sort" defaultValue={query.get('sort') ?? ''}>
                  {Object.entries(SORTS).map(([key, s]) => (
                    <option key={key} value={key}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </div>
            </details>
            <div className="button-row">
              <button type="submit" className="button primary">
                Show cases
              </button>
              {filtered || query.get('q') ? (
                <Link className="button secondary" href={paths.workspace(workspace)}>
                  Clear filters
                </Link>
              ) : null}
            </div>
          </form>
        </section>
        <section
          className="results"
          aria-labelledby="results-heading"
          aria-busy={finding || undefined}
        >
          <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
            Cases
          </h2>
          <ProblemAlert problem={problem} />
          {page ? (
            <>
              <p className="result-count">{finding ? 'Finding the cases…' : countWords(page)}</p>
              {page.totalCapped ? (
                <p className="hint">
                  Counting stops at {number(page.total)}. Add words or filters to see fewer cases.
                </p>
              ) : null}
              {page.items.length === 0 ? (
                <p>
                  {filtered || query.get('q')
                    ? 'No case matches. Try fewer words, or clear the filters.'
                    : 'There are no cases here yet.'}
                </p>
              ) : (
                <>
                  <FitWordsKey />
                  <CaseList items={page.items} fromTop={toResults.current} />
                </>
              )}
              {pages > 1 || page.totalCapped ? (
                <nav aria-label="Pages of cases" className="pager">
                  {current > 1 ? (
                    <Link href={pageHref(current - 1)} rel="prev" onClick={toPage(current - 1)}>
                      ← Previous page
                    </Link>
                  ) : (
                    <span />
                  )}
                  <span>
                    Page {number(current)} of {page.totalCapped ? 'more than ' : ''}
                    {number(pages)}
                  </span>
                  {hasNext ? (
                    <Link href={pageHref(current + 1)} rel="next" onClick={toPage(current + 1)}>
                      Next page →
                    </Link>
                  ) : (
                    <span />
                  )}
                </nav>
              ) : null}
            </>
          ) : problem ? null : (
            <p>Loading cases…</p>
          )}
        </section>
      </div>
    </Page>
  );
}

// One formatter for the page: toLocaleString makes a new one at every call.
const NUMBER = new Intl.NumberFormat('en-GB');
const number = (n: number): string => NUMBER.format(n);

function countWords(page: CasePage): string {
  if (page.total === 0) return 'No cases found.';
  const total = `${page.totalCapped ? 'more than ' : ''}${number(page.total)}`;
  const first = page.offset + 1;
  const last = page.offset + page.items.length;
  if (page.items.length === 0)
    return `${capitalise(total)} cases in all; this page is past the last.`;
  if (first === 1 && last === page.total && !page.totalCapped)
    return page.total === 1 ? '1 case found.' : `${total} cases found.`;
  return `Showing ${number(first)} to ${number(last)} of ${total} cases.`;
}
