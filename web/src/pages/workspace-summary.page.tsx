/** How the five models fit across a workspace or the library, and which "co-produced" claims the record supports. */
import { useEffect, useState } from 'react';
import { extras, files, type CorpusSummary } from '../api-extras.js';
import type { Problem } from '../api.js';
import { useWorkspace } from '../case-extras/use-workspace.js';
import '../case-extras/extras.css';
import { LIBRARY, paths } from '../paths.js';
import { Link } from '../router.js';
import { Term } from '../glossary/term.js';
import { FitBadge } from '../ui/fit-badge.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { FITS, FIT_SHORT, MODELS, capitalise, modelName, type ModelId } from '../words.js';
import { NotFoundPage } from './not-found.page.js';

type Counts = CorpusSummary['byCase'];

export function WorkspaceSummaryPage({ workspace }: { workspace: string }) {
  const info = useWorkspace(workspace);
  const [summary, setSummary] = useState<CorpusSummary | Problem>();
  useEffect(() => {
    let live = true;
    void extras.summary(workspace).then((r) => live && setSummary(r.ok ? r.value : r.problem));
    return () => {
      live = false;
    };
  }, [workspace]);

  if (info === undefined || summary === undefined)
    return (
      <Page title="Summary" busy>
        <p aria-busy="true">Counting the readings…</p>
      </Page>
    );
  if ('status' in info || 'status' in summary) {
    const problem = 'status' in info ? info : (summary as Problem);
    return problem.status === 404 || problem.status === 403 || problem.status === 401 ? (
      <NotFoundPage
        title="Workspace not found"
        detail="There is no workspace here, or you do not have access to it."
      />
    ) : (
      <Page title="The summary could not be shown">
        <ProblemAlert problem={problem} />
      </Page>
    );
  }
  const name = workspace === LIBRARY ? 'The case library' : info.name;
  const claims = summary.claimsCoProduction;
  const supported = claims.filter((c) => c.supported);
  return (
    <Page
      title={`Summary: ${name}`}
      heading={`${name}: the five models across ${summary.cases} ${summary.cases === 1 ? 'case' : 'cases'}`}
      before={
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <ol>
            <li>
              <Link href={paths.workspace(workspace)}>
                {workspace === LIBRARY ? 'Case library' : info.name}
              </Link>
            </li>
            <li aria-current="page">Summary</li>
          </ol>
        </nav>
      }
    >
      <p className="lede">
        How often each model fits the {summary.cases} {summary.cases === 1 ? 'case' : 'cases'} here
        ({summary.components} {summary.components === 1 ? 'part' : 'parts'} in all), each read as a
        whole initiative.
      </p>

      <section aria-labelledby="claims-heading" className="claims">
        <h2 id="claims-heading">Cases that call themselves co-produced</h2>
        <p className="hint">
          Whether the record of who did what supports the name: the reading’s{' '}
          <Term id="label-check">label check</Term> for <Term id="model-co-production" />.
        </p>
        {claims.length === 0 ? (
          <p>None of the cases here calls itself co-produced.</p>
        ) : (
          <>
            <p className="big-number">
              Of the {claims.length} {claims.length === 1 ? 'case' : 'cases'} that call themselves
              co-produced, the record supports {supported.length}.
            </p>
            <ul className="claims-list">
              {claims.map((c) => (
                <li key={c.case}>
                  <Link href={paths.case(workspace, c.case)}>{c.title}</Link>:{' '}
                  <FitBadge model="co-production" fit={c.fit} />{' '}
                  <strong>{c.supported ? 'supported' : 'not supported'}</strong>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">How often each model fits</h2>
        <figure className="profile-figure">
          <img
            src={files.summarySvg(workspace)}
            alt={`A bar for each model, divided by how many cases it fits, partly fits, does not fit, or cannot settle. ${profileWords(summary.byCase)} The table below gives the same numbers.`}
          />
          <figcaption>The model profile of {summary.cases} cases.</figcaption>
        </figure>
        <CountTable
          id="by-case"
          caption={`Number of cases (of ${summary.cases}) for each model and fit`}
          counts={summary.byCase}
        />
        <details className="by-part">
          <summary>Count the {summary.components} parts instead of whole cases</summary>
          <CountTable
            id="by-part"
            caption={`Number of parts (of ${summary.components}) for each model and fit`}
            counts={summary.byComponent}
          />
        </details>
      </section>

      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">The table for a review</h2>
        <p>
          One row for each case and part, with each model’s fit, what it calls itself, whether the
          record supports that, and how many stages are unknown or disputed. It opens in a
          spreadsheet.
        </p>
        <ul className="tool-links">
          <li>
            <a className="button primary" href={files.table(workspace, 'csv')} download>
              Download the table (CSV)
            </a>
          </li>
          <li>
            <a className="button secondary" href={files.table(workspace, 'json')} download>
              The table as JSON
            </a>
          </li>
          <li>
            <a className="button secondary" href={files.table(workspace, 'markdown')} download>
              The table as Markdown
            </a>
          </li>
        </ul>
      </section>
    </Page>
  );
}

function profileWords(counts: Counts): string {
  return MODELS.map((m: ModelId) => `${modelName(m)}: fits ${counts[m].fits}.`).join(' ');
}

function CountTable({ id, caption, counts }: { id: string; caption: string; counts: Counts }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="data-table counts">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            {FITS.map((f) => (
              <th scope="col" key={f}>
                <Term id={`fit-${f}`}>{capitalise(FIT_SHORT[f])}</Term>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {MODELS.map((m) => (
            <tr key={m}>
              <th scope="row">
                <Term id={`model-${m}`}>{modelName(m)}</Term>
              </th>
              {FITS.map((f) => (
                <td key={f}>{counts[m][f]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
