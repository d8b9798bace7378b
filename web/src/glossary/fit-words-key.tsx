/** One line above a list of cards naming the five models and the four fits, each explained on hover
 * and focus: the cards' badges repeat these words, so they need no tab stop of their own. */
import { FITS, FIT_SHORT, MODELS, modelName } from '../words.js';
import { Term } from './term.js';

export function FitWordsKey() {
  return (
    <p className="fit-words-key">
      Each card shows how the five models fit:{' '}
      {MODELS.map((m, i) => (
        <span key={m}>
          {i > 0 ? ', ' : null}
          <Term id={`model-${m}`}>{modelName(m)}</Term>
        </span>
      ))}
      . A model{' '}
      {FITS.map((f, i) => (
        <span key={f}>
          {i === 0 ? null : i === FITS.length - 1 ? ' or is ' : ', '}
          <Term id={`fit-${f}`}>{FIT_SHORT[f]}</Term>
        </span>
      ))}
      . On a card, Tab reaches the first badge word and the arrow keys the others.
    </p>
  );
}
