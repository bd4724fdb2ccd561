/**
 * Measures every build output (raw, gzip -9, brotli q11) and checks it against
 * size-budgets.json and the committed baseline.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Sizes of one file, in bytes. */
export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

/** A budget entry from size-budgets.json. */
export interface Budget {
  pattern: string;
  gzip: number;
}

/** Lists files under `dir` recursively, as paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Measures every file under `dir`. */
export function measure(dir: string): FileSize[] {
  return listFiles(dir).map((file) => {
    const data = readFileSync(join(dir, file));
    return {
      file,
      raw: data.length,
      gzip: gzipSync(data, { level: 9 }).length,
      brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}

/** Glob match supporting `*` within one path segment and `**` across segments. */
export function globMatch(pattern: string, file: string): boolean {
  const re = pattern
    .split('**')
    .map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${re}$`).test(file);
}

/** Stable key for a file: its budget pattern (so hashed names compare across builds). */
export function budgetFor(file: string, budgets: Budget[]): Budget | undefined {
  return budgets.find((b) => globMatch(b.pattern, file));
}

/** One problem found by {@link checkSizes}. */
export type SizeProblem = string;

/** Checks sizes against budgets and the baseline (keyed by pattern, gzip bytes summed per pattern). */
export function checkSizes(sizes: FileSize[], budgets: Budget[], baseline: Record<string, number>, maxGrowthPercent: number): SizeProblem[] {
  const problems: SizeProblem[] = [];
  const byPattern = new Map<string, number>();
  for (const s of sizes) {
    const budget = budgetFor(s.file, budgets);
    if (!budget) {
      problems.push(`${s.file}: no budget in size-budgets.json (every build output needs one)`);
      continue;
    }
    if (s.gzip > budget.gzip) problems.push(`${s.file}: ${s.gzip} B gzip exceeds the budget of ${budget.gzip} B (${budget.pattern})`);
    byPattern.set(budget.pattern, (byPattern.get(budget.pattern) ?? 0) + s.gzip);
  }
  for (const [pattern, gzip] of byPattern) {
    const base = baseline[pattern];
    if (base !== undefined && base > 0) {
      const growth = ((gzip - base) / base) * 100;
      if (growth > maxGrowthPercent) {
        problems.push(`${pattern}: grew ${growth.toFixed(1)} % over the baseline (${base} → ${gzip} B gzip; limit ${maxGrowthPercent} %)`);
      }
    }
  }
  return problems;
}

/** Gzip bytes per budget pattern, the shape of bench/size-baseline.json. */
export function baselineOf(sizes: FileSize[], budgets: Budget[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of sizes) {
    const b = budgetFor(s.file, budgets);
    if (b) out[b.pattern] = (out[b.pattern] ?? 0) + s.gzip;
  }
  return out;
}
