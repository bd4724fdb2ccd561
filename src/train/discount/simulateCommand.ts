/**
 * `tailor simulate-data`: writes a semi-synthetic logged-offer CSV from the real UCI sessions,
 * plus the sidecar `FILE.truth.json` with every parameter of the simulated response.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadUciShoppers } from '../datasets/uciShoppers';
import { DEFAULT_DATA_DIR } from '../lib/paths';
import { integerFlag, parseFlags, readJsonFlag, requiredFlag } from './lib/flags';
import { formatLoggedCsv } from './formatLogged';
import { HOLDOUT_FRACTION, simulateLogged } from './simulate';
import { parseSimulationConfig } from './simulationConfig';
import type { SessionPool } from './truth';
import { segmentOf, truthPathFor } from './truth';

/** Help text of `tailor simulate-data`. */
export const SIMULATE_HELP = `Usage: tailor simulate-data --out FILE.csv [options]

Writes a logged randomized-offer CSV (format: src/train/discount/README.md) whose shoppers are real
UCI Online Shoppers sessions and whose response to discount tiers is simulated with a known truth,
and FILE.truth.json with the exact parameters (so the oracle policy is computable).

Options:
  --out <file.csv>     output CSV (required); the truth goes next to it as <file>.truth.json
  --data <dir>         folder with online_shoppers_intention.csv (default: ../shared/data next to the project)
  --rows <n>           rows to simulate, sessions drawn with replacement (default: 60000)
  --seed <n>           seed of every draw (default: 1)
  --sessions <pool>    all | train | holdout: the fixed ${Math.round((1 - HOLDOUT_FRACTION) * 100)}/${Math.round(HOLDOUT_FRACTION * 100)} partition of real sessions
                       (by row index, independent of --seed), so training and evaluation files never
                       share a session (default: all)
  --config <file.json> simulation parameters over the defaults (tiers, propensities, margin,
                       segments, cart); see src/train/discount/simulationConfig.ts
  -h, --help           show this help`;

const POOLS: readonly SessionPool[] = ['all', 'train', 'holdout'];

/** Runs `tailor simulate-data` with the arguments after the subcommand. */
export async function runSimulateCommand(argv: string[]): Promise<void> {
  const command = 'simulate-data';
  const values = parseFlags(argv, command, { out: { type: 'string' }, data: { type: 'string' }, rows: { type: 'string' }, seed: { type: 'string' }, sessions: { type: 'string' }, config: { type: 'string' } }, SIMULATE_HELP);
  if (!values) return;
  const out = resolve(requiredFlag(values, 'out', command));
  if (!out.toLowerCase().endsWith('.csv')) throw new Error(`tailor ${command}: '--out' must name a .csv file, got '${out}'`);
  const rows = integerFlag(values, 'rows', command, 60_000, 1, 10_000_000);
  const seed = integerFlag(values, 'seed', command, 1, 0, Number.MAX_SAFE_INTEGER);
  const pool = (values.sessions ?? 'all') as SessionPool;
  if (!POOLS.includes(pool)) throw new Error(`tailor ${command}: '--sessions' must be one of ${POOLS.join(', ')}, got '${String(values.sessions)}'`);
  let config;
  try {
    config = parseSimulationConfig(typeof values.config === 'string' ? await readJsonFlag(resolve(values.config), 'config', command) : undefined);
  } catch (error) {
    throw new Error(`tailor ${command}: ${(error as Error).message}`, { cause: error });
  }

  const started = performance.now();
  const data = await loadUciShoppers(typeof values.data === 'string' ? resolve(values.data) : DEFAULT_DATA_DIR);
  const { rows: logged, truth } = simulateLogged({ records: data.records, labels: data.labels, file: 'online_shoppers_intention.csv', sha256: data.sha256 }, { rows, seed, pool, config });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, formatLoggedCsv(logged));
  const truthPath = truthPathFor(out);
  await writeFile(truthPath, `${JSON.stringify(truth, null, 2)}\n`);

  const counts = config.segments.map(() => ({ rows: 0, converted: 0 }));
  let converted = 0;
  for (const row of logged) {
    const c = counts[segmentOf(config.segments, row.record)]!;
    c.rows++;
    c.converted += row.converted;
    converted += row.converted;
  }
  process.stdout.write(`simulated ${rows} rows from ${truth.sampling.poolSessions} real sessions (pool '${pool}', seed ${seed}); conversion ${(converted / rows * 100).toFixed(2)} %\n`);
  config.segments.forEach((s, i) => {
    const c = counts[i]!;
    process.stdout.write(`  ${s.name.padEnd(20)} ${String(c.rows).padStart(8)} rows  conversion ${c.rows ? ((c.converted / c.rows) * 100).toFixed(2) : '-'} %  max uplift ${s.maxUplift}  tau ${s.tau}\n`);
  });
  process.stdout.write(`wrote ${out} and ${truthPath} in ${((performance.now() - started) / 1000).toFixed(1)}s\n`);
}
