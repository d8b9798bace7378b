/** The glossary: every model, fit, level, stage and certainty in plain words, each with an anchor. */
import { useEffect } from 'react';
import { Page } from '../ui/page.js';
import { GLOSSARY } from './glossary-words.js';
import './glossary.css';

export function GlossaryPage() {
  // Arriving at an entry (#model-co-production) from a link: show it and put the focus on it.
  useEffect(() => {
    const show = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      const target = id ? document.getElementById(id) : null;
      if (!target) return;
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    };
    const timer = window.setTimeout(show, 0);
    window.addEventListener('hashchange', show);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('hashchange', show);
    };
  }, []);
  return (
    <Page title="Glossary">
      <p className="lede">The words Coprism uses in a reading, in plain English.</p>
      <nav aria-labelledby="glossary-contents" className="glossary-contents">
        <h2 id="glossary-contents">Contents</h2>
        <ul>
          {GLOSSARY.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      {GLOSSARY.map((section) => (
        <section key={section.id} aria-labelledby={section.id} className="glossary-section">
          <h2 id={section.id} tabIndex={-1}>
            {section.title}
          </h2>
          <p>{section.intro}</p>
          <dl className="glossary">
            {section.entries.map((entry) => (
              <div key={entry.id} className="glossary-entry">
                <dt id={entry.id} tabIndex={-1}>
                  {entry.term}
                  {entry.also ? <span className="glossary-also"> (also: {entry.also})</span> : null}
                </dt>
                <dd>{entry.meaning}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Page>
  );
}
