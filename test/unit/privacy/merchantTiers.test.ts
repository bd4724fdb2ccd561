/**
 * Any merchant tier set, in core and on the device: arms of any tier, a shown 7 % offer reported as `tier7`, a
 * tier between the model's levels interpolated. The collector side (counted, calibrated, labelled "7 % off",
 * an unscorable tier refused at start-up) is in test/unit/collector/dashboard.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ARMS, armDiscount, armOfTier, armsFor, isArm, policyTiers, sortArms } from '../../../src/core/privacy';
import { tierScores } from '../../../src/core/model/tierScores';
import { armOf } from '../../../src/worker/sync/outcomes';

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
