/**
 * `tailor fleet`: the whole learning loop against a truth world the user writes, on the real code paths
 * (see runFleet.ts), with a line per day, `DIR/fleet.json` and `DIR/learning-curve.svg`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { loadDiscountModel } from '../discount/discountModel';
import { integerFlag, parseFlags, requiredFlag } from '../discount/lib/flags';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../lib/paths';
import { createProgress } from '../lib/progress';
import { fleetFinal, fleetWeeks, type FleetFinal } from './fleetSummary';
import { learningCurveSvg } from './learningCurve';
import { runFleet, type FleetDay, type LoopName } from './runFleet';
import { loadTruthWorld } from './truthModule';
import { loadFleetSessions } from './uciSessions';

/** Help text of `tailor fleet`. */
export const FLEET_HELP = `Usage: tailor fleet --truth FILE.mjs [options]

Runs the closed loop day by day on the product's own code: each simulated shopper is a real UCI session,
the device scores the features it would really compute (PageValues unknown on a first visit unless the shop
serves a page-value table: --page-values site), decides with what
the server served, reports, and the server learns the next config from the aggregates. The truth module
says how shoppers really respond:

  export function pBuy(session, tier) { ... }      // probability in [0, 1]; tier in {0, 5, 10, 15, 20}
  export function cartValue(session, rng) { ... }  // optional; order value > 0; rng() uniform in [0, 1)

session is one UCI row keyed by the CSV's column names. Worlds shipped in bench/worlds/ (README there).

Options:
  --truth <file.mjs>        the truth world (required)
  --shoppers-per-day <n>    sessions per simulated day (default: 10000)
  --days <n>                simulated days (default: 30)
  --seed <n>                seed of every draw (default: 1)
  --out <dir>               where fleet.json and learning-curve.svg go (default: .tmp/fleet/<world>)
  --data <dir>              folder with online_shoppers_intention.csv (default: ../shared/data)
  --model <dir>             discount-response bundle (default: models/discount-response)
  --loop <name>             cells (default): per-context learning on central-DP aggregates (src/core/learning);
                            shipped: the local-DP arm reports and global update the collector runs today
  --page-values <view>      none (default): devices have no page-value table, so PageValues is unknown on a
                            first visit; site: the shop serves its table (tailor page-values), priced as GA did
  --score-cuts <q,...>      cells loop: also cut the cells at these quantiles of the model's P(buy | no discount)
                            (e.g. 0.8: 24 cells); default none (12 cells)
  -h, --help                show this help`;

const money = (x: number) => x.toFixed(3).padStart(8);
const pct = (x: number | null) => (x === null ? '   n/a' : `${x.toFixed(1).padStart(6)}`);

function dayLine(d: FleetDay): string {
  return `day ${String(d.day).padStart(3)}  policy ${money(d.policy)}  static ${money(d.static)}  none ${money(d.none)}  blanket10 ${money(d.blanket10)}  oracle ${money(d.oracle)}  offers ${(d.offerShare * 100).toFixed(1).padStart(5)} %  config v${d.policyVersion}\n`;
}

function finalLines(final: FleetFinal): string {
  return [
    `last 7 days, % of the oracle's incremental profit: policy ${pct(final.pctOfOracle)}  static ${pct(final.pctOfOracleStatic)}  static on full features ${pct(final.pctOfOracleStaticFull)}  blanket 10 % ${pct(final.pctOfOracleBlanket10)}${final.pctOfOracleCellBest !== null ? `  best tier per cell (ceiling) ${pct(final.pctOfOracleCellBest)}` : ''}`,
    `policy vs no discount ${final.policyVsNonePct.toFixed(2)} % of profit; offers shown to ${(final.offerShare * 100).toFixed(1)} % of sessions`,
    `privacy: ε ${final.epsilonPerDeviceWeek.toFixed(3)} per device per week, δ ${final.delta} (${final.trustModel})`,
    '',
  ].join('\n');
}

/** Runs `tailor fleet` with the arguments after the subcommand. */
export async function runFleetCommand(argv: string[]): Promise<void> {
  const command = 'fleet';
  const flags = { truth: { type: 'string' }, 'shoppers-per-day': { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, data: { type: 'string' }, model: { type: 'string' }, loop: { type: 'string' }, 'page-values': { type: 'string' }, 'score-cuts': { type: 'string' } } as const;
  const values = parseFlags(argv, command, flags, FLEET_HELP);
  if (!values) return;
  const truthPath = requiredFlag(values, 'truth', command);
  const shoppersPerDay = integerFlag(values, 'shoppers-per-day', command, 10_000, 1, 10_000_000);
  const days = integerFlag(values, 'days', command, 30, 1, 3650);
  const seed = integerFlag(values, 'seed', command, 1, 0, 2 ** 32 - 1);
  const loop = (values.loop ?? 'cells') as LoopName;
  if (loop !== 'cells' && loop !== 'shipped') throw new Error(`tailor ${command}: '--loop' must be 'cells' or 'shipped', got '${String(values.loop)}'`);
  const pageValues = values['page-values'] ?? 'none';
  if (pageValues !== 'none' && pageValues !== 'site') throw new Error(`tailor ${command}: '--page-values' must be 'none' or 'site', got '${String(pageValues)}'`);
  const scoreCuts = typeof values['score-cuts'] === 'string' ? values['score-cuts'].split(',').map(Number) : [];
  if (scoreCuts.some((q) => !(q > 0 && q < 1))) throw new Error(`tailor ${command}: '--score-cuts' must be comma-separated quantiles in (0, 1), got '${String(values['score-cuts'])}'`);
  const world = await loadTruthWorld(truthPath, command);
  const out = resolve(typeof values.out === 'string' ? values.out : join(PROJECT_ROOT, '.tmp/fleet', basename(world.path).replace(/\.m?js$/, '')));
  const modelDir = resolve(typeof values.model === 'string' ? values.model : join(PROJECT_ROOT, 'models/discount-response'));
  const [population, model] = await Promise.all([loadFleetSessions(typeof values.data === 'string' ? resolve(values.data) : DEFAULT_DATA_DIR, pageValues), loadDiscountModel(modelDir)]);

  const started = performance.now();
  const progress = createProgress(`fleet ${basename(world.path)}`, days);
  const run = runFleet({
    world,
    population,
    model,
    shoppersPerDay,
    days,
    seed,
    loop,
    ...(scoreCuts.length ? { scoreCutQuantiles: scoreCuts } : {}),
    onDay: (d) => {
      process.stdout.write(dayLine(d));
      progress.tick(1, `day ${d.day}`);
    },
  });
  const wallSeconds = (performance.now() - started) / 1000;
  progress.finish(`${wallSeconds.toFixed(1)}s`);
  const final = fleetFinal(run.days, run.privacy, run.cellBest);
  const result = {
    world: world.path,
    seed,
    shoppersPerDay,
    model: modelDir,
    data: { path: population.path, sha256: population.sha256, sessions: population.sessions.length },
    loop,
    pageValues,
    scoreCutQuantiles: scoreCuts,
    wallSeconds: Math.round(wallSeconds * 10) / 10,
    days: run.days,
    weeks: fleetWeeks(run.days),
    final,
    lastState: run.state,
  };
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'fleet.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(join(out, 'learning-curve.svg'), learningCurveSvg(run.days, `tailor fleet: ${basename(world.path)}, ${shoppersPerDay} shoppers a day, loop '${loop}'`));
  process.stdout.write(finalLines(final));
  process.stdout.write(`wrote ${join(out, 'fleet.json')} and learning-curve.svg in ${wallSeconds.toFixed(1)}s\n`);
}
