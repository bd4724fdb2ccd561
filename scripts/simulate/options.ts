/**
 * Command-line options of `npm run simulate`, validated with errors that name
 * the flag.
 */
import { resolve } from 'node:path';

/** The true response to a shown offer: tier (percent) → added purchase probability. */
export type TrueUplift = Readonly<Record<number, number>>;

/** Parsed options. */
export interface SimulateOptions {
  /** Synthetic shoppers to drive through the shop. */
  shoppers: number;
  /** Browser contexts (shoppers) at a time. */
  parallel: number;
  /** Folder holding online_shoppers_intention.csv. */
  data: string;
  uplift: TrueUplift;
  /** Seed of the shopper sampling and purchase draws (the device's own noise stays cryptographic). */
  seed: number;
  /** Keep the server (and the dashboard) up after the summary, until Ctrl-C. */
  keep: boolean;
}

/** Default true response: 5 % → +2 pp, 10 % → +5 pp, 15 % → +7 pp, 20 % → +8 pp. */
export const DEFAULT_UPLIFT: TrueUplift = Object.freeze({ 5: 0.02, 10: 0.05, 15: 0.07, 20: 0.08 });

export const USAGE = `Usage: npm run simulate -- [--shoppers N] [--parallel P] [--data DIR] [--uplift 5:0.02,10:0.05,...] [--seed S] [--keep]

  --shoppers N   synthetic shoppers, each a fresh browser profile (default 200)
  --parallel P   browser contexts at a time (default 4)
  --data DIR     folder with online_shoppers_intention.csv (default ../shared/data)
  --uplift LIST  tier:rate pairs, the added purchase probability when that tier is shown
                 (default 5:0.02,10:0.05,15:0.07,20:0.08)
  --seed S       seed of the shopper sampling and purchase draws (default 7)
  --keep         keep the server running after the summary (open the dashboard; Ctrl-C to stop)`;

function fail(flag: string, rule: string, got: unknown): never {
  throw new Error(`'${flag}' passed to 'simulate' must be ${rule}, got ${JSON.stringify(got)}\n\n${USAGE}`);
}

function integer(flag: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n < min || n > max) fail(flag, `an integer in [${min}, ${max}]`, raw);
  return n;
}

/** Parses `5:0.02,10:0.05` into a tier → rate map. */
export function parseUplift(raw: string): TrueUplift {
  const out: Record<number, number> = {};
  for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [tier, rate] = pair.split(':');
    const t = Number(tier);
    const r = Number(rate);
    if (!Number.isInteger(t) || t <= 0 || t >= 100) fail('--uplift', 'tier:rate pairs with an integer tier in 1–99', pair);
    if (rate === undefined || !Number.isFinite(r) || r < 0 || r > 1) fail('--uplift', 'tier:rate pairs with a rate in [0, 1]', pair);
    out[t] = r;
  }
  if (Object.keys(out).length === 0) fail('--uplift', 'at least one tier:rate pair', raw);
  return out;
}

/** Parses `argv` (without node and the script). `root` is the project root, for the default data folder. */
export function parseSimulateArgs(argv: readonly string[], root: string): SimulateOptions {
  const options: SimulateOptions = { shoppers: 200, parallel: 4, data: resolve(root, '../shared/data'), uplift: DEFAULT_UPLIFT, seed: 7, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    switch (flag) {
      case '--shoppers':
        options.shoppers = integer(flag, value, 1, 100_000);
        i++;
        break;
      case '--parallel':
        options.parallel = integer(flag, value, 1, 32);
        i++;
        break;
      case '--data':
        if (!value) fail(flag, 'a folder', value);
        options.data = resolve(root, value);
        i++;
        break;
      case '--uplift':
        if (!value) fail(flag, 'tier:rate pairs', value);
        options.uplift = parseUplift(value);
        i++;
        break;
      case '--seed':
        options.seed = integer(flag, value, 0, 2 ** 31 - 1);
        i++;
        break;
      case '--keep':
        options.keep = true;
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        fail('argv', `one of --shoppers, --parallel, --data, --uplift, --seed, --keep`, flag);
    }
  }
  return options;
}
