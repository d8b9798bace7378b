/** Shapes that carry meaning beside the words, so that colour is never the only signal. */
import type { ReactNode } from 'react';
import type { Fit, Level } from '../words.js';
import './fit-shape.css';

const R = 6;

function Svg({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <svg
      className={className ? `shape ${className}` : 'shape'}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

const outline = <circle cx="8" cy="8" r={R} fill="none" stroke="currentColor" strokeWidth="1.5" />;

/** Harvey balls: the more of the circle is filled, the more say the party had at that stage. */
export function LevelShape({ level }: { level: Level | 'unknown' }) {
  switch (level) {
    case 'unknown':
      return (
        <Svg className="shape-unknown">
          <circle
            cx="8"
            cy="8"
            r={R}
            fill="none"
            stroke="currentColor"
            strokeWidth="1.3"
            strokeDasharray="2 2"
          />
          <text x="8" y="11" textAnchor="middle" fontSize="8" fontWeight="700" fill="currentColor">
            ?
          </text>
        </Svg>
      );
    case 'none':
      return (
        <Svg>
          {outline}
          <path d="M3.8 12.2 12.2 3.8" stroke="currentColor" strokeWidth="1.5" />
        </Svg>
      );
    case 'informed':
      return (
        <Svg>
          {outline}
          <path d="M8 8V2a6 6 0 0 1 6 6Z" fill="currentColor" />
        </Svg>
      );
    case 'consulted':
      return (
        <Svg>
          {outline}
          <path d="M8 2a6 6 0 0 1 0 12Z" fill="currentColor" />
        </Svg>
      );
    case 'partner':
      return (
        <Svg>
          {outline}
          <path d="M8 8V2a6 6 0 1 1-6 6Z" fill="currentColor" />
        </Svg>
      );
    case 'leads':
      return (
        <Svg>
          <circle cx="8" cy="8" r={R} fill="currentColor" stroke="currentColor" strokeWidth="1.5" />
        </Svg>
      );
  }
}

/** A tick for fits, a half-filled circle for partly, a cross for does not, a question mark for not
 * settled; drawn by CSS (fit-shape.css), as the grid's marks are: a library page has a hundred,
 * and as SVG they drew its next page a little slower (bench/web-profile.ts next, in turn). */
export function FitShape({ fit }: { fit: Fit }) {
  return <span className={`shape fit-shape fit-shape-${fit}`} aria-hidden="true" />;
}

/** A warning triangle, for disputed cells and the label check. */
export function WarningShape() {
  return (
    <Svg>
      <path d="M8 1.5 15 14H1Z" fill="currentColor" />
      <path d="M8 6v4" stroke="#fff" strokeWidth="1.6" />
      <circle cx="8" cy="12" r="0.9" fill="#fff" />
    </Svg>
  );
}

/** A pointer, marking the cells a reason rests on. */
export function PointerShape() {
  return (
    <Svg>
      <path d="M2 8h9M8 4.5 11.5 8 8 11.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </Svg>
  );
}
