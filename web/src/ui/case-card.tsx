/** A case in a list: its title, period, the reading in a sentence, and the five fits. */
import { useEffect, useRef, useState } from 'react';
import { api, type CaseListing } from '../api.js';
import { paths } from '../paths.js';
import { Link } from '../router.js';
import { periodWords } from '../words.js';
import { FitBadges } from './fit-badges.js';

// Readings fetched already, by workspace, case and revision: paging back and forth costs nothing.
const readings = new Map<string, string>();

/** The reading's summary sentence, fetched only when the card comes into view. */
function useReadingSummary(item: CaseListing) {
  const key = `${item.workspace}/${item.id}@${item.revision}`;
  const ref = useRef<HTMLParagraphElement>(null);
  const [summary, setSummary] = useState(readings.get(key));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (summary !== undefined || !ref.current) return undefined;
    let live = true;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        void api.analysis(item.workspace, item.id, item.revision).then((r) => {
          if (!live) return;
          if (r.ok) {
            readings.set(key, r.value.overall.summary);
            setSummary(r.value.overall.summary);
          } else setFailed(true);
        });
      },
      { rootMargin: '200px' },
    );
    observer.observe(ref.current);
    return () => {
      live = false;
      observer.disconnect();
    };
  }, [key, item.workspace, item.id, item.revision, summary]);
  return { ref, summary, failed };
}

export function CaseCard({ item }: { item: CaseListing }) {
  const { ref, summary, failed } = useReadingSummary(item);
  const period = periodWords(item.period);
  const headingId = `case-${item.workspace}-${item.id}`;
  return (
    <article className="case-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link href={paths.case(item.workspace, item.id)}>{item.title}</Link>
      </h3>
      {period ? <p className="meta">{period}</p> : null}
      <p
        ref={ref}
        className="reading-summary"
        aria-busy={summary === undefined && !failed ? true : undefined}
      >
        <span className="reading-label">The reading: </span>
        {summary ?? (failed ? 'it could not be loaded; open the case to see it.' : 'loading…')}
      </p>
      {item.summary ? <p className="case-summary">{item.summary}</p> : null}
      <FitBadges fits={(m) => item.fits[m]} label="How the five models fit the whole initiative" />
    </article>
  );
}
