import type { FeatureDefinition, FeatureSpec } from './definition';
import { isCategorical } from './definition';

/**
 * Column name of a categorical level. The `=` keeps names unambiguous because no spec name
 * contains one, and reads naturally in model cards ("Month=Nov").
 */
export function levelColumn(featureName: string, level: string): string {
  return `${featureName}=${level}`;
}

/** Columns one feature expands to: itself, or one per level for categoricals. */
export function columnsOf(def: FeatureDefinition): string[] {
  return isCategorical(def) ? def.levels.map((level) => levelColumn(def.name, level)) : [def.name];
}

/**
 * The documented model-input column order of a spec: features in spec order, categoricals
 * expanded in level order. The vectorizer writes exactly these columns.
 */
export function featureColumns(spec: FeatureSpec): string[] {
  return spec.features.flatMap(columnsOf);
}
