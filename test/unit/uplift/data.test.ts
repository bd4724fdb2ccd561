import { describe, expect, it } from 'vitest';
import type { CsvRow } from '../../../src/train/lib/csv';
import { parseCsv } from '../../../src/train/lib/csv';
import { encodeFeatures, FEATURE_NAMES, HILLSTROM_SCHEMA, toHillstromRows } from '../../../src/train/uplift/lib/hillstrom';
import { stratifiedHalfSplit } from '../../../src/train/uplift/lib/stratified-split';
import { FIXTURE_HEADER } from './lib/hillstrom-fixture';

const parse = (body: string): CsvRow[] => parseCsv(`${FIXTURE_HEADER}\r\n${body}\r\n`, 'h.csv', HILLSTROM_SCHEMA);

describe('Hillstrom rows and features', () => {
  it('encodes one row as documented', () => {
    const rows = toHillstromRows(parse('10,"6) $750 - $1,000",828.42,1,0,Surburban,1,Multichannel,Womens E-Mail,1,0,0'), 'h.csv');
    expect(rows[0]).toMatchObject({ arm: 1, visit: 1, zipCode: 1, channel: 2, historySegment: 5 });
    const m = encodeFeatures(rows);
    expect(m.cols).toBe(FEATURE_NAMES.length);
    const f = Object.fromEntries(FEATURE_NAMES.map((name, j) => [name, m.data[j]]));
    expect(f).toEqual({
      recency: 10,
      log1p_history: Math.log(829.42),
      mens: 1,
      womens: 0,
      newbie: 1,
      'zip_code=Urban': 0,
      'zip_code=Surburban': 1,
      'zip_code=Rural': 0,
      'channel=Phone': 0,
      'channel=Web': 0,
      'channel=Multichannel': 1,
      'history_segment=1': 0,
      'history_segment=2': 0,
      'history_segment=3': 0,
      'history_segment=4': 0,
      'history_segment=5': 0,
      'history_segment=6': 1,
      'history_segment=7': 0,
    });
  });

  it('accepts the correct spelling "Suburban" as the source\'s "Surburban"', () => {
    const rows = toHillstromRows(parse('1,1) $0 - $100,29.99,0,1,Suburban,0,Web,No E-Mail,0,0,0'), 'h.csv');
    expect(rows[0]?.zipCode).toBe(1);
  });

  it('names file, line and column of an out-of-domain cell', () => {
    const ok = '1,1) $0 - $100,29.99,0,1,Urban,0,Web,No E-Mail,0,0,0';
    expect(() => toHillstromRows(parse(`${ok}\r\n${ok.replace(',0,1,Urban', ',2,1,Urban')}`), 'h.csv')).toThrow(/h\.csv:3, column 'mens': must be 0 or 1; got 2/);
    expect(() => toHillstromRows(parse(ok.replace('No E-Mail', 'Fax')), 'h.csv')).toThrow(/h\.csv:2, column 'segment': must be one of Mens E-Mail/);
    expect(() => toHillstromRows(parse(ok.replace('1,1)', '1.5,1)')), 'h.csv')).toThrow(/column 'recency': must be a non-negative integer/);
  });
});

describe('stratifiedHalfSplit', () => {
  // 4 strata of sizes 5, 4, 3, 2 → test gets floor halves 2 + 2 + 1 + 1 = 6 rows, train 8.
  const strata = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3];

  it('splits every stratum in half, disjointly and exhaustively', () => {
    const { train, test } = stratifiedHalfSplit(strata, 11);
    expect(test.length).toBe(6);
    expect(train.length).toBe(8);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(strata.map((_, i) => i));
    const count = (rows: Uint32Array, s: number): number => Array.from(rows).filter((i) => strata[i] === s).length;
    expect([0, 1, 2, 3].map((s) => count(test, s))).toEqual([2, 2, 1, 1]);
  });

  it('is reproducible per seed and varies across seeds', () => {
    expect(stratifiedHalfSplit(strata, 3)).toEqual(stratifiedHalfSplit(strata, 3));
    const tests = new Set([0, 1, 2, 3, 4, 5].map((s) => Array.from(stratifiedHalfSplit(strata, s).test).join()));
    expect(tests.size).toBeGreaterThan(1);
  });
});
