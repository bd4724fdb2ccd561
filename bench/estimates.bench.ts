/**
 * Merchant reads on a site with a long history (issue 16): 200 policy versions × 30 days of reports of two arms
 * (about 114,000 count rows), read through the real routes in process: the dashboard page, `/v1/estimates` and
 * `/v1/estimates/daily` over the 30 days. Medians of 7 reads each, after one warm-up read. The reads sum in SQL
 * (reportStore.ts `sumOver`) and the dashboard renders views for the newest 24 versions only.
 */
import { performance } from 'node:perf_hooks';
import { Hono } from 'hono';
import { mountCollector } from '../src/server/collector';
import { mountDashboard } from '../src/server/dashboard';
import { NOW, TODAY, longHistory } from '../test/unit/collector/lib/harness';
import { asReader, testGuard } from '../test/unit/lib/merchants';
import { figure, type Benchmark } from './lib/figure';

const VERSIONS = 200;
const DAYS = 30;

export const benchmark: Benchmark = {
  title: 'Merchant reads (200 policy versions × 30 days)',
  async run({ quick }) {
    const { db } = longHistory(VERSIONS, DAYS, 2);
    try {
      const deps = { db, now: () => NOW, rateLimit: { limit: 1e6, windowMs: 60_000 }, merchants: testGuard({ now: () => NOW }) };
      const app = new Hono();
      mountCollector(app, deps);
      mountDashboard(app, deps);
      const rows = (db.prepare('SELECT COUNT(*) AS n FROM privacy_counts').get() as { n: number }).n;
      const range = `site=demo&from=${TODAY - DAYS + 1}&to=${TODAY}`;
      const time = async (path: string): Promise<number[]> => {
        const out: number[] = [];
        for (let i = 0; i <= (quick ? 3 : 7); i++) {
          const t = performance.now();
          const res = await app.request(path, asReader);
          await res.text();
          if (res.status !== 200) throw new Error(`estimates bench: ${path} answered ${res.status}`);
          if (i > 0) out.push(performance.now() - t);
        }
        return out;
      };
      const note = `${rows} count rows; in-process request through the merchant guard`;
      return [
        figure('merchant reads: dashboard page, 200 versions × 30 days', 'ms', await time(`/dashboard?${range}`), `${note}; 1,176 ms before the reads summed in SQL (same machine, 2026-12-05)`),
        figure('merchant reads: /v1/estimates, 200 versions × 30 days', 'ms', await time(`/v1/estimates?${range}`), `${note}; 332 ms before`),
        figure('merchant reads: /v1/estimates/daily, 200 versions × 30 days', 'ms', await time(`/v1/estimates/daily?${range}`), `${note}; 347 ms before`),
      ];
    } finally {
      db.close();
    }
  },
};
