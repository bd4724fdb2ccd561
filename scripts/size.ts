/**
 * `npm run size`: prints raw, gzip and brotli sizes of every build output and
 * exits non-zero past a budget (absolute, or % growth over the baseline).
 * `--update-baseline` rewrites bench/size-baseline.json from the current build.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { baselineOf, budgetFor, checkSizes, measure, type Budget } from './lib/sizes';

const DIST = 'dist/sdk';
const BASELINE = 'bench/size-baseline.json';

if (!existsSync(`${DIST}/tailor.js`)) {
  console.error(`[tailor] ${DIST}/tailor.js is missing: run 'npm run build' first.`);
  process.exit(1);
}
const { budgets, maxGrowthPercent } = JSON.parse(readFileSync('size-budgets.json', 'utf8')) as { budgets: Budget[]; maxGrowthPercent: number };
const sizes = measure(DIST);
let baseline: Record<string, number> = existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, 'utf8')) : {};

const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
console.log(`${'file'.padEnd(40)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)} ${'budget (gz)'.padStart(12)}`);
for (const s of sizes) {
  const b = budgetFor(s.file, budgets);
  console.log(`${s.file.padEnd(40)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} ${kb(s.brotli).padStart(10)} ${(b ? kb(b.gzip) : 'none').padStart(12)}`);
}

if (process.argv.includes('--update-baseline')) {
  baseline = baselineOf(sizes, budgets);
  writeFileSync(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
  console.log(`baseline written to ${BASELINE}`);
}
const problems = checkSizes(sizes, budgets, baseline, maxGrowthPercent);
// `--report-only` (used by `npm run build`) prints problems without failing, so a
// local build never blocks on size; CI runs the strict form.
if (problems.length && process.argv.includes('--report-only')) {
  for (const p of problems) console.warn(`[tailor] size (not enforced on build): ${p}`);
} else if (problems.length) {
  for (const p of problems) console.error(`[tailor] size: ${p}`);
  process.exit(1);
}
console.log('sizes within budget');
