import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FEATURE_SPEC } from '../../../src/core/features/spec';
import { isCategorical } from '../../../src/core/features/definition';
import { mulberry32 } from '../../../src/core/lib/random';
import type { RawFeatureRecord } from '../../../src/core/sessionFeatures';
import { DEFAULT_RATE_OPTIONS, computeFeatures } from '../../../src/core/sessionFeatures';
import { uciShapedDevice } from './lib/uciShapedVisits';
import { pageView } from './lib/eventBuilders';

const UCI_PATH = fileURLToPath(new URL('../../../../shared/data/online_shoppers_intention.csv', import.meta.url));
const HAVE_UCI = existsSync(UCI_PATH);

/** The UCI rows as numbers (non-numeric cells become NaN) and the header. */
function uciRows(): { header: string[]; rows: number[][] } {
  const [header, ...lines] = readFileSync(UCI_PATH, 'utf8').trim().split(/\r?\n/).map((line) => line.split(','));
  return { header: header!, rows: lines.map((cells) => cells.map(Number)) };
}

/** Observed min and max of every numeric UCI column. */
function uciColumns(): Map<string, { min: number; max: number }> {
  const { header, rows } = uciRows();
  const columns = new Map<string, { min: number; max: number }>();
  header.forEach((name, c) => {
    const values = rows.map((r) => r[c]!);
    if (values.some(Number.isNaN)) return;
    columns.set(name, { min: Math.min(...values), max: Math.max(...values) });
  });
  return columns;
}

const START = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
const rng = mulberry32(20240611);
const records = Array.from({ length: 400 }, (_, i) => {
  const start = START + Math.floor(rng() * 700) * DAY + Math.floor(rng() * DAY);
  return computeFeatures(uciShapedDevice(rng, start, i === 0), { now: start, utcOffsetMinutes: 0 });
});

describe('features of UCI-shaped synthetic visits', () => {
  it('stay inside every spec range and level list', () => {
    for (const def of FEATURE_SPEC.features) {
      for (const r of records) {
        const v = r[def.name];
        if (v === null) continue;
        if (isCategorical(def)) expect(def.levels, def.name).toContain(v);
        else expect(typeof v === 'number' && v >= def.min && v <= def.max, `${def.name} = ${String(v)}`).toBe(true);
      }
    }
  });

  it('actually reach UCI-sized magnitudes (so the range checks are not vacuous)', () => {
    const max = (name: string) => Math.max(...records.map((r) => r[name] as number));
    expect(max('ProductRelated')).toBe(700);
    expect(max('Administrative')).toBe(20);
    expect(max('ProductRelated_Duration')).toBeGreaterThan(20_000);
    expect(max('PageValues')).toBeGreaterThan(0);
    expect(max('BounceRates')).toBeGreaterThan(0.1);
    expect(max('SpecialDay')).toBe(1);
  });

  it.skipIf(!HAVE_UCI)(`stay inside the ranges observed in UCI (needs ${UCI_PATH})`, () => {
    const uci = uciColumns();
    for (const def of FEATURE_SPEC.features) {
      const observed = uci.get(def.name);
      if (def.source !== 'session' || isCategorical(def) || observed === undefined) continue;
      for (const r of records) {
        const v = r[def.name] as number;
        expect(v >= observed.min && v <= observed.max, `${def.name} = ${v} outside UCI [${observed.min}, ${observed.max}]`).toBe(true);
      }
    }
  });

  it.skipIf(!HAVE_UCI)(`reproduce UCI's rate profile by session length for a first visit (needs ${UCI_PATH})`, () => {
    const { rows, header } = uciRows();
    const [a, i, p, b, e] = ['Administrative', 'Informational', 'ProductRelated', 'BounceRates', 'ExitRates']
      .map((name) => header.indexOf(name)) as [number, number, number, number, number];
    const pages = (r: number[]) => r[a]! + r[i]! + r[p]!;
    const model = new Map<number, RawFeatureRecord>();
    /** Our record for a first visit (no history) through `n` distinct product pages. */
    const firstVisit = (n: number): RawFeatureRecord => {
      if (!model.has(n)) {
        const events = Array.from({ length: n }, (_, k) => pageView(START + k * 30_000, 'product', `/p/${k}`));
        model.set(n, computeFeatures(events, { now: START, utcOffsetMinutes: 0, visitor: { priorSessions: 0, persistent: true } }));
      }
      return model.get(n)!;
    };
    for (const [lo, hi] of [[1, 1], [2, 2], [3, 3], [4, 4], [5, 9], [10, 19], [20, 39], [40, 60]] as const) {
      const inBin = rows.filter((r) => pages(r) >= lo && pages(r) <= hi);
      const mean = (f: (r: number[]) => number) => inBin.reduce((sum, r) => sum + f(r), 0) / inBin.length;
      // Within 0.01 absolute or 30 % relative: the profile's shape (≈ 0.2 for one page, falling like 1/n), not noise.
      const check = (name: 'BounceRates' | 'ExitRates', column: number) => {
        const ours = mean((r) => firstVisit(pages(r))[name] as number);
        const uci = mean((r) => r[column]!);
        expect(Math.abs(ours - uci) <= Math.max(0.01, 0.3 * uci), `${name}, ${lo}-${hi} pages: ours ${ours}, UCI ${uci}`).toBe(true);
      };
      check('BounceRates', b);
      check('ExitRates', e);
    }
    expect(DEFAULT_RATE_OPTIONS.ceiling).toBe(Math.max(...rows.map((r) => r[b]!)));
    expect(DEFAULT_RATE_OPTIONS.ceiling).toBe(Math.max(...rows.map((r) => r[e]!)));
  });
});
