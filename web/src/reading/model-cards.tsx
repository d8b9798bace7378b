/** The five models as cards: each fit with its reasons, and what each reason rests on. */
import { memo, type ReactNode } from 'react';
import type { ModelReadings, Reason } from '../../../src/core/analysis.types.js';
import type { CaseFile } from '../../../src/core/case.schema.js';
import { GlossaryLink } from '../glossary/glossary-link.js';
import { Term } from '../glossary/term.js';
import { FitBadge } from '../ui/fit-badge.js';
import { MODELS, modelName } from '../words.js';
import { cite } from './grid.js';

export interface ReasonActions {
  /** Highlights a reason's cells in the grid of its part (`componentIndex`; none for the whole initiative). */
  showCells(reasonId: string, reason: Reason, componentIndex: number | undefined): void;
  /** Opens a part of the initiative (for the whole initiative's reasons). */
  partHref(componentIndex: number): string;
  renderLink(href: string, text: string): ReactNode;
}

/** Drawn again only when its reading changes: not for a highlight, nor for another part's grid. */
export const ModelCards = memo(function ModelCards({
  document,
  models,
  componentIndex,
  scope,
  headingLevel,
  actions,
}: {
  document: CaseFile;
  models: ModelReadings;
  /** The part the reasons speak of; undefined for the whole initiative. */
  componentIndex: number | undefined;
  /** Makes ids unique on the page. */
  scope: string;
  headingLevel: 3 | 4;
  actions: ReasonActions;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ul className="model-cards">
      {MODELS.map((model) => {
        const reading = models[model];
        const headingId = `${scope}-${model}`;
        return (
          <li key={model}>
            <article className={`model-card model-${reading.fit}`} aria-labelledby={headingId}>
              <Heading id={headingId}>
                <Term id={`model-${model}`}>{modelName(model)}</Term>
              </Heading>
              <p className="fit-line">
                <FitBadge fit={reading.fit} long explain />
              </p>
              <p className="term-link">
                <GlossaryLink anchor={`model-${model}`}>
                  What “{modelName(model)}” means
                </GlossaryLink>
              </p>
              <ul className="reasons">
                {reading.reasons.map((reason, i) => {
                  const reasonId = `${scope}-${model}-reason-${i}`;
                  const citation = cite(document, componentIndex, reason.refs);
                  const onlyPart = citation.components[0];
                  // The whole initiative's reasons each name one part and its fit: the sentence is the link.
                  if (
                    citation.components.length === 1 &&
                    onlyPart !== undefined &&
                    citation.cells.length + citation.parties.length + citation.facts.length === 0
                  )
                    return (
                      <li key={reasonId} className="part-reason">
                        {actions.renderLink(actions.partHref(onlyPart), reason.text)}
                      </li>
                    );
                  return (
                    <li key={reasonId}>
                      <p>{reason.text}</p>
                      {citation.facts.length > 0 ? (
                        <p className="rests-on">Rests on {citation.facts.join('; ')}.</p>
                      ) : null}
                      <p className="reason-actions">
                        {citation.cells.length + citation.parties.length > 0 ? (
                          <button
                            type="button"
                            className="link-button"
                            id={reasonId}
                            onClick={() => actions.showCells(reasonId, reason, componentIndex)}
                          >
                            Show {cellCount(citation.cells.length, citation.parties.length)} in the
                            grid
                          </button>
                        ) : null}
                        {citation.components.map((c) =>
                          actions.renderLink(
                            actions.partHref(c),
                            `Open the part “${document.components[c]?.title ?? ''}”`,
                          ),
                        )}
                        <span className="rule-id">Rule {reason.rule}</span>
                      </p>
                    </li>
                  );
                })}
              </ul>
            </article>
          </li>
        );
      })}
    </ul>
  );
});

export function cellCount(cells: number, parties: number): string {
  const words: string[] = [];
  if (cells > 0) words.push(cells === 1 ? 'the cell' : `the ${cells} cells`);
  if (parties > 0) words.push(parties === 1 ? 'the party' : `the ${parties} parties`);
  return `${words.join(' and ')} it rests on`;
}
