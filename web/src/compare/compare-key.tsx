/** The key to the compare grids: each level, "not recorded" and "not among its parties", each
 * explained on hover and focus, so that the cells, which repeat these words, need no tab stop. */
import { Term } from '../glossary/term.js';
import { GlossaryLink } from '../glossary/glossary-link.js';
import { LevelShape } from '../ui/shapes.js';
import { LEVELS, levelState } from '../words.js';

export function CompareKey() {
  return (
    <div className="legend">
      <p className="legend-title">Key</p>
      <ul>
        {LEVELS.map((level) => (
          <li key={level}>
            <LevelShape level={level} />
            <Term id={`level-${level}`}>{levelState(level)}</Term>
          </li>
        ))}
        <li>
          <LevelShape level="unknown" />
          <Term id="not-recorded" />
        </li>
        <li>
          <Term id="not-among-parties" />
        </li>
      </ul>
      <p>
        <GlossaryLink anchor="levels">What the levels and stages mean</GlossaryLink>
      </p>
    </div>
  );
}
