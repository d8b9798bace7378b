/** A model's fit as a badge: shape, model and fit in words; the colour only repeats what they say. */
import { FIT_SHORT, fitWords, modelName, type Fit, type ModelId } from '../words.js';
import { FitShape } from './shapes.js';

export function FitBadge({
  model,
  fit,
  long = false,
}: {
  model?: ModelId;
  fit: Fit;
  long?: boolean;
}) {
  const words = long ? fitWords(fit) : FIT_SHORT[fit];
  return (
    <span className={`fit-badge fit-${fit}`}>
      <FitShape fit={fit} />
      {model ? (
        <span>
          {modelName(model)}: <strong>{words}</strong>
        </span>
      ) : (
        <strong>{words}</strong>
      )}
    </span>
  );
}
