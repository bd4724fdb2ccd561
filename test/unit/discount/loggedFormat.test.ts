import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLoggedCsv } from '../../../src/train/discount/formatLogged';
import type { LoggedRow } from '../../../src/train/discount/loggedFormat';
import { parseLoggedCsv, readDecisionCsv, readLoggedCsv } from '../../../src/train/discount/readLogged';

const record = (i: number) => ({
  Administrative: i, Administrative_Duration: 10.5 * i, Informational: 0, Informational_Duration: 0, ProductRelated: 12 + i,
  ProductRelated_Duration: 300 + i, BounceRates: 0.01, ExitRates: 0.04, PageValues: i === 1 ? 25.5 : 0, SpecialDay: 0,
  Month: i === 2 ? 'June' : 'Nov', VisitorType: 'New_Visitor', Weekend: i % 2 === 0,
});
const rows: LoggedRow[] = [0, 1, 2].map((i) => ({ record: record(i), cartValue: 20 + i, tier: 5 * i, propensity: 0.2, converted: i === 1 ? 1 : 0, orderValue: i === 1 ? 21 : 0 }));
const text = formatLoggedCsv(rows);
const header = text.split('\n')[0]!.split(',');
const col = (name: string) => header.indexOf(name);

/** `text` with the cell of data row `row` (0-based) in column `name` replaced. */
function withCell(row: number, name: string, value: string): string {
  const lines = text.split('\n');
  const cells = lines[row + 1]!.split(',');
  cells[col(name)] = value;
  lines[row + 1] = cells.join(',');
  return lines.join('\n');
}

describe('logged-offer CSV format', () => {
  it('round-trips rows written by formatLoggedCsv', () => {
    const parsed = parseLoggedCsv(text, 'x.csv', 'logged');
    expect(parsed).toHaveLength(3);
    parsed.forEach((row, i) => {
      expect(row.tier).toBe(rows[i]!.tier);
      expect(row.cartValue).toBe(rows[i]!.cartValue);
      expect(row.converted).toBe(rows[i]!.converted);
      expect(row.orderValue).toBe(rows[i]!.orderValue);
      // A file without the runtime column reads as GA-priced (PageValues_missing 0), everything else as written.
      expect(row.record).toEqual({ ...rows[i]!.record, PageValues_missing: 0 });
    });
  });

  it.each([
    ['propensity', '0', "expected a probability in (0, 1], got '0'"],
    ['propensity', '1.5', 'expected a probability in (0, 1]'],
    ['tier', '2.5', 'expected an integer percent in [0, 99]'],
    ['converted', 'yes', "expected 0 or 1, got 'yes'"],
    ['cart_value', '0', 'expected a positive cart value'],
    ['Month', 'Jun', 'expected one of Jan, Feb'],
    ['PageValues', 'n/a', 'expected a number in [0, 100000]'],
    ['ExitRates', '1.5', 'expected a number in [0, 1]'],
    ['Weekend', 'maybe', 'expected TRUE, FALSE, 1 or 0'],
  ])('names file, line and column for a bad %s cell (%s)', (name, value, rule) => {
    expect(() => parseLoggedCsv(withCell(1, name, value), 'shop/log.csv', 'logged')).toThrow(
      `shop/log.csv:3, column '${name}' (#${col(name) + 1}): ${rule}`,
    );
  });

  it('requires a positive order value on converted rows and accepts empty ones otherwise', () => {
    expect(() => parseLoggedCsv(withCell(1, 'order_value', ''), 'a.csv', 'logged')).toThrow(`a.csv:3, column 'order_value' (#${col('order_value') + 1}): expected a positive order value`);
    expect(parseLoggedCsv(withCell(0, 'order_value', ''), 'a.csv', 'logged')[0]!.orderValue).toBe(0);
  });

  it('reports a missing column on line 1 and a short row on its own line', () => {
    const noPropensity = text.split('\n').map((line) => line.split(',').filter((_, i) => i !== col('propensity')).join(',')).join('\n');
    expect(() => parseLoggedCsv(noPropensity, 'b.csv', 'logged')).toThrow(`b.csv:1: header lacks required column 'propensity'`);
    const lines = text.split('\n');
    lines[3] = lines[3]!.split(',').slice(0, -1).join(',');
    expect(() => parseLoggedCsv(lines.join('\n'), 'b.csv', 'logged')).toThrow(`b.csv:4: expected ${header.length} cells, got ${header.length - 1}`);
    expect(() => parseLoggedCsv(`${header.join(',')}\n`, 'b.csv', 'logged')).toThrow('b.csv: no data rows');
  });

  it('decision mode ignores absent outcome columns; history columns are optional, empty = missing', () => {
    const keep = header.map((_, i) => i).filter((i) => !['tier', 'propensity', 'converted', 'order_value'].includes(header[i]!));
    const lines = text.trimEnd().split('\n').map((line, r) => {
      const cells = line.split(',');
      return [...keep.map((i) => cells[i]), r === 0 ? 'recency_days' : r === 1 ? '' : '12'].join(',');
    });
    const parsed = parseLoggedCsv(lines.join('\n'), 'c.csv', 'decisions');
    expect(parsed.map((row) => row.cartValue)).toEqual([20, 21, 22]);
    expect(parsed.map((row) => row.record.recency_days)).toEqual([null, 12, 12]);
    expect(() => parseLoggedCsv(lines.join('\n'), 'c.csv', 'logged')).toThrow(`c.csv:1: header lacks required column 'tier'`);
  });

  it('reads files, naming a missing one with its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tailor-logged-'));
    const path = join(dir, 'log.csv');
    await writeFile(path, text);
    const data = await readLoggedCsv(path);
    expect(data.tiers).toEqual([0, 5, 10]);
    expect(data.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await readDecisionCsv(path)).toHaveLength(3);
    await expect(readLoggedCsv(join(dir, 'missing.csv'))).rejects.toThrow(`cannot be read: ${join(dir, 'missing.csv')} (ENOENT)`);
  });
});
