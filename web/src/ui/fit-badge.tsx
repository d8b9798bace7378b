/** A model's fit as a badge: shape, model and fit in words; the colour only repeats what they say. */
import { Term } from '../glossary/term.js';
import { FIT_SHORT, fitWords, modelName, type Fit, type ModelId } from '../words.js';
import { FitShape } from './shapes.js';

export function FitBadge({
  model,
  fit,
  long = false,
  explain = false,
}: {
  model?: ModelId;
  fit: Fit;
  long?: boolean;
  /** Gives the model name and fit words their meaning on hover and focus. */
  explain?: boolean;
}) {
  const short = long ? fitWords(fit) : FIT_SHORT[fit];
  const words = explain ? <Term id={`fit-${fit}`}>{short}</Term> : short;
  const name = model && explain ? <Term id={`model-${model}`}>{modelName(model)}</Term> : null;
  return (
    <span className={`fit-badge fit-${fit}`}>
      <FitShape fit={fit} />
      {model ? (
        <span>
          {name ?? modelName(model)}: <strong>{words}</strong>
        </span>
      ) : (
        <strong>{words}</strong>
      )}
    </span>
  );
}
