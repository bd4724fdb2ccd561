import { describe, expect, it } from 'vitest';
import { complementSafe, countCells, kThreshold, passesK, poolTallies, reportCells, tallyRows, fieldEpsilon, type CountRow } from '../../../src/core/privacy';
import { VALID } from './lib/fixtures';

describe('count cells', () => {
  it('turns a report into one cell per randomised field, and nothing else', () => {
    const cells = reportCells(VALID);
    expect(cells.map((c) => [c.field, c.value])).toEqual([
      ['clicked', 1],
      ['copied', 0],
      ['redeemed', 0],
      ['purchased', 1],
      ['orderValueBucket', 3],
      ['satisfaction', 1],
    ]);
    for (const c of cells) expect(Object.keys(c).sort()).toEqual(['arm', 'count', 'day', 'epsilon', 'field', 'policyVersion', 'schema', 'value']);
  });

  it('merges identical cells and groups them by key and channel', () => {
    const other = { ...VALID, idempotencyKey: 'f'.repeat(32), purchased: 0 as const, epsilon: 1 };
    const rows = countCells([VALID, VALID, other]);
    expect(rows.find((r) => r.field === 'clicked' && r.epsilon === VALID.epsilon)!.count).toBe(2);
    const groups = tallyRows(rows, (r) => r.arm);
    const tier10 = groups.get('tier10')!;
    expect(tier10.n).toBe(3);
    // Two channels (ε = ln 3 and ε = 1) for every field.
    expect(tier10.fields.purchased).toEqual([
      { epsilon: fieldEpsilon(VALID.epsilon, 'purchased'), counts: [0, 2] },
      { epsilon: fieldEpsilon(1, 'purchased'), counts: [1, 0] },
    ]);
    expect(poolTallies([tier10, tier10]).n).toBe(6);
    expect(tallyRows(rows, () => null).size).toBe(0);
  });

  it('refuses impossible cells and unknown schemas', () => {
    const row: CountRow = { ...reportCells(VALID)[0]!, value: 2 };
    expect(() => tallyRows([row], () => 'x')).toThrow(/impossible cell clicked=2/);
    expect(() => tallyRows([{ ...row, value: 0, schema: 9 }], () => 'x')).toThrow(/schema 9/);
  });
});

describe('k-threshold', () => {
  it('suppresses cells under k without any numbers', () => {
    expect(kThreshold({ n: 49, rate: 0.1 })).toEqual({ suppressed: true });
    expect(kThreshold({ n: 50, rate: 0.1 })).toEqual({ n: 50, rate: 0.1 });
    expect(kThreshold({ n: 5 }, 5)).toEqual({ n: 5 });
    expect(passesK(49)).toBe(false);
    expect(() => kThreshold({ n: 1 }, 0)).toThrow(/'k' passed to 'kThreshold'/);
  });

  it('publishes a total only when its hidden cells cannot be recovered by subtraction', () => {
    expect(complementSafe([100, 200])).toBe(true);
    expect(complementSafe([100, 10])).toBe(false);
    expect(complementSafe([100, 0])).toBe(true);
    expect(complementSafe([100, 30, 25])).toBe(true);
  });
});
