/** The five models' fits as a list of badges, each model name and fit word explained on hover and
 * focus; the list is one tab stop, and the arrow keys move along it (see useRovingFocus). */
import { MODELS, type Fit, type ModelId } from '../words.js';
import { FitBadge } from './fit-badge.js';
import { useRovingFocus } from './use-roving-focus.js';

export function FitBadges({
  fits,
  label,
  stacked = false,
}: {
  fits: (model: ModelId) => Fit;
  /** What the list is, for screen readers: "How the five models fit the whole initiative". */
  label: string;
  stacked?: boolean;
}) {
  const roving = useRovingFocus<HTMLUListElement>();
  return (
    <ul
      className={stacked ? 'fit-badges stacked' : 'fit-badges'}
      aria-label={label}
      ref={roving.ref}
      onFocus={roving.onFocus}
      onKeyDown={roving.onKeyDown}
    >
      {MODELS.map((m) => (
        <li key={m}>
          <FitBadge model={m} fit={fits(m)} explain />
        </li>
      ))}
    </ul>
  );
}
