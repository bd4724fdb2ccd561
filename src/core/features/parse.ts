/**
 * First cleaning step: turn a raw cell into a valid value or `null` (missing).
 * Anything malformed or outside the spec's validity range is "missing" rather than an error,
 * because a browser-side glitch must degrade one feature, not the whole prediction.
 */
import type { CategoricalFeatureDefinition, NumericFeatureDefinition } from './definition';

type RawValue = number | string | boolean | null | undefined;

const TRUE_WORDS = new Set(['true', 'yes']);
const FALSE_WORDS = new Set(['false', 'no']);

/** Parses a numeric or binary feature; booleans and "TRUE"/"FALSE" words count as 1/0. */
export function parseNumeric(raw: RawValue, def: NumericFeatureDefinition): number | null {
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'boolean') value = raw ? 1 : 0;
  else if (typeof raw === 'string') {
    const text = raw.trim();
    const word = text.toLowerCase();
    if (TRUE_WORDS.has(word)) value = 1;
    else if (FALSE_WORDS.has(word)) value = 0;
    else if (text === '') return null;
    else value = Number(text);
  } else return null;
  if (!Number.isFinite(value) || value < def.min || value > def.max) return null;
  if (def.kind === 'binary' && value !== 0 && value !== 1) return null;
  return value;
}

/** Parses a categorical feature; only the spec's exact level spellings are valid. */
export function parseCategorical(raw: RawValue, def: CategoricalFeatureDefinition): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  return def.levels.includes(text) ? text : null;
}
