/**
 * What a device really scores on, emulated on UCI rows. GA priced every UCI page with the site's page values; a
 * device prices them only with the site's table (`GET /v1/config`) or, without one, from its own history, and
 * flags PageValues missing when neither priced a page (src/core/sessionFeatures/README.md).
 *
 * - `site`: the device has the site's table — UCI's PageValues as GA computed them.
 * - `none`: a first visit without a table — PageValues unknown on every row.
 * - `local`: no table; a returning visitor whose own history priced the session's pages keeps a value. UCI cannot
 *   say which pages a device saw before, so half the returning rows with a positive value keep it (seeded) and
 *   every other row is unknown. An upper bound: a device's history value leaves the current visit's own purchase
 *   out, UCI's does not.
 *
 * Training sees both regimes: every training and validation row twice, as GA priced it and as a device without a
 * table sees it, so the model learns to rank on the other features when PageValues is unknown instead of reading
 * an unknown as a worthless visit.
 */
import type { RawFeatureRecord } from '../../core/features/definition';
import { mulberry32 } from '../../core/lib/random';

/** The three ways a device can see a session's PageValues. */
export const RUNTIME_VIEWS = ['site', 'none', 'local'] as const;
export type RuntimeView = (typeof RUNTIME_VIEWS)[number];

/** What each view means, for tables and the model card. */
export const RUNTIME_VIEW_LABELS: Readonly<Record<RuntimeView, string>> = {
  site: 'with the page-value table',
  none: 'first visit, no table',
  local: 'returning visitor, own history, no table',
};

/** Share of returning rows with a positive value whose own history priced the pages in the `local` view. */
export const LOCAL_HISTORY_SHARE = 0.5;

/** `record` as a device that could not price its pages computes it. */
export function withUnknownPageValues(record: RawFeatureRecord): RawFeatureRecord {
  return { ...record, PageValues: 0, PageValues_missing: 1 };
}

/** `record` as GA priced it (a UCI row, which has no missingness column). */
export function withKnownPageValues(record: RawFeatureRecord): RawFeatureRecord {
  return { ...record, PageValues_missing: 0 };
}

/** `records` as devices would score them under `view`; `seed` draws the `local` view's rows. */
export function runtimeView(records: readonly RawFeatureRecord[], view: RuntimeView, seed: number): RawFeatureRecord[] {
  if (view === 'site') return records.map(withKnownPageValues);
  if (view === 'none') return records.map(withUnknownPageValues);
  const rng = mulberry32(seed);
  return records.map((r) => {
    const priced = r.VisitorType === 'Returning_Visitor' && Number(r.PageValues) > 0 && rng() < LOCAL_HISTORY_SHARE;
    return priced ? withKnownPageValues(r) : withUnknownPageValues(r);
  });
}

/** Every record twice: as GA priced it, then unknown (the training augmentation above). */
export function withBothRegimes(records: readonly RawFeatureRecord[]): RawFeatureRecord[] {
  return [...records.map(withKnownPageValues), ...records.map(withUnknownPageValues)];
}
