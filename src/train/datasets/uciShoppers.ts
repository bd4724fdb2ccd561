/**
 * Loads the UCI "Online Shoppers Purchasing Intention" data as raw feature records plus the
 * Revenue label. The CSV schema is derived from the session features of the feature spec, so a
 * renamed spec feature fails loudly here instead of training on an all-missing column.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureSpec, RawFeatureRecord } from '../../core/features/definition';
import { isCategorical } from '../../core/features/definition';
import { FEATURE_SPEC } from '../../core/features/spec';
import type { CsvSchema } from '../lib/csv';
import { readCsv } from '../lib/csv';
import { UCI_SHOPPERS_FILE } from '../lib/paths';

/** The label column of the UCI data. */
export const UCI_LABEL = 'Revenue';

/** Records, 0/1 labels and provenance of a labelled data set. */
export interface LabelledData {
  readonly records: readonly RawFeatureRecord[];
  readonly labels: Uint8Array;
  readonly path: string;
  readonly sha256: string;
}

/** CSV schema: every session feature of `spec` with its cell type, plus the label. */
export function uciSchema(spec: FeatureSpec = FEATURE_SPEC): CsvSchema {
  const schema: Record<string, 'number' | 'string' | 'boolean'> = {};
  for (const def of spec.features) {
    if (def.source !== 'session') continue;
    schema[def.name] = isCategorical(def) ? 'string' : def.kind === 'binary' ? 'boolean' : 'number';
  }
  schema[UCI_LABEL] = 'boolean';
  return schema;
}

/** Reads `<dataDir>/online_shoppers_intention.csv`; categorical cells must be spec levels. */
export async function loadUciShoppers(dataDir: string, spec: FeatureSpec = FEATURE_SPEC): Promise<LabelledData> {
  const path = join(dataDir, UCI_SHOPPERS_FILE);
  if (!existsSync(path)) {
    throw new Error(`'dataDir' passed to 'loadUciShoppers' has no ${UCI_SHOPPERS_FILE}: ${path} does not exist (pass --data <folder>)`);
  }
  const { rows, bytes } = await readCsv(path, uciSchema(spec));
  if (rows.length === 0) throw new Error(`${path}: no data rows`);
  const categoricals = spec.features.filter(isCategorical).filter((def) => def.source === 'session');
  const labels = new Uint8Array(rows.length);
  const records = rows.map((row, i) => {
    for (const def of categoricals) {
      const value = row[def.name] as string;
      if (!def.levels.includes(value)) {
        throw new Error(`${path}:${i + 2}, column '${def.name}': '${value}' is not one of ${def.levels.join(', ')}`);
      }
    }
    labels[i] = row[UCI_LABEL] === true ? 1 : 0;
    const { [UCI_LABEL]: _label, ...record } = row;
    return record;
  });
  return { records, labels, path, sha256: createHash('sha256').update(bytes).digest('hex') };
}
