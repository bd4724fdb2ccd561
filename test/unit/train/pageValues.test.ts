import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPageValueTable } from '../../../src/train/pageValues/buildPageValueTable';
import { runCli } from '../../../src/train/cli';
import { parsePageValueTable } from '../../../src/core/pageValues';

const ORDERS = [
  'order_id,value,paths,placed_at',
  'A1,100,/p/tea|/p/mug,2024-03-01',
  'A2,50,https://shop.example/p/tea?variant=2,2024-03-02',
  'A3,30,"/p/mug",2024-03-03',
].join('\n');
const VIEWS = 'path,unique_views\n/p/tea,300\n/p/mug,65\n/p/kettle,40\n/cart,500\n';
const orders = (text = ORDERS) => ({ text, source: 'orders.csv' });
const views = (text = VIEWS) => ({ text, source: 'views.csv' });

describe('tailor page-values: the table from an order export', () => {
  it('credits each order in full to each page it bought, over the page\'s unique views (GA page value)', () => {
    const built = buildPageValueTable(orders(), views(), { asOf: '2024-03-03', funnel: ['/cart'], currency: 'EUR' });
    // tea: (100 + 50) / 300; mug: (100 + 30) / 65; cart: every order, 180 / 500.
    expect(built.table.values).toEqual({ '/cart': 0.36, '/p/mug': 2, '/p/tea': 0.5 });
    expect(built).toMatchObject({ orders: 3, revenue: 180, measuredViews: true, dropped: 0 });
    expect(parsePageValueTable(built.table, 'test')).toEqual(built.table);
  });

  it('without a views export estimates views as orders over the stated conversion', () => {
    const built = buildPageValueTable(orders(), null, { asOf: '2024-03-03', conversion: 0.1 });
    // tea: 150 / (2 / 0.1); mug: 130 / (2 / 0.1).
    expect(built.table.values).toEqual({ '/p/mug': 6.5, '/p/tea': 7.5 });
    expect(built.measuredViews).toBe(false);
  });

  it('refuses bad exports naming the file, the line and the column', () => {
    const opts = { asOf: '2024-03-03' };
    expect(() => buildPageValueTable(orders('order_id,paths\nA1,/p/a'), null, opts)).toThrow(/orders.csv:1: header lacks required column 'value'/);
    expect(() => buildPageValueTable(orders('order_id,value,paths\nA1,10,/p/a\nA2,-5,/p/b'), null, opts)).toThrow(/orders.csv:3, column 'value': must not be negative, got -5/);
    expect(() => buildPageValueTable(orders('order_id,value,paths\nA1,ten,/p/a'), null, opts)).toThrow(/orders.csv:2, column 'value': must be a number, got 'ten'/);
    expect(() => buildPageValueTable(orders('order_id,value,paths\nA1,10,'), null, opts)).toThrow(/orders.csv:2, column 'paths': must list the product paths/);
    expect(() => buildPageValueTable(orders('order_id,value,paths\nA1,10,tea'), null, opts)).toThrow(/orders.csv:2, column 'paths': 'tea' is not a path or URL/);
    expect(() => buildPageValueTable(orders('order_id,value,paths\nA1,10,/p/a\nA1,12,/p/b'), null, opts)).toThrow(/orders.csv:3, column 'order_id': 'A1' repeats the order of line 2/);
    expect(() => buildPageValueTable(orders('order_id,value,paths\nA1,10,/p/a\nA2,12,/p/gone'), views('path,unique_views\n/p/a,9\n'), opts))
      .toThrow(/orders.csv:3, column 'paths': unknown path '\/p\/gone': views.csv has no unique views for it/);
    expect(() => buildPageValueTable(orders(), views('path,unique_views\n/p/tea,-1\n'), opts)).toThrow(/views.csv:2, column 'unique_views': must not be negative/);
  });

  it('the CLI writes a table the collector accepts, and exits 1 with the reason on a bad export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailor-pv-'));
    writeFileSync(join(dir, 'orders.csv'), ORDERS);
    writeFileSync(join(dir, 'views.csv'), VIEWS);
    const out = join(dir, 'pv.json');
    const write = process.stdout.write;
    process.stdout.write = (() => true) as never;
    try {
      expect(await runCli(['page-values', '--orders', join(dir, 'orders.csv'), '--views', join(dir, 'views.csv'), '--as-of', '2024-03-03', '--out', out])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(parsePageValueTable(JSON.parse(readFileSync(out, 'utf8')), 'test').values['/p/mug']).toBe(2);
    writeFileSync(join(dir, 'bad.csv'), 'order_id,value,paths\nA1,-3,/p/a\n');
    const errors: string[] = [];
    const err = process.stderr.write;
    process.stderr.write = ((s: string) => (errors.push(s), true)) as never;
    try {
      expect(await runCli(['page-values', '--orders', join(dir, 'bad.csv'), '--out', out])).toBe(1);
    } finally {
      process.stderr.write = err;
    }
    expect(errors.join('')).toMatch(/bad.csv:2, column 'value': must not be negative/);
  });
});
