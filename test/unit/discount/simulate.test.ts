import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logit } from '../../../src/core/model/calibration';
import { BASELINE_DESIGN_NAMES } from '../../../src/train/discount/lib/baselineDesign';
import { formatLoggedCsv } from '../../../src/train/discount/formatLogged';
import type { SimulationSource } from '../../../src/train/discount/simulate';
import { HOLDOUT_FRACTION, sessionPoolOf, simulateLogged } from '../../../src/train/discount/simulate';
import { DEFAULT_SIMULATION, parseSimulationConfig } from '../../../src/train/discount/simulationConfig';
import type { SimulationTruth } from '../../../src/train/discount/truth';
import { assertTruth, baselineProbability, oracleTier, segmentOf, trueConversion } from '../../../src/train/discount/truth';
import { cli, generatedSource, uciDataDir } from './lib/fixtures';

let source: SimulationSource;
beforeAll(async () => {
  source = await generatedSource(2000, 11);
});

describe('simulate-data', () => {
  it('is deterministic per seed, through the CLI, and differs across seeds', async () => {
    const dataDir = await uciDataDir(300, 3);
    const out = await mkdtemp(join(tmpdir(), 'tailor-sim-'));
    const run = async (name: string, seed: string) => {
      const result = await cli(['simulate-data', '--data', dataDir, '--out', join(out, name), '--rows', '400', '--seed', seed]);
      expect(result.code, result.stderr).toBe(0);
      return [await readFile(join(out, name), 'utf8'), await readFile(join(out, name.replace('.csv', '.truth.json')), 'utf8')];
    };
    const [a, aTruth] = await run('a.csv', '4');
    const [b, bTruth] = await run('b.csv', '4');
    const [c] = await run('c.csv', '5');
    expect(b).toBe(a);
    expect(bTruth).toBe(aTruth);
    expect(c).not.toBe(a);
    expect(a!.trimEnd().split('\n')).toHaveLength(401);
  });

  it('rejects bad flags and configs naming the flag or field', async () => {
    expect((await cli(['simulate-data', '--rows', '10'])).stderr).toContain("'--out' is required");
    expect((await cli(['simulate-data', '--out', 'x.txt'])).stderr).toContain("'--out' must name a .csv file");
    expect((await cli(['simulate-data', '--out', 'x.csv', '--sessions', 'some'])).stderr).toContain("'--sessions' must be one of all, train, holdout");
    expect(() => parseSimulationConfig({ propensities: [0.5, 0.5] })).toThrow(/'propensities' passed to 'parseSimulationConfig' must be an array of 5 probabilities/);
    expect(() => parseSimulationConfig({ segments: [{ name: 'a', maxUplift: 0.1, tau: 5, when: { minPageValues: 1 } }] })).toThrow(/'segments\[0\]\.when' .* must be empty/);
    expect(() => parseSimulationConfig({ tiers: [5, 10] })).toThrow(/'tiers'/);
  });

  it('fits a baseline whose mean equals the real purchase rate', () => {
    const truth = simulateLogged(source, { rows: 10, seed: 1, pool: 'all', config: DEFAULT_SIMULATION }).truth;
    expect(truth.baseline.design).toEqual(BASELINE_DESIGN_NAMES);
    const meanP0 = source.records.reduce((sum, r) => sum + baselineProbability(truth, r), 0) / source.records.length;
    const rate = Array.from(source.labels).reduce((a, b) => a + b, 0) / source.labels.length;
    // With an unpenalised intercept the logistic MLE reproduces the label mean.
    expect(Math.abs(meanP0 - rate)).toBeLessThan(1e-3);
  });

  it('its truth file reproduces the simulated conversion rate of every segment x tier', () => {
    const { rows, truth } = simulateLogged(source, { rows: 60_000, seed: 9, pool: 'all', config: DEFAULT_SIMULATION });
    const fromFile: unknown = JSON.parse(JSON.stringify(truth));
    assertTruth(fromFile);
    const cells = new Map<string, { n: number; converted: number; expected: number; variance: number }>();
    for (const row of rows) {
      const key = `${segmentOf(fromFile.config.segments, row.record)}/${row.tier}`;
      const cell = cells.get(key) ?? { n: 0, converted: 0, expected: 0, variance: 0 };
      const p = trueConversion(fromFile, row.record, row.tier);
      cell.n++;
      cell.converted += row.converted;
      cell.expected += p;
      cell.variance += p * (1 - p);
      cells.set(key, cell);
    }
    let checked = 0;
    for (const [key, cell] of cells) {
      if (cell.n < 300) continue;
      checked++;
      const z = (cell.converted - cell.expected) / Math.sqrt(cell.variance);
      expect(Math.abs(z), `segment/tier ${key}: ${cell.converted} converted, ${cell.expected.toFixed(1)} expected`).toBeLessThan(4);
    }
    expect(checked).toBeGreaterThanOrEqual(12);
    // Uniform logging by default: every row records propensity 1/5, and tiers are balanced.
    expect(new Set(rows.map((r) => r.propensity))).toEqual(new Set([0.2]));
    expect(rows.filter((r) => r.tier === 0).length / rows.length).toBeCloseTo(0.2, 1);
  });

  it('records configured propensities and draws tiers with them', () => {
    const config = parseSimulationConfig({ tiers: [0, 10], propensities: [0.8, 0.2] });
    const { rows } = simulateLogged(source, { rows: 20_000, seed: 2, pool: 'all', config });
    const share = rows.filter((r) => r.tier === 10).length / rows.length;
    expect(Math.abs(share - 0.2)).toBeLessThan(0.015);
    expect(rows.every((r) => r.propensity === (r.tier === 10 ? 0.2 : 0.8))).toBe(true);
    expect(formatLoggedCsv(rows.slice(0, 2)).split('\n')[0]).toContain('cart_value,tier,propensity,converted,order_value');
  });

  it('draws train and holdout files from disjoint session pools', () => {
    const holdout = Array.from({ length: 20_000 }, (_, i) => sessionPoolOf(i) === 'holdout').filter(Boolean).length / 20_000;
    expect(Math.abs(holdout - HOLDOUT_FRACTION)).toBeLessThan(0.015);
    const index = new Map(source.records.map((r, i) => [r, i]));
    for (const pool of ['train', 'holdout'] as const) {
      const { rows } = simulateLogged(source, { rows: 3000, seed: 7, pool, config: DEFAULT_SIMULATION });
      expect(rows.every((row) => sessionPoolOf(index.get(row.record)!) === pool)).toBe(true);
    }
  });

  it('computes the oracle tier from the truth (hand-computed case)', () => {
    // p0 = 0.1 everywhere (intercept only); one segment with a = 0.3, tau = 10; margin 0.4.
    // Expected margin per unit cart: t=0 .040, t=5 .218*.35=.076, t=10 .290*.30=.087, t=15 .331*.25=.083, t=20 .359*.20=.072.
    const truth: Pick<SimulationTruth, 'baseline' | 'config'> = {
      baseline: { design: BASELINE_DESIGN_NAMES, coefficients: BASELINE_DESIGN_NAMES.map((_, i) => (i === 0 ? logit(0.1) : 0)), l2: 0, fittedOn: 'test' },
      config: { ...DEFAULT_SIMULATION, segments: [{ name: 'all', maxUplift: 0.3, tau: 10, when: {} }] },
    };
    const row = { record: source.records[0]!, cartValue: 50 };
    expect(trueConversion(truth, row.record, 0)).toBeCloseTo(0.1, 12);
    expect(oracleTier(truth, row)).toBe(10);
    expect(oracleTier(truth, row, [0, 5])).toBe(5);
    // At a 6 % margin no discount pays for itself: t=0 .1*.06=.006 beats t=5 .218*.01=.002.
    expect(oracleTier(truth, row, undefined, 0.06)).toBe(0);
  });
});
