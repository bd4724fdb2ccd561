import { describe, expect, it } from 'vitest';
import { baselineOf, checkSizes, globMatch } from '../../../scripts/lib/sizes';

const budgets = [
  { pattern: 'tailor.js', gzip: 100 },
  { pattern: 'assets/worker-*.js', gzip: 200 },
];

describe('size budgets', () => {
  it('matches hashed names by glob, within one segment', () => {
    expect(globMatch('assets/worker-*.js', 'assets/worker-Ab_12.js')).toBe(true);
    expect(globMatch('assets/worker-*.js', 'assets/sub/worker-x.js')).toBe(false);
    expect(globMatch('assets/**.js', 'assets/sub/x.js')).toBe(true);
    expect(globMatch('tailor.js', 'tailorXjs')).toBe(false);
  });

  it('flags files over budget and files without a budget', () => {
    const problems = checkSizes(
      [
        { file: 'tailor.js', raw: 1, gzip: 101, brotli: 1 },
        { file: 'extra.js', raw: 1, gzip: 1, brotli: 1 },
      ],
      budgets,
      {},
      10,
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('exceeds the budget of 100 B');
    expect(problems[1]).toContain('no budget');
  });

  it('flags growth over the baseline beyond the allowed percentage only', () => {
    const sizes = [{ file: 'assets/worker-a.js', raw: 1, gzip: 111, brotli: 1 }];
    expect(checkSizes(sizes, budgets, { 'assets/worker-*.js': 100 }, 10)[0]).toContain('grew 11.0 %');
    expect(checkSizes(sizes, budgets, { 'assets/worker-*.js': 101 }, 10)).toEqual([]);
    expect(baselineOf(sizes, budgets)).toEqual({ 'assets/worker-*.js': 111 });
  });
});
