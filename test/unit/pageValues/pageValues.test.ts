import { describe, expect, it } from 'vitest';
import { pageValueKey, pageValueTableOrNull, parsePageValueTable, sessionPageValue, type PageValueTable } from '../../../src/core/pageValues';
import { computeFeatures, createAccumulator } from '../../../src/core/sessionFeatures';
import { MIN, T0, dwell, pageView, productView, purchase } from '../sessionFeatures/lib/eventBuilders';

const table = (values: Record<string, number>): PageValueTable => ({ version: 1, source: 'orders', asOf: '2024-03-01', values });

describe('page-value table', () => {
  it('keys paths as the store does: scrubbed, query and fragment dropped, host stripped', () => {
    expect(pageValueKey('https://shop.example/p/tea?variant=2#top')).toBe('/p/tea');
    expect(pageValueKey('/p/tea')).toBe('/p/tea');
    expect(pageValueKey('p/tea')).toBe('/p/tea');
  });

  it('accepts a valid table and refuses bad fields by name', () => {
    expect(parsePageValueTable(table({ '/p/a': 12.5 }), 't').values).toEqual({ '/p/a': 12.5 });
    expect(() => parsePageValueTable({ ...table({}), version: 2 }, 'f')).toThrow(/'table.version' passed to 'f' must be 1/);
    expect(() => parsePageValueTable({ ...table({}), source: 'guess' }, 'f')).toThrow(/'table.source'/);
    expect(() => parsePageValueTable({ ...table({}), asOf: 'yesterday' }, 'f')).toThrow(/'table.asOf'/);
    expect(() => parsePageValueTable({ ...table({}), currency: 'euro' }, 'f')).toThrow(/'table.currency'/);
    expect(() => parsePageValueTable(table({ '/p/a': -1 }), 'f')).toThrow(/'table.values\["\/p\/a"\]' passed to 'f' must be a number from 0/);
    expect(() => parsePageValueTable(table({ '/p/a?x=1': 1 }), 'f')).toThrow(/must be keyed by a stored path such as "\/p\/a"/);
    expect(() => parsePageValueTable(table(Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`/p/${i}`, 1]))), 'f')).toThrow(/at most 2000 paths/);
    expect(pageValueTableOrNull({ version: 9 })).toBeNull();
    expect(pageValueTableOrNull(undefined)).toBeNull();
  });

  it('prices a session as the mean over its distinct product-related paths, unlisted ones worth 0', () => {
    const paths = new Map([['/p/a', { productRelated: true }], ['/p/b', { productRelated: true }], ['/', { productRelated: false }]]);
    expect(sessionPageValue(paths, table({ '/p/a': 30, '/': 1000 }))).toBe(15);
    expect(sessionPageValue(new Map([['/', { productRelated: false }]]), table({ '/': 5 }))).toBe(0);
  });
});

describe('PageValues on the device', () => {
  // A first visit: two product pages, one of them twice, then the home page.
  const visit = [
    pageView(T0, 'product', '/p/a?variant=3'), productView(T0 + 1000, 'a', 20), dwell(T0 + 20_000, 19_000),
    pageView(T0 + MIN, 'product', '/p/b'), pageView(T0 + 2 * MIN, 'product', '/p/a'), pageView(T0 + 3 * MIN, 'home', '/'),
  ];
  const served = table({ '/p/a': 40, '/p/b': 10, '/': 999 });

  it('a first visit with the table scores the site value, known; without it, 0 flagged missing', () => {
    expect(computeFeatures(visit, { now: T0 + 4 * MIN, pageValues: served })).toMatchObject({ PageValues: 25, PageValues_missing: 0 });
    expect(computeFeatures(visit, { now: T0 + 4 * MIN })).toMatchObject({ PageValues: 0, PageValues_missing: 1 });
    // With a table, a session of unpriced pages is a known 0, as in GA.
    expect(computeFeatures(visit, { now: T0 + 4 * MIN, pageValues: table({}) })).toMatchObject({ PageValues: 0, PageValues_missing: 0 });
  });

  it('without a table, a page the device\'s own history priced is known', () => {
    const past = [pageView(T0 - 3 * 24 * 60 * MIN, 'product', '/p/a'), purchase(T0 - 3 * 24 * 60 * MIN + MIN, 60)];
    expect(computeFeatures([...past, ...visit], { now: T0 + 4 * MIN })).toMatchObject({ PageValues: 30, PageValues_missing: 0 });
  });

  it('the accumulator reads the table at read time: a newer one applies without a rebuild', () => {
    const acc = createAccumulator({ now: T0 });
    for (const e of visit) acc.add(e);
    expect(acc.raw(T0 + 4 * MIN)).toMatchObject({ PageValues_missing: 1 });
    expect(acc.raw(T0 + 4 * MIN, served)).toEqual(computeFeatures(visit, { now: T0 + 4 * MIN, pageValues: served }));
    expect(acc.raw(T0 + 4 * MIN, table({ '/p/b': 8 }))).toMatchObject({ PageValues: 4, PageValues_missing: 0 });
    expect(acc.raw(T0 + 4 * MIN, null)).toMatchObject({ PageValues: 0, PageValues_missing: 1 });
    expect(() => acc.raw(T0, { ...served, version: 7 } as never)).toThrow(/'table.version' passed to 'raw'/);
  });
});
