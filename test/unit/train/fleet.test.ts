import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RawFeatureRecord } from '../../../src/core/features/definition';
import { mulberry32 } from '../../../src/core/lib/random';
import { marginFor } from '../../../src/core/policy';
import { loadUciShoppers } from '../../../src/train/datasets/uciShoppers';
import { loadDiscountModel, type DiscountModel } from '../../../src/train/discount/discountModel';
import { fitBaseline } from '../../../src/train/discount/simulate';
import { DEFAULT_SIMULATION } from '../../../src/train/discount/simulationConfig';
import { trueConversion } from '../../../src/train/discount/truth';
import { runFleetCommand } from '../../../src/train/fleet/fleetCommand';
import { FINAL_DAYS, fleetFinal, fleetWeeks, pctOfOracle } from '../../../src/train/fleet/fleetSummary';
import { learningCurveSvg } from '../../../src/train/fleet/learningCurve';
import { runFleet, type FleetDecision } from '../../../src/train/fleet/runFleet';
import { checkTruthExports, loadTruthWorld, type UciSession } from '../../../src/train/fleet/truthModule';
import { deviceRecord, loadFleetSessions, UCI_FULL_SCHEMA, type FleetSessions } from '../../../src/train/fleet/uciSessions';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../../src/train/lib/paths';

