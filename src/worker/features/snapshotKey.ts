/**
 * Where the running features are saved between pages (see featureSnapshot.ts). Its own module so the worker's
 * retention sweep can discard a snapshot without loading the feature code.
 */

/** The `meta` key of the saved running features (declared in the data manifest). */
export const FEATURES_SNAPSHOT_KEY = 'features-snapshot';
