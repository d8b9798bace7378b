/** The who-did-what grid: parties × stages, each cell a level in words and shape, or "not recorded". */
import { useMemo } from 'react';
import type { CaseFile, Component } from '../../../src/core/case.schema.js';
import { GlossaryLink } from '../glossary/glossary-link.js';
import {
  CERTAINTY_WORDS,
  LEVELS,
  STAGES,
  capitalise,
  levelState,
  partyKindWords,
  stageHeading,
} from '../words.js';
import { LevelShape, PointerShape, WarningShape } from '../ui/shapes.js';
import { buildGrid, partyName, partyRowId, type Claim, type GridCell } from './grid.js';
import type { Highlight } from './highlight.js';

export function WhoDidWhatGrid({
  document,
  component,
  componentIndex,
  highlight,
}: {
  document: CaseFile;
  component: Component;
  componentIndex: number;
  highlight: Highlight | undefined;
}) {
  const rows = useMemo(
    () => buildGrid(document, component, componentIndex),
    [document, component, componentIndex],
  );
  const captionId = `grid-caption-${componentIndex}`;
  const cited = new Set(highlight?.cells ?? []);
  const citedParties = new Set(highlight?.parties ?? []);
  return (
    <>
      <div className="grid-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="grid">
          <caption id={captionId}>
            Who did what in “{component.title}”: a row for each party, a column for each stage.
          </caption>
          <thead>
            <tr>
              <th scope="col">Party</th>
              {STAGES.map((stage) => (
                <th scope="col" key={stage}>
                  {stageHeading(stage)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.party.id} id={partyRowId(componentIndex, row.partyIndex)}>
                <th
                  scope="row"
                  className={citedParties.has(row.partyIndex) ? 'is-cited' : undefined}
                  tabIndex={citedParties.has(row.partyIndex) ? -1 : undefined}
                >
                  {citedParties.has(row.partyIndex) ? <CitedTag /> : null}
                  <span className="party-name">{partyName(row.party)}</span>
                  <span className="party-kind">
                    {capitalise(partyKindWords(row.party.kind))}
                    {row.party.livedExperience ? ', with lived experience' : ''}
                    {row.party.userLed ? ', run by and for service users' : ''}
                  </span>
                </th>
                {row.cells.map((cell) => (
                  <Cell key={cell.stage} cell={cell} cited={cited.has(cell.id)} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Legend />
    </>
  );
}

function CitedTag() {
  return (
    <span className="cited-tag">
      <PointerShape />
      Cited
    </span>
  );
}

function Cell({ cell, cited }: { cell: GridCell; cited: boolean }) {
  const classes = [`cell-${cell.state.kind}`, cited ? 'is-cited' : ''].filter(Boolean).join(' ');
  return (
    <td id={cell.id} className={classes} tabIndex={cited ? -1 : undefined}>
      {cited ? <CitedTag /> : null}
      {cell.state.kind === 'unknown' ? (
        <span className="level">
          <LevelShape level="unknown" />
          <span>Not recorded</span>
        </span>
      ) : cell.state.kind === 'agreed' ? (
        <>
          <span className="level">
            <LevelShape level={cell.state.level} />
            <span>{levelState(cell.state.level)}</span>
          </span>
          <ul className="accounts">
            {cell.claims.map((claim) => (
              <li key={claim.index}>
                <ClaimSource claim={claim} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <span className="disputed-tag">
            <WarningShape />
            Disputed
          </span>
          <ul className="accounts">
            {cell.claims.map((claim) => (
              <li key={claim.index}>
                <span className="level">
                  <LevelShape level={claim.role.level} />
                  <span>{levelState(claim.role.level)}</span>
                </span>
                <ClaimSource claim={claim} />
              </li>
            ))}
          </ul>
        </>
      )}
    </td>
  );
}

function ClaimSource({ claim }: { claim: Claim }) {
  const certainty = CERTAINTY_WORDS[claim.role.certainty ?? 'reported'];
  return (
    <span
      className={claim.role.certainty === 'suggested' ? 'claim-source suggested' : 'claim-source'}
    >
      {capitalise(certainty)}
      {claim.role.source ? (
        <>
          {', '}
          <a href={`#source-${claim.role.source}`}>{claim.by}</a>
        </>
      ) : (
        ', no source given'
      )}
    </span>
  );
}

function Legend() {
  return (
    <div className="legend">
      <p className="legend-title">Key</p>
      <ul>
        {LEVELS.map((level) => (
          <li key={level}>
            <LevelShape level={level} />
            {levelState(level)}
          </li>
        ))}
        <li>
          <LevelShape level="unknown" />
          Not recorded: nobody has said (not the same as “no part”)
        </li>
        <li>
          <WarningShape />
          Disputed: sources disagree; each account is shown
        </li>
      </ul>
      <p>
        <GlossaryLink anchor="levels">What the levels, stages and certainty mean</GlossaryLink>
      </p>
    </div>
  );
}
