/**
 * The fleet's shoppers: every real UCI Online Shoppers session, in two views.
 *   - `session`: the whole CSV row, what a truth module's `pBuy(session, tier)` reads;
 *   - `device`: the feature record a device really computes for that visit, which the model scores.
 * The device view differs from the row where a real device cannot know the value: PageValues is site-wide
 * revenue attribution (Google Analytics), which a device computes from its own history only, so on a first
 * visit it is 0; the history features (recency, frequency, …) are absent because every simulated shopper is a
 * new device. `full` keeps the row's PageValues, to show what the model would do with information no device has.
 */
import type { RawFeatureRecord } from '../../core/features/definition';
import type { CsvSchema } from '../lib/csv';
import { loadUciShoppers } from '../datasets/uciShoppers';
import { readCsv } from '../lib/csv';
import type { UciSession } from './truthModule';

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
  /** What the device scores (PageValues 0, no history). */
  readonly device: readonly RawFeatureRecord[];
  /** The row's own session features, PageValues included. */
  readonly full: readonly RawFeatureRecord[];
  readonly path: string;
  readonly sha256: string;
}

/** The feature record a first-visit device computes for a session. */
export function deviceRecord(full: RawFeatureRecord): RawFeatureRecord {
  return { ...full, PageValues: 0 };
}

/** Reads the UCI sessions in `dataDir` (validated as for training) with their full rows. */
export async function loadFleetSessions(dataDir: string): Promise<FleetSessions> {
  const labelled = await loadUciShoppers(dataDir);
  const { rows } = await readCsv(labelled.path, UCI_FULL_SCHEMA);
  if (rows.length !== labelled.records.length) {
    throw new Error(`'dataDir' passed to 'loadFleetSessions': ${labelled.path} read as ${rows.length} and ${labelled.records.length} rows`);
  }
  return {
    sessions: rows.map((row) => Object.freeze(row)),
    device: labelled.records.map(deviceRecord),
    full: labelled.records,
    path: labelled.path,
    sha256: labelled.sha256,
  };
}