const WORLDS = ['training', 'no-response', 'threshold', 'reverse'].map((w) => join(PROJECT_ROOT, 'bench/worlds', `${w}.mjs`));
const HAVE_UCI = existsSync(join(DEFAULT_DATA_DIR, 'online_shoppers_intention.csv'));
const MONTHS = ['Feb', 'Mar', 'May', 'June', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A synthetic population shaped like UCI rows, so these tests need no data file. */
function population(n: number, seed = 7): FleetSessions {
  const rng = mulberry32(seed);
  const sessions: UciSession[] = [];
  for (let i = 0; i < n; i++) {
    const products = Math.floor(rng() * 60);
    sessions.push({
      Administrative: Math.floor(rng() * 5),
      Administrative_Duration: rng() * 200,
      Informational: Math.floor(rng() * 2),
      Informational_Duration: rng() * 50,
      ProductRelated: products,
      ProductRelated_Duration: products * 40 * rng(),
      BounceRates: rng() * 0.05,
      ExitRates: 0.01 + rng() * 0.08,
      PageValues: rng() < 0.2 ? rng() * 60 : 0,
      SpecialDay: 0,
      Month: MONTHS[Math.floor(rng() * MONTHS.length)]!,
      OperatingSystems: 2,
      Browser: 2,
      Region: 1,
      TrafficType: 2,
      VisitorType: rng() < 0.15 ? 'New_Visitor' : 'Returning_Visitor',
      Weekend: rng() < 0.25,
      Revenue: false,
    });
  }
  const full = sessions.map((s) => {
    const { OperatingSystems: _o, Browser: _b, Region: _r, TrafficType: _t, Revenue: _v, ...record } = s;
    return record as RawFeatureRecord;
  });
  return { sessions, device: full.map((r) => deviceRecord(r)), full, path: 'synthetic', sha256: '' };
}

let model: DiscountModel;
beforeAll(async () => {
  model = await loadDiscountModel(join(PROJECT_ROOT, 'models/discount-response'));
});

describe('truth modules', () => {
  const session = population(1).sessions[0]!;

  it('refuse a module without pBuy, naming what it exports', () => {
    expect(() => checkTruthExports({ cartValue: () => 10 }, 'w.mjs')).toThrow(/w\.mjs must export a function pBuy\(session, tier\).*it exports cartValue/);
    expect(() => checkTruthExports({}, 'w.mjs')).toThrow(/it exports nothing/);
  });

  it('refuse a pBuy answer that is NaN or outside [0, 1], naming the tier and the session', () => {
    for (const bad of [NaN, 1.2, -0.1, '0.5']) {
      const world = checkTruthExports({ pBuy: () => bad }, 'w.mjs');
      expect(() => world.pBuy(session, 15, 41)).toThrow(new RegExp(`pBuy returned ${String(bad).replace('.', '\\.')} for tier 15 at w\\.mjs: session 41 \\(UCI data row 43\\)`));
    }
    expect(checkTruthExports({ pBuy: () => 0.25 }, 'w.mjs').pBuy(session, 0, 0)).toBe(0.25);
  });

  it('refuse a cartValue that is not a function or not a positive amount', () => {
    expect(() => checkTruthExports({ pBuy: () => 0.1, cartValue: 40 }, 'w.mjs')).toThrow(/exports cartValue as a number/);
    const world = checkTruthExports({ pBuy: () => 0.1, cartValue: () => 0 }, 'w.mjs');
    expect(() => world.cartValue!(session, Math.random, 3)).toThrow(/cartValue returned 0 at w\.mjs: session 3/);
  });

  it('name a missing file and a file that is not an ES module', async () => {
    await expect(loadTruthWorld('does/not/exist.mjs')).rejects.toThrow(/'--truth' file does not exist: .*exist\.mjs/);
    const dir = await mkdtemp(join(tmpdir(), 'tailor-truth-'));
    await writeFile(join(dir, 'broken.mjs'), 'export function pBuy( {');
    await expect(loadTruthWorld(join(dir, 'broken.mjs'))).rejects.toThrow(/broken\.mjs cannot be loaded as an ES module/);
  });

  it('every shipped world answers probabilities for every tier', async () => {
    const sessions = population(300).sessions;
    for (const path of WORLDS) {
      const world = await loadTruthWorld(path);
      sessions.forEach((s, i) => [0, 5, 10, 15, 20].forEach((tier) => world.pBuy(s, tier, i)));
      expect(world.cartValue!(sessions[0]!, mulberry32(1), 0)).toBeGreaterThan(0);
    }
  });

  it('the no-response world never moves with the tier; the threshold world moves only at 15 % and above', async () => {
    const sessions = population(400).sessions;
    const flat = await loadTruthWorld(WORLDS[1]!);
    const threshold = await loadTruthWorld(WORLDS[2]!);
    let lifted = 0;
    sessions.forEach((s, i) => {
      expect(flat.pBuy(s, 20, i)).toBe(flat.pBuy(s, 0, i));
      expect(threshold.pBuy(s, 10, i)).toBe(threshold.pBuy(s, 0, i));
      if (threshold.pBuy(s, 15, i) > threshold.pBuy(s, 0, i)) lifted++;
    });
    expect(lifted).toBeGreaterThan(0);
    expect(lifted).toBeLessThan(sessions.length / 4);
  });

  it.skipIf(!HAVE_UCI)(`the shipped training world is the training simulator's truth (needs ${DEFAULT_DATA_DIR})`, async () => {
    const data = await loadUciShoppers(DEFAULT_DATA_DIR);
    const truth = { baseline: fitBaseline({ records: data.records, labels: data.labels, file: 'uci', sha256: data.sha256 }), config: DEFAULT_SIMULATION };
    const world = await loadTruthWorld(WORLDS[0]!);
    let worst = 0;
    for (let i = 0; i < data.records.length; i += 7) {
      for (const tier of [0, 5, 10, 15, 20]) worst = Math.max(worst, Math.abs(world.pBuy(data.records[i] as UciSession, tier, i) - trueConversion(truth, data.records[i]!, tier)));
    }
    expect(worst).toBeLessThan(1e-4);
  });
});

describe('runFleet', () => {
  const pop = population(500);

  it('is deterministic for a seed and changes with it', async () => {
    const world = await loadTruthWorld(WORLDS[0]!);
    const run = (seed: number) => runFleet({ world, population: pop, model, shoppersPerDay: 300, days: 4, seed }).days;
    expect(run(3)).toEqual(run(3));
    expect(run(4)).not.toEqual(run(3));
  });

  it('orders the reference policies as their definitions require', async () => {
    const world = await loadTruthWorld(WORLDS[0]!);
    const { days, reports } = runFleet({ world, population: pop, model, shoppersPerDay: 400, days: 3, seed: 1, loop: 'shipped' });
    expect(reports).toBe(1200);
    for (const d of days) {
      expect(d.oracle).toBeGreaterThanOrEqual(Math.max(d.none, d.blanket10, d.static, d.staticFull, d.policy) - 1e-12);
      expect(d.offerShare).toBeGreaterThan(0);
      expect(d.offerShare).toBeLessThanOrEqual(1);
    }
    // The first two days are served the built-in default; reports of day 1 count from day 3.
    expect(days.map((d) => d.policyVersion)).toEqual(['default', 'default', '1']);
  });

  it('cells loop: every device draws from its cell\'s served allocation and records exactly that propensity', async () => {
    const world = await loadTruthWorld(WORLDS[2]!);
    const decisions: FleetDecision[] = [];
    const run = runFleet({ world, population: pop, model, shoppersPerDay: 1500, days: 6, seed: 2, onDecision: (d) => decisions.push(d) });
    // The first batch is day 1 alone, released once its reports have arrived (day 2): its config serves day 3.
    expect(run.days.map((d) => d.policyVersion).slice(0, 3)).toEqual(['1', '1', '2']);
    let drawn = 0;
    for (const { decision, allocation, arm } of decisions) {
      if (arm === 'holdout') continue;
      expect(allocation).toBeDefined();
      expect(decision.propensity).toBeCloseTo(allocation![String(decision.tier)]!, 12);
      drawn++;
    }
    expect(drawn).toBeGreaterThan(8000);
    // The per-cell ceiling lies between never discounting and the oracle, over the same final days.
    const last = run.days.slice(-FINAL_DAYS);
    const mean = (key: 'none' | 'oracle') => last.reduce((a, d) => a + d[key], 0) / last.length;
    expect(run.cellBest).toBeGreaterThanOrEqual(mean('none') - 1e-12);
    expect(run.cellBest).toBeLessThanOrEqual(mean('oracle') + 1e-12);
    expect(runFleet({ world, population: pop, model, shoppersPerDay: 50, days: 1, seed: 2, loop: 'shipped' }).cellBest).toBeNull();
    expect(run.privacy.epsilonPerDeviceWeek).toBeLessThanOrEqual(1);
    expect(run.privacy.delta).toBe(1e-9);
    expect(run.privacy.trustModel).toMatch(/central DP/);
  });

  it('cells loop: where no discount pays, learns to stop offering', async () => {
    const world = await loadTruthWorld(WORLDS[1]!);
    const { days } = runFleet({ world, population: pop, model, shoppersPerDay: 3000, days: 14, seed: 4 });
    const lastThree = days.slice(-3).reduce((a, d) => a + d.offerShare, 0) / 3;
    expect(days[0]!.offerShare).toBeGreaterThan(0.3);
    expect(lastThree).toBeLessThan(days[0]!.offerShare / 2);
  });

  it('shipped loop: records for every decision the propensity of the allocation served, and draws by it', async () => {
    const world = await loadTruthWorld(WORLDS[3]!);
    const decisions: FleetDecision[] = [];
    runFleet({ world, population: pop, model, shoppersPerDay: 2000, days: 4, seed: 5, loop: 'shipped', shipped: { explorationRate: 0.3 }, onDecision: (d) => decisions.push(d) });
    const expected = new Map<number, number>();
    const chosen = new Map<number, number>();
    let checked = 0;
    for (const { decision, served, arm } of decisions) {
      if (decision.kind === 'holdout') {
        expect(arm).toBe('holdout');
        continue;
      }
      const { policy } = served;
      // The allocation the served config defines: greedy with 1 − ε, the exploration weights with ε.
      const margin = marginFor(policy);
      const candidates = decision.candidates;
      const greedy = candidates.reduce((a, c) => (c.margin > a.margin + 1e-12 ? c : a), candidates[0]!);
      expect(decision.candidates.every((c) => Math.abs(c.margin - c.p * decision.orderValue * (margin - c.tier / 100)) < 1e-9)).toBe(true);
      const weights = candidates.map((c) => policy.explorationWeights[String(c.tier)] ?? (Object.keys(policy.explorationWeights).length ? 0 : 1));
      const total = weights.reduce((a, b) => a + b, 0);
      candidates.forEach((c, i) => {
        const p = (c === greedy ? 1 - policy.explorationRate : 0) + (policy.explorationRate * weights[i]!) / total;
        if (c.tier === decision.tier) expect(decision.propensity).toBeCloseTo(p, 12);
        expected.set(c.tier, (expected.get(c.tier) ?? 0) + p);
      });
      chosen.set(decision.tier, (chosen.get(decision.tier) ?? 0) + 1);
      expect(arm).toBe(decision.tier > 0 ? `tier${decision.tier}` : 'none');
      checked++;
    }
    expect(checked).toBeGreaterThan(6000);
    for (const [tier, mean] of expected) {
      // Sum of independent Bernoullis: within 5 SD of its expectation (SD ≤ sqrt(mean)).
      expect(Math.abs((chosen.get(tier) ?? 0) - mean)).toBeLessThan(5 * Math.sqrt(mean) + 1);
    }
  });

  it('stops with the session named when the world answers nonsense for it', () => {
    const world = checkTruthExports({ pBuy: (s: UciSession) => ((s.ProductRelated as number) === pop.sessions[17]!.ProductRelated ? NaN : 0.1) }, 'odd.mjs');
    expect(() => runFleet({ world, population: pop, model, shoppersPerDay: 10, days: 1, seed: 1 })).toThrow(/pBuy returned NaN for tier 0 at odd\.mjs: session \d+/);
  });

  it('refuses sizes that are not positive integers', async () => {
    const world = await loadTruthWorld(WORLDS[0]!);
    expect(() => runFleet({ world, population: pop, model, shoppersPerDay: 0, days: 1, seed: 1 })).toThrow(/'shoppersPerDay' passed to 'runFleet'/);
    expect(() => runFleet({ world, population: pop, model, shoppersPerDay: 1, days: 1.5, seed: 1 })).toThrow(/'days' passed to 'runFleet'/);
  });
});

describe('fleet figures', () => {
  const day = (d: number, policy: number, none: number, oracle: number) => ({ day: d, sessions: 100, policy, static: none, staticFull: none, none, blanket10: none, oracle, offerShare: 0.5, policyVersion: '1', reports: 100 });
  const served = { epsilonPerDeviceWeek: 5 * Math.log(3), delta: 0, trustModel: 'local DP' };

  it('pctOfOracle is the share of the incremental profit over the last 7 days, null when no discount can pay', () => {
    const days = [...Array.from({ length: 7 }, (_, i) => day(i + 1, 0, 10, 20)), ...Array.from({ length: 7 }, (_, i) => day(i + 8, 18, 10, 20))];
    expect(fleetFinal(days, served).pctOfOracle).toBeCloseTo(80, 10);
    expect(fleetFinal(days, served).sessions).toBe(1400);
    expect(pctOfOracle(9, 10, 10)).toBeNull();
    expect(fleetWeeks(days).map((w) => w.policyVsNonePct)).toEqual([-100, 80]);
    expect(fleetFinal(days, served).epsilonPerDeviceWeek).toBeCloseTo(5 * Math.log(3), 12);
  });

  it('the learning curve draws all four series and goes below zero when a policy loses money', () => {
    const svg = learningCurveSvg([day(1, 5, 10, 20), day(2, 15, 10, 20)], 'test <world>');
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    expect(svg).toContain('test &lt;world&gt;');
    expect(svg).toContain('>-50<');
    expect(learningCurveSvg([day(1, 9, 10, 10)], 'flat')).toContain('profit vs no discount, %');
  });
});

describe('tailor fleet', () => {
  it('names an unknown flag and a missing --truth', async () => {
    await expect(runFleetCommand(['--truth', WORLDS[0]!, '--shopers', '10'])).rejects.toThrow(/tailor fleet: .*'--shopers'.*tailor fleet --help/);
    await expect(runFleetCommand([])).rejects.toThrow(/tailor fleet: '--truth' is required/);
    await expect(runFleetCommand(['--truth', WORLDS[0]!, '--days', '0'])).rejects.toThrow(/'--days' must be an integer in \[1, 3650\], got '0'/);
  });

  it.skipIf(!HAVE_UCI)(`reads every UCI column for the truth, and scores what a first-visit device computes (needs ${DEFAULT_DATA_DIR})`, async () => {
    const fleet = await loadFleetSessions(DEFAULT_DATA_DIR);
    expect(fleet.sessions).toHaveLength(12_330);
    const first = fleet.sessions[0]!;
    expect(Object.keys(first).sort()).toEqual(Object.keys(UCI_FULL_SCHEMA).sort());
    expect([typeof first.Region, typeof first.Weekend, typeof first.Month]).toEqual(['number', 'boolean', 'string']);
    expect(fleet.device.every((r) => r.PageValues === 0)).toBe(true);
    expect(fleet.full.some((r) => (r.PageValues as number) > 0)).toBe(true);
  });
});

describe('score cuts for the cells', () => {
  it('are quantiles of the model\'s P(buy | no discount), distinct and ascending, and refuse a quantile outside (0, 1)', async () => {
    const { baselineQuantiles } = await import('../../../src/train/fleet/runFleet');
    // 5 levels per row; tier-0 scores 0.00 … 0.99 over 100 rows.
    const scores = Float64Array.from({ length: 500 }, (_, i) => (i % 5 === 0 ? i / 500 : 0.5));
    expect(baselineQuantiles(scores, 5, [0.8, 0.5])).toEqual([0.49, 0.79]);
    expect(baselineQuantiles(Float64Array.from({ length: 50 }, () => 0.1), 5, [0.3, 0.6])).toEqual([0.1]);
    expect(() => baselineQuantiles(scores, 5, [1])).toThrow(/'scoreCutQuantiles' passed to 'runFleet' must lie in \(0, 1\), got 1/);
  });
});
