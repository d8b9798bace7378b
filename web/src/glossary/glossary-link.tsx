/** A link from a word in the reading to its explanation in the glossary. */
import type { ReactNode } from 'react';
import { Link } from '../router.js';
import { glossaryHref } from './glossary-words.js';
import './glossary.css';

export function GlossaryLink({ anchor, children }: { anchor?: string; children: ReactNode }) {
  return (
    <Link href={glossaryHref(anchor)} className="glossary-link">
      {children}
    </Link>
  );
}
