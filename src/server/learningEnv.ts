/**
 * The central channel's start-up settings from the environment, apart from main.ts so they can be tested:
 * TAILOR_REPORT_CHANNEL (`local`, the default, or `central`) and TAILOR_CELL_PRIOR (the model bundle's
 * cells.json, read only on the central channel). A bad value stops the start with a message naming the
 * variable: a collector that silently fell back to the local channel would leave devices on the wrong one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseCellPriorFile, type CellPriorFile } from '../core/learning';
import type { ReportChannel } from './collector/settings';

/** TAILOR_REPORT_CHANNEL → the channel; throws on anything but unset, `local` or `central`. */
export function reportChannelFromEnv(value: string | undefined): ReportChannel {
  if (value === undefined || value === '' || value === 'local') return 'local';
  if (value === 'central') return 'central';
  throw new Error(`TAILOR_REPORT_CHANNEL must be 'local' or 'central', got ${JSON.stringify(value)}`);
}

/** The cell prior for the channel: null on the local channel; on the central one the parsed file at `path`. */
export function cellPriorFromEnv(channel: ReportChannel, path: string): CellPriorFile | null {
  if (channel === 'local') return null;
  if (!existsSync(path)) {
    throw new Error(`TAILOR_CELL_PRIOR: ${path} does not exist; the central channel needs the model bundle's cell prior (write it with 'tailor cell-prior', or point TAILOR_CELL_PRIOR at it)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`TAILOR_CELL_PRIOR: ${path} is not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return parseCellPriorFile(parsed, `TAILOR_CELL_PRIOR (${path})`);
}
