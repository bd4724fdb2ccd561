/**
 * The fleet's shoppers: every real UCI Online Shoppers session, in two views.
 *   - `session`: the whole CSV row, what a truth module's `pBuy(session, tier)` reads;
 *   - `device`: the feature record a device really computes for that visit, which the model scores.
 * The device view differs from the row where a real device cannot know the value: PageValues is site-wide
 * revenue attribution (Google Analytics). A device that was served the shop's page-value table (`tailor
 * page-values`, `--page-values site`) prices its pages as GA did; without one (`none`, the default: a shop that
 * set none up) a first visit cannot, and flags PageValues unknown (0, PageValues_missing 1). The history features
 * (recency, frequency, …) are absent because every simulated shopper is a new device. `full` keeps the row's
 * PageValues, to show what the model would do with information no device has.
 */
import type { RawFeatureRecord } from '../../core/features/definition';
import type { CsvSchema } from '../lib/csv';
import { loadUciShoppers } from '../datasets/uciShoppers';
import { readCsv } from '../lib/csv';
import type { UciSession } from './truthModule';
import { withKnownPageValues, withUnknownPageValues } from '../pipeline/runtimeViews';

/** Whether the simulated devices were served the shop's page-value table. */
export type DevicePageValues = 'none' | 'site';

/** Every column of the UCI file, typed as the truth module sees it. */
export const UCI_FULL_SCHEMA: CsvSchema = {
  Administrative: 'number',
  Administrative_Duration: 'number',
  Informational: 'number',
  Informational_Duration: 'number',
  ProductRelated: 'number',
  ProductRelated_Duration: 'number',
  BounceRates: 'number',
  ExitRates: 'number',
  PageValues: 'number',
  SpecialDay: 'number',
  Month: 'string',
  OperatingSystems: 'number',
  Browser: 'number',
  Region: 'number',
  TrafficType: 'number',
  VisitorType: 'string',
  Weekend: 'boolean',
  Revenue: 'boolean',
};

/** The fleet's population of sessions. */
export interface FleetSessions {
  readonly sessions: readonly UciSession[];
  /** What the device scores (PageValues as the table prices it, or unknown; no history). */
  readonly device: readonly RawFeatureRecord[];
  /** The row's own session features, PageValues included. */
  readonly full: readonly RawFeatureRecord[];
  readonly path: string;
  readonly sha256: string;
}

/** The feature record a first-visit device computes for a session, with or without the site's table. */
export function deviceRecord(full: RawFeatureRecord, pageValues: DevicePageValues = 'none'): RawFeatureRecord {
  return pageValues === 'site' ? withKnownPageValues(full) : withUnknownPageValues(full);
}

/** Reads the UCI sessions in `dataDir` (validated as for training) with their full rows. */
export async function loadFleetSessions(dataDir: string, pageValues: DevicePageValues = 'none'): Promise<FleetSessions> {
  const labelled = await loadUciShoppers(dataDir);
  const { rows } = await readCsv(labelled.path, UCI_FULL_SCHEMA);
  if (rows.length !== labelled.records.length) {
    throw new Error(`'dataDir' passed to 'loadFleetSessions': ${labelled.path} read as ${rows.length} and ${labelled.records.length} rows`);
  }
  return {
    sessions: rows.map((row) => Object.freeze(row)),
    device: labelled.records.map((r) => deviceRecord(r, pageValues)),
    full: labelled.records.map(withKnownPageValues),
    path: labelled.path,
    sha256: labelled.sha256,
  };
}
