import { describe, expect, it } from 'vitest';
import { LOCAL_HISTORY_SHARE, runtimeView, withBothRegimes } from '../../../src/train/pipeline/runtimeViews';

const rows = Array.from({ length: 4000 }, (_, i) => ({
  PageValues: i % 3 === 0 ? 0 : 10 + (i % 7),
  VisitorType: i % 2 === 0 ? 'Returning_Visitor' : 'New_Visitor',
  ProductRelated: i % 50,
}));

describe('runtime views of UCI rows', () => {
  it('site keeps GA\'s value, none makes every value unknown', () => {
    expect(runtimeView(rows, 'site', 1).every((r, i) => r.PageValues === rows[i]!.PageValues && r.PageValues_missing === 0)).toBe(true);
    expect(runtimeView(rows, 'none', 1).every((r) => r.PageValues === 0 && r.PageValues_missing === 1)).toBe(true);
  });

  it('local keeps a positive value only for returning rows, about the stated share of them, seeded', () => {
    const local = runtimeView(rows, 'local', 7);
    expect(runtimeView(rows, 'local', 7)).toEqual(local);
    const kept = local.filter((r) => r.PageValues_missing === 0);
    expect(kept.every((r) => r.VisitorType === 'Returning_Visitor' && Number(r.PageValues) > 0)).toBe(true);
    const eligible = rows.filter((r) => r.VisitorType === 'Returning_Visitor' && r.PageValues > 0).length;
    // Binomial(eligible, 0.5): 5 sd either side.
    expect(Math.abs(kept.length - eligible * LOCAL_HISTORY_SHARE)).toBeLessThan(5 * Math.sqrt(eligible * 0.25));
    // Every other row: unknown, with the rest of the record untouched.
    for (const [i, r] of local.entries()) if (r.PageValues_missing === 1) expect(r).toEqual({ ...rows[i], PageValues: 0, PageValues_missing: 1 });
  });

  it('training sees every row twice: priced, then unknown', () => {
    const both = withBothRegimes(rows.slice(0, 3));
    expect(both).toEqual([...rows.slice(0, 3).map((r) => ({ ...r, PageValues_missing: 0 })), ...rows.slice(0, 3).map((r) => ({ ...r, PageValues: 0, PageValues_missing: 1 }))]);
  });
});
