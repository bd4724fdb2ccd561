/**
 * Any merchant tier set: arms follow the merchant's tiers end to end — the device reports a shown 7 % offer as
 * `tier7`, the collector counts it, calibrates and explores it, the dashboard labels it "7 % off" — and a tier the
 * offer model cannot score is refused at start-up, naming it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { ARMS, armDiscount, armOfTier, armsFor, isArm, policyTiers, sortArms, validateReport } from '../../../src/core/privacy';
import { tierScores } from '../../../src/core/model/tierScores';
import { armOf } from '../../../src/worker/sync/outcomes';
import { openDatabase, type Db } from '../../../src/server/db';
import { COLLECTOR_MIGRATIONS, mountCollector, type CollectorDeps } from '../../../src/server/collector';
import { mountDashboard } from '../../../src/server/dashboard';
import { HOLDOUT_TRUTH, TIER10_TRUTH, simulateReports } from './lib/simulate';
import { NOW, TODAY } from '../collector/lib/harness';

let db: Db;
afterEach(() => db?.close());

function app(deps: Partial<CollectorDeps> = {}) {
  db = openDatabase(':memory:');
  for (const m of COLLECTOR_MIGRATIONS) db.exec(m);
  const a = new Hono();
  const shared = { db, now: () => NOW, rateLimit: { limit: 100_000, windowMs: 60_000 }, ...deps };
  mountCollector(a, shared);
  mountDashboard(a, shared);
  return a;
}

describe('arms of any tier set', () => {
  it('names, orders and prices arms from the tiers', () => {
    expect(armsFor([25, 7])).toEqual(['holdout', 'none', 'tier7', 'tier25']);
    expect(armsFor([5, 10, 15, 20])).toEqual(ARMS);
    expect(sortArms(['tier25', 'none', 'tier7', 'holdout', 'tier7'])).toEqual(['holdout', 'none', 'tier7', 'tier25']);
    expect([armDiscount('tier7'), armDiscount('none'), armDiscount('holdout')]).toEqual([7, 0, 0]);
    expect(() => armOfTier(0)).toThrow(/'tier' passed to 'armOfTier' must be an integer percent in 1–99, got 0/);
    expect(['tier7', 'tier99', 'none'].every(isArm)).toBe(true);
    expect(['tier0', 'tier100', 'tier', 'all'].some(isArm)).toBe(false);
    expect(policyTiers([25, 7, 7])).toEqual(['0', '7', '25']);
  });

  it('a shown offer of a merchant tier is reported as its own arm, never as none', () => {
    const d = (tier: number, shown: boolean, kind = 'greedy') => ({ id: 'd', ts: 0, tier, shown, kind }) as Parameters<typeof armOf>[0];
    expect(armOf(d(7, true))).toBe('tier7');
    expect(armOf(d(25, true))).toBe('tier25');
    expect(armOf(d(7, false))).toBe('none');
    expect(armOf(d(0, false, 'holdout'))).toBe('holdout');
  });

  it('scores a tier between the model\'s levels by linear interpolation, none outside them', () => {
    const levels = [0, 5, 10, 15, 20];
    const p = [0.1, 0.2, 0.3, 0.35, 0.4];
    expect(tierScores(levels, p, [0, 7, 12, 20, 25])).toEqual([
      { tier: 0, p: 0.1 }, { tier: 7, p: expect.closeTo(0.24, 12) }, { tier: 12, p: expect.closeTo(0.32, 12) }, { tier: 20, p: 0.4 },
    ]);
  });
});

describe('the collector with a merchant\'s tiers', () => {
  it('refuses a tier the offer model cannot score, naming it', () => {
    expect(() => app({ merchantPolicy: { tiers: [7, 25] }, scorableTiers: { min: 1, max: 20, model: 'models/discount-response' } }))
      .toThrow(/'tiers' passed to 'mountCollector': 25 % is outside 1–20 %, the discounts the offer model \(models\/discount-response\) can score/);
  });

  it('counts, calibrates and labels the merchant\'s tiers', async () => {
    const a = app({ merchantPolicy: { tiers: [7, 12] }, scorableTiers: { min: 1, max: 20, model: 'm' }, modelPrior: { '0': 0.04, '7': 0.06, '12': 0.06 } });
    const fresh = (await (await a.request('/v1/config?site=demo')).json()) as { calibration: Record<string, number>; exploration: { weights: Record<string, number> } };
    expect(Object.keys(fresh.calibration).sort()).toEqual(['0', '12', '7']);
    expect(Object.keys(fresh.exploration.weights).sort()).toEqual(['0', '12', '7']);
    const reports = [
      ...simulateReports('holdout', HOLDOUT_TRUTH, 400, 1, { day: TODAY, epsilon: 8 }),
      ...simulateReports('tier7', TIER10_TRUTH, 400, 2, { day: TODAY, epsilon: 8 }),
    ];
    expect(reports.every((r) => validateReport(r).ok)).toBe(true);
    for (let i = 0; i < reports.length; i += 50) {
      const res = await a.request('/v1/reports', { method: 'POST', body: JSON.stringify({ site: 'demo', reports: reports.slice(i, i + 50) }) });
      expect(res.status).toBe(200);
    }
    const estimates = (await (await a.request('/v1/estimates?site=demo')).json()) as { groups: { group: string; suppressed: boolean; n?: number }[] };
    expect(estimates.groups.map((g) => g.group)).toEqual(['holdout', 'none', 'tier7', 'tier12', 'policy']);
    expect(estimates.groups.find((g) => g.group === 'tier7')).toMatchObject({ suppressed: false, n: 400 });
    const page = await (await a.request('/dashboard?site=demo')).text();
    expect(page).toContain('7 % off');
    expect(page).toContain('12 % off');
    expect(page).not.toContain('20 % off');
  });
});
