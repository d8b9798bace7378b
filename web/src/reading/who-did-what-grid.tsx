/** The who-did-what grid: parties × stages, each cell a level in words and shape, or "not recorded". */
import { memo, useMemo, useRef, type CSSProperties } from 'react';
import type { CaseFile, Component } from '../../../src/core/case.schema.js';
import { GlossaryLink } from '../glossary/glossary-link.js';
import { Term } from '../glossary/term.js';
import {
  CERTAINTIES,
  CERTAINTY_WORDS,
  LEVELS,
  STAGES,
  capitalise,
  levelState,
  partyKindWords,
  stageHeading,
} from '../words.js';
import {
  buildGrid,
  partyName,
  partyRowId,
  type Claim,
  type GridCell,
  type GridRow,
} from './grid.js';
import { useWindowFill } from '../ui/use-window-fill.js';
import type { Highlight } from './highlight.js';
import './marks.css';

export function WhoDidWhatGrid({
  document,
  component,
  componentIndex,
  highlight,
  staged = false,
}: {
  document: CaseFile;
  component: Component;
  componentIndex: number;
  highlight: Highlight | undefined;
  /** For now, only the rows that fill a window below the part's heading, and no key. */
  staged?: boolean;
}) {
  const rows = useMemo(
    () => buildGrid(document, component, componentIndex),
    [document, component, componentIndex],
  );
  const body = useRef<HTMLTableSectionElement>(null);
  // Enough rows to fill the window when the part's heading is at its top, where a switch puts it.
  const firstRows = useWindowFill(body, rows, staged, FIRST_ROWS_MIN, partTop);
  const shown = staged ? rows.slice(0, firstRows) : rows;
  const captionId = `grid-caption-${componentIndex}`;
  const cited = useMemo(() => new Set(highlight?.cells ?? []), [highlight]);
  const citedParties = useMemo(() => new Set(highlight?.parties ?? []), [highlight]);
  return (
    <>
      <div className="grid-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="grid" style={COLUMNS} aria-busy={staged || undefined}>
          <caption id={captionId}>
            Who did what in “{component.title}”: a row for each party, a column for each stage.
          </caption>
          <GridHead />
          <tbody ref={body}>
            {shown.map((row) => (
              <Row
                key={row.party.id}
                row={row}
                componentIndex={componentIndex}
                partyCited={citedParties.has(row.partyIndex)}
                citedStages={row.cells
                  .filter((cell) => cited.has(cell.id))
                  .map((cell) => cell.stage)
                  .join(' ')}
              />
            ))}
          </tbody>
        </table>
      </div>
      {staged ? null : <Legend />}
    </>
  );
}

/** The fewest rows a staged grid starts with (see PartSection in case.page.tsx). */
export const FIRST_ROWS_MIN = 4;

/** The top of the part a grid is in: its heading's, which a part switch scrolls to the top. */
const partTop = (body: HTMLElement): number =>
  body.closest('section')?.getBoundingClientRect().top ?? 0;

/** The stages, for the stylesheet's columns (styles.css lays each row out with one per stage). */
const COLUMNS = { '--stages': STAGES.length } as CSSProperties;

const GridHead = memo(function GridHead() {
  return (
    <thead>
      <tr>
        <th scope="col">
          <Term id="party" />
          <span className="print-only">Party</span>
        </th>
        {STAGES.map((stage) => (
          <th scope="col" key={stage}>
            <Term id={`stage-${stage}`}>{stageHeading(stage)}</Term>
            {/* Paper gets the words alone: Chromium repeats no table header that holds a button. */}
            <span className="print-only">{stageHeading(stage)}</span>
          </th>
        ))}
      </tr>
    </thead>
  );
});

// A highlight redraws only the cells it marks or unmarks; the other rows and cells are skipped.
const Row = memo(function Row({
  row,
  componentIndex,
  partyCited,
  citedStages,
}: {
  row: GridRow;
  componentIndex: number;
  partyCited: boolean;
  /** The stages of this row's cited cells, as one string, so an unchanged row compares equal. */
  citedStages: string;
}) {
  const cited = new Set(citedStages.split(' '));
  return (
    <tr id={partyRowId(componentIndex, row.partyIndex)}>
      <th
        scope="row"
        className={partyCited ? 'is-cited' : undefined}
        tabIndex={partyCited ? -1 : undefined}
      >
        {partyCited ? <CitedTag /> : null}
        <span className="party-name">{partyName(row.party)}</span>
        <span className="party-kind">
          {capitalise(partyKindWords(row.party.kind))}
          {row.party.livedExperience ? ', with lived experience' : ''}
          {row.party.userLed ? ', run by and for service users' : ''}
        </span>
      </th>
      {row.cells.map((cell) => (
        <Cell key={cell.stage} cell={cell} cited={cited.has(cell.stage)} />
      ))}
    </tr>
  );
});

function CitedTag() {
  return <span className="cited-tag mark mark-cited">Cited</span>;
}

// Lean markup (a grid of 30 parties has 270 cells): no wrapper a cell can do without.
const Cell = memo(function Cell({ cell, cited }: { cell: GridCell; cited: boolean }) {
  const classes = [`cell-${cell.state.kind}`, cited ? 'is-cited' : ''].filter(Boolean).join(' ');
  return (
    <td id={cell.id} className={classes} tabIndex={cited ? -1 : undefined}>
      {cited ? <CitedTag /> : null}
      {cell.state.kind === 'unknown' ? (
        <span className="level mark mark-unknown">Not recorded</span>
      ) : cell.state.kind === 'agreed' ? (
        <>
          <span className={`level mark mark-${cell.state.level}`}>
            {levelState(cell.state.level)}
          </span>
          {cell.claims.length === 1 && cell.claims[0] ? (
            <ClaimSource claim={cell.claims[0]} />
          ) : (
            <ul className="accounts">
              {cell.claims.map((claim) => (
                <li key={claim.index}>
                  <ClaimSource claim={claim} />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          <span className="disputed-tag mark mark-disputed">Disputed</span>
          <ul className="accounts">
            {cell.claims.map((claim) => (
              <li key={claim.index}>
                <span className={`level mark mark-${claim.role.level}`}>
                  {levelState(claim.role.level)}
                </span>
                <ClaimSource claim={claim} />
              </li>
            ))}
          </ul>
        </>
      )}
    </td>
  );
});

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

/** The key: each level, "not recorded", "disputed" and the certainty words, each explained on
 * hover and focus. The cells repeat these words, so the cells themselves need no tab stop. */
const Legend = memo(function Legend() {
  return (
    <div className="legend">
      <p className="legend-title">Key</p>
      <ul>
        {LEVELS.map((level) => (
          <li key={level} className={`mark mark-${level}`}>
            <Term id={`level-${level}`}>{levelState(level)}</Term>
          </li>
        ))}
        <li className="mark mark-unknown">
          <span>
            <Term id="not-recorded" />: nobody has said (not the same as “no part”)
          </span>
        </li>
        <li className="mark mark-disputed">
          <span>
            <Term id="disputed" />: sources disagree; each account is shown
          </span>
        </li>
      </ul>
      <p className="legend-certainty">
        How sure each account is:{' '}
        {CERTAINTIES.map((c, i) => (
          <span key={c}>
            {i > 0 ? ', ' : null}
            <Term id={`certainty-${c}`}>{CERTAINTY_WORDS[c]}</Term>
          </span>
        ))}
        .
      </p>
      <p>
        <GlossaryLink anchor="levels">What the levels, stages and certainty mean</GlossaryLink>
      </p>
    </div>
  );
});
