/** The reading as the answers come in: what is still missing, or the five fits and the sentence. */
import type { Analysis, FieldProblem } from '../api.js';
import type { CaseFile } from '../../../src/core/case.schema.js';
import { WhoDidWhatGrid } from '../reading/who-did-what-grid.js';
import { FitBadge } from '../ui/fit-badge.js';
import { FitBadges } from '../ui/fit-badges.js';
import { MODELS } from '../words.js';
import type { DraftCase } from './document.js';
import { plainProblem, stepTitle, type Step } from './steps.js';

/** What is still missing, in plain words, each a button to the step where it is answered. */
export function MissingList({
  doc,
  problems,
  goTo,
  limit,
}: {
  doc: DraftCase;
  problems: readonly FieldProblem[];
  goTo: (step: Step) => void;
  limit?: number;
}) {
  const plain = problems.map((p) => plainProblem(doc, p));
  const unique = plain.filter((p, i) => plain.findIndex((q) => q.text === p.text) === i);
  const shown = limit ? unique.slice(0, limit) : unique;
  return (
    <>
      <ul className="missing">
        {shown.map((p) => (
          <li key={p.text}>
            {p.text}{' '}
            <button type="button" className="link-button" onClick={() => goTo(p.step)}>
              Go to “{stepTitle(p.step)}”
            </button>
          </li>
        ))}
      </ul>
      {unique.length > shown.length ? <p>…and {unique.length - shown.length} more.</p> : null}
    </>
  );
}

export function ReadingSoFar({
  doc,
  problems,
  analysis,
  goTo,
}: {
  doc: DraftCase;
  problems: readonly FieldProblem[];
  analysis: Analysis | null;
  goTo: (step: Step) => void;
}) {
  return (
    <section className="reading-so-far" aria-labelledby="so-far-heading">
      <h2 id="so-far-heading">The reading so far</h2>
      {analysis ? (
        <>
          <p className="sentence">{analysis.overall.summary}</p>
          <FitBadges
            fits={(m) => analysis.overall.models[m].fit}
            label="How the five models fit, so far"
            stacked
          />
          <p className="hint">It changes as you answer. The last step shows the reasons.</p>
        </>
      ) : (
        <>
          <p>A reading needs a little more first:</p>
          <MissingList doc={doc} problems={problems} goTo={goTo} limit={3} />
        </>
      )}
    </section>
  );
}

/** The whole reading, on the last step: the sentence, each model's fit and reasons, each grid. */
export function FullReading({ doc, analysis }: { doc: CaseFile; analysis: Analysis }) {
  const several = doc.components.length > 1;
  return (
    <section aria-labelledby="full-reading-heading" className="full-reading">
      <h3 id="full-reading-heading">The reading</h3>
      <p className="sentence">{analysis.overall.summary}</p>
      {analysis.overall.labelCheck.map((check) => (
        <p key={check.model} className="notice">
          {check.text}
        </p>
      ))}
      <ul className="model-reasons">
        {MODELS.map((m) => {
          const only = several ? undefined : analysis.components[0];
          const model = (only ?? analysis.overall).models[m];
          return (
            <li key={m}>
              <h4>
                <FitBadge model={m} fit={model.fit} long explain />
              </h4>
              <ul>
                {model.reasons.map((r, i) => (
                  <li key={i}>{r.text}</li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
      {doc.components.map((c, i) => (
        <div key={c.id}>
          <h4>{several ? `Who did what in “${c.title}”` : 'Who did what'}</h4>
          <WhoDidWhatGrid document={doc} component={c} componentIndex={i} highlight={undefined} />
        </div>
      ))}
    </section>
  );
}
