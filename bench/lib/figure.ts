/**
 * The shape of one benchmark figure and the statistics every benchmark uses:
 * medians over repeated runs, never single timings.
 */

/** One figure in bench/results.json. */
export interface Figure {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  /** Optional one-line note shown in BENCHMARKS.md (what was measured, how). */
  note?: string;
}

/** A benchmark module: bench/*.bench.ts export `run`. */
export interface Benchmark {
  title: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** Shared context: URLs of a running server, and whether this is a quick run. */
export interface BenchContext {
  tailorUrl: string;
  shopUrl: string;
  strictShopUrl: string;
  quick: boolean;
}

/** Median of a non-empty list (mean of the middle two for even lengths). */
export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError("'values' passed to 'median' must be non-empty");
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Builds a figure from raw samples. */
export function figure(name: string, unit: string, samples: number[], note?: string): Figure {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    name,
    unit,
    median: round(median(samples)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
    runs: samples.length,
    ...(note ? { note } : {}),
  };
}
