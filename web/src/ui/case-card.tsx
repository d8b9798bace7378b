/** A case in a list: its title, period, the reading in a sentence, and the five fits. */
import { memo } from 'react';
import type { CaseListing } from '../api.js';
import { paths } from '../paths.js';
import { Link } from '../router.js';
import { periodWords } from '../words.js';
import { FitBadges } from './fit-badges.js';

// Memoized: a new address redraws the page around the cards it still shows until the next arrive.
export const CaseCard = memo(function CaseCard({ item }: { item: CaseListing }) {
  const period = periodWords(item.period);
  const headingId = `case-${item.workspace}-${item.id}`;
  return (
    <article className="case-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link href={paths.case(item.workspace, item.id)}>{item.title}</Link>
      </h3>
      {period ? <p className="meta">{period}</p> : null}
      {/* The listing carries the kept reading's sentence: a page of cards is one request. */}
      <p className="reading-summary">
        <span className="reading-label">The reading: </span>
        {item.reading}
      </p>
      {item.summary ? <p className="case-summary">{item.summary}</p> : null}
      <FitBadges fits={(m) => item.fits[m]} label="How the five models fit the whole initiative" />
    </article>
  );
});
