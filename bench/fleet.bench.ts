/**
 * The learning loops against every truth world in bench/worlds (the four designed with the product and the three
 * in unseen/, written without reading it): `tailor fleet` run as a user runs it (30 days × 10,000 shoppers,
 * seed 1; `--quick`: 7 days × 2,000), for the per-context loop (`--loop cells`, the default) and the loop the
 * product ships today (`--loop shipped`), fleet.json read back; `cells+table` is the per-context loop on devices the
 * shop served its page-value table (`--page-values site`), the others score PageValues unknown as a first visit does. A run is deterministic for its seed, so each
 * world's outcome is one run; the wall time is the median over the runs. Needs the UCI data in ../shared/data
 * (or TAILOR_DATA).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { figure, type Benchmark, type Figure } from './lib/figure';

const WORLDS = ['training', 'no-response', 'threshold', 'reverse', 'unseen/weekend-mobile', 'unseen/deal-hunters', 'unseen/late-season'];
/** The loops run, by figure name: the per-context loop without and with the shop's page-value table, and today's. */
const VARIANTS = [
  { name: 'cells', args: ['--loop', 'cells'] },
  { name: 'cells+table', args: ['--loop', 'cells', '--page-values', 'site'] },
  { name: 'shipped', args: ['--loop', 'shipped'] },
] as const;

interface FleetJson {
  wallSeconds: number;
  weeks: { week: number; policyVsNonePct: number }[];
  final: {
    pctOfOracle: number | null;
    pctOfOracleStatic: number | null;
    pctOfOracleStaticFull: number | null;
    pctOfOracleCellBest: number | null;
    policyVsNonePct: number;
    offerShare: number;
    epsilonPerDeviceWeek: number;
    delta: number;
  };
}

const show = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));

export const benchmark: Benchmark = {
  title: 'Fleet: the learning loop against truth worlds',
  async run({ quick }) {
    const [days, shoppers] = quick ? [7, 2000] : [30, 10_000];
    const figures: Figure[] = [];
    const walls: number[] = [];
    for (const { name: loop, args: loopArgs } of VARIANTS) {
      for (const world of WORLDS) {
        const out = join('.tmp/bench-fleet', loop, world);
        const args = ['bin/tailor.js', 'fleet', ...loopArgs, '--truth', `bench/worlds/${world}.mjs`, '--days', String(days), '--shoppers-per-day', String(shoppers), '--seed', '1', '--out', out];
        if (process.env.TAILOR_DATA) args.push('--data', process.env.TAILOR_DATA);
        await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 2 ** 20 });
        const run = JSON.parse(await readFile(join(out, 'fleet.json'), 'utf8')) as FleetJson;
        const f = run.final;
        walls.push(run.wallSeconds);
        const worstWeek = Math.min(...run.weeks.filter((w) => w.week > 1).map((w) => w.policyVsNonePct));
        const name = `fleet ${loop} ${world}`;
        const note = `${days} d × ${shoppers}/d, seed 1; static (device features) ${show(f.pctOfOracleStatic)} %, static on full features ${show(f.pctOfOracleStaticFull)} %${f.pctOfOracleCellBest !== null ? `; best tier per cell (ceiling) ${show(f.pctOfOracleCellBest)} %` : ''}; ε ${f.epsilonPerDeviceWeek.toFixed(2)}, δ ${f.delta} per device per week`;
        if (f.pctOfOracle !== null) figures.push(figure(`${name}: policy, % of oracle incremental profit (last 7 days)`, '%', [f.pctOfOracle], note));
        figures.push(figure(`${name}: policy vs no discount (last 7 days)`, '% of profit', [f.policyVsNonePct], `worst week after the first ${worstWeek.toFixed(2)} %`));
        figures.push(figure(`${name}: sessions shown an offer (last 7 days)`, '%', [100 * f.offerShare]));
      }
    }
    figures.push(figure(`fleet: wall time of one ${days} d × ${shoppers}/d run`, 's', walls, 'median over every world and loop; tailor fleet, one process'));
    return figures;
  },
};
