/** One or two sentences a board paper could quote, built from the reading. */
import type { ComponentAnalysis, ModelReadings } from './analysis.types.js';
import type { CaseFile, Component } from './case.schema.js';
import { MODEL_NAMES, MODELS, PARTY_KIND_WORDS, type Fit, type ModelId } from './vocabulary.js';

type Reading = Omit<ComponentAnalysis, 'summary'>;

const names = (models: readonly ModelId[]): string => list(models.map((m) => MODEL_NAMES[m]));

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function fitsOf(models: ModelReadings): { fits: ModelId[]; partly: ModelId[]; open: ModelId[] } {
  return {
    fits: MODELS.filter((m) => models[m].fit === 'fits'),
    partly: MODELS.filter((m) => models[m].fit === 'partly-fits'),
    open: MODELS.filter((m) => models[m].fit === 'undetermined'),
  };
}

function headline(models: ModelReadings): string {
  const { fits, partly, open } = fitsOf(models);
  if (fits.length > 0) {
    return `Best described as ${names(fits)}${partly.length > 0 ? `, and in part as ${names(partly)}` : ''}.`;
  }
  if (partly.length > 0) return `Fits ${names(partly)} in part; no model fits fully.`;
  if (open.length > 0)
    return `No model fits on the record as it stands; ${names(open)} cannot be settled without more facts.`;
  return 'None of the five models fits.';
}

export function componentSummary(component: Component, reading: Reading, several: boolean): string {
  const sentences = [headline(reading.models)];
  for (const attempt of component.attempts ?? []) {
    if (attempt.outcome === 'achieved' || reading.models[attempt.model].fit === 'fits') continue;
    const withWhom = attempt.with === undefined ? '' : ` with ${PARTY_KIND_WORDS[attempt.with]}`;
    sentences.push(
      `${capital(MODEL_NAMES[attempt.model])}${withWhom} was attempted but ${attempt.outcome === 'failed' ? 'not achieved' : 'is not yet achieved'}.`,
    );
  }
  // In a case of several parts the label is the initiative's, and the overall summary speaks to it.
  if (!several)
    for (const check of reading.labelCheck)
      sentences.push(`It is described as ${MODEL_NAMES[check.model]}, ${BEARS_OUT[check.fit]}.`);
  if (reading.humanisingWithoutEqualising)
    sentences.push('It is humane without evening out any relationship.');
  return sentences.join(' ');
}

export function overallSummary(
  doc: CaseFile,
  components: readonly ComponentAnalysis[],
  models: ModelReadings,
): string {
  const only = components[0];
  if (components.length === 1 && only !== undefined) return only.summary;
  const carriers = MODELS.flatMap((m) => {
    const full = components.filter((c) => c.models[m].fit === 'fits').map((c) => c.title);
    const part = components.filter((c) => c.models[m].fit === 'partly-fits').map((c) => c.title);
    if (full.length === 0 && part.length === 0) return [];
    const where = [
      full.length > 0 ? `in ${list(full)}` : '',
      part.length > 0 ? `in part in ${list(part)}` : '',
    ]
      .filter(Boolean)
      .join(', and ');
    return [`${MODEL_NAMES[m]} ${where}`];
  });
  const modelsFound = carriers.length;
  const opening =
    modelsFound > 1
      ? `A mix of models across its ${components.length} parts: ${carriers.join('; ')}.`
      : modelsFound === 1
        ? `Across its ${components.length} parts, one model is found: ${carriers[0] ?? ''}.`
        : `Across its ${components.length} parts, no model fits on the record as it stands.`;
  const sentences = [opening];
  const { open } = fitsOf(models);
  if (open.length > 0)
    sentences.push(`${capital(names(open))} cannot be settled without more facts.`);
  for (const check of doc.describedAs ?? []) {
    if (models[check].fit !== 'fits')
      sentences.push(`It is described as ${MODEL_NAMES[check]}, ${BEARS_OUT[models[check].fit]}.`);
  }
  return sentences.join(' ');
}

const BEARS_OUT: Record<Fit, string> = {
  fits: 'as the record bears out',
  'partly-fits': 'which the record bears out only in part',
  undetermined: 'which the record cannot yet settle',
  'does-not-fit': 'which the record does not bear out',
};

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
