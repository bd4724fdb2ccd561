import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPageValueTable } from '../../../src/train/pageValues/buildPageValueTable';
import { parsePageValueTable } from '../../../src/core/pageValues';
import { PRODUCTS } from '../../../demo/catalog/catalog';

const read = (file: string) => ({ text: readFileSync(`demo/page-values/${file}`, 'utf8'), source: file });

describe('the demo shop\'s page-value table', () => {
  it('is what tailor page-values builds from the demo exports (README command), over real demo paths', () => {
    const committed = parsePageValueTable(JSON.parse(readFileSync('demo/page-values/page-values.json', 'utf8')), 'test');
    const built = buildPageValueTable(read('orders.csv'), read('views.csv'), { funnel: ['/cart', '/checkout'], currency: 'EUR', asOf: '2026-11-30' });
    expect(committed).toEqual(built.table);
    const productPaths = new Set(PRODUCTS.map((p) => `/product/${p.id}`));
    for (const path of Object.keys(committed.values)) expect(productPaths.has(path) || path === '/cart' || path === '/checkout', path).toBe(true);
    // Products nobody bought are absent (worth 0), as in GA.
    expect(Object.keys(committed.values).length).toBeLessThan(productPaths.size + 2);
  });
});
