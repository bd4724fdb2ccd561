import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUDGET_WINDOW_DAYS, DEFAULT_BUDGET, budgetSummary, checkBudget, emptyLedger, recordSpend, utcDay, type BudgetLedger } from '../../../src/core/privacy';

const DAY = 86_400_000;
const LN3 = Math.log(3);
const at = (day: number, hour = 12) => day * DAY + hour * 3_600_000;

describe('contribution budget', () => {
  it('caps reports per UTC day', () => {
    let ledger = emptyLedger();
    ledger = recordSpend(ledger, DEFAULT_BUDGET, LN3, at(100, 1));
    ledger = recordSpend(ledger, DEFAULT_BUDGET, LN3, at(100, 2));
    expect(checkBudget(ledger, DEFAULT_BUDGET, LN3, at(100, 23))).toEqual({ allowed: false, reason: 'daily-cap', retryDay: 101 });
    // Midnight UTC resets the daily count.
    expect(checkBudget(ledger, DEFAULT_BUDGET, LN3, at(101, 0))).toEqual({ allowed: true });
    expect(() => recordSpend(ledger, DEFAULT_BUDGET, LN3, at(100, 23))).toThrow(/'recordSpend' refused.*daily-cap/);
  });

  it('caps ε over any 7-day window: 5 × ln 3 by default', () => {
    let ledger = emptyLedger();
    // One report a day on days 100..104 spends 5 ln 3.
    for (let d = 100; d < 105; d++) ledger = recordSpend(ledger, DEFAULT_BUDGET, LN3, at(d));
    expect(budgetSummary(ledger, DEFAULT_BUDGET, at(104)).epsilonRemaining).toBeCloseTo(0, 9);
    // Day 105 and 106 are still within the window of day 100; day 107 (= 100 + 7) frees day 100's ε.
    expect(checkBudget(ledger, DEFAULT_BUDGET, LN3, at(105))).toEqual({ allowed: false, reason: 'weekly-epsilon', retryDay: 107 });
    expect(checkBudget(ledger, DEFAULT_BUDGET, LN3, at(107))).toEqual({ allowed: true });
    // A single report above the whole budget can never be sent.
    expect(checkBudget(emptyLedger(), DEFAULT_BUDGET, 6, at(1))).toMatchObject({ allowed: false, retryDay: Number.POSITIVE_INFINITY });
  });

  it('summarises the window for the audit view and forgets days outside it', () => {
    let ledger: BudgetLedger = emptyLedger();
    ledger = recordSpend(ledger, DEFAULT_BUDGET, 0.5, at(10));
    ledger = recordSpend(ledger, DEFAULT_BUDGET, 0.25, at(12));
    ledger = recordSpend(ledger, DEFAULT_BUDGET, 0.25, at(12, 13));
    const s = budgetSummary(ledger, DEFAULT_BUDGET, at(12, 20));
    expect(s).toMatchObject({ today: 12, reportsToday: 2, windowFrom: 6, windowTo: 12, epsilonSpent: 1, days: [{ day: 10, reports: 1, epsilon: 0.5 }, { day: 12, reports: 2, epsilon: 0.5 }] });
    ledger = recordSpend(ledger, DEFAULT_BUDGET, 0.1, at(17));
    expect(ledger.days.map((d) => d.day)).toEqual([12, 17]);
    expect(utcDay(at(17, 23))).toBe(17);
  });

  it('never lets the window total exceed the budget, whatever the request sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0.05, max: 3, noNaN: true })), { maxLength: 80 }), (requests) => {
        let ledger = emptyLedger();
        const sent: { day: number; eps: number }[] = [];
        let now = 0;
        for (const [gapHours, eps] of requests) {
          now += gapHours * 3_600_000;
          if (checkBudget(ledger, DEFAULT_BUDGET, eps, now).allowed) {
            ledger = recordSpend(ledger, DEFAULT_BUDGET, eps, now);
            sent.push({ day: utcDay(now), eps });
          }
        }
        for (const { day } of sent) {
          const windowSum = sent.filter((s) => s.day > day - BUDGET_WINDOW_DAYS && s.day <= day).reduce((a, s) => a + s.eps, 0);
          expect(windowSum).toBeLessThanOrEqual(DEFAULT_BUDGET.weeklyEpsilon + 1e-9);
          expect(sent.filter((s) => s.day === day).length).toBeLessThanOrEqual(DEFAULT_BUDGET.maxReportsPerDay);
        }
      }),
    );
  });
});
