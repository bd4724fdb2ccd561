/** Build output sizes (gzip and brotli) per budget pattern. */
import { readFileSync } from 'node:fs';
import { budgetFor, measure, type Budget } from '../scripts/lib/sizes';
import { figure, type Benchmark, type Figure } from './lib/figure';

export const benchmark: Benchmark = {
  title: 'Build sizes',
  async run() {
    const { budgets } = JSON.parse(readFileSync('size-budgets.json', 'utf8')) as { budgets: Budget[] };
    const out: Figure[] = [];
    for (const s of measure('dist/sdk')) {
      const key = budgetFor(s.file, budgets)?.pattern ?? s.file;
      out.push(figure(`size ${key} (gzip)`, 'bytes', [s.gzip], `raw ${s.raw} B, brotli ${s.brotli} B`));
    }
    return out;
  },
};
