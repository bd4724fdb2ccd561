/**
 * Collector throughput on loopback: autocannon (10 connections) posts valid
 * report batches to `POST /v1/reports`, each request with fresh idempotency
 * keys so every report is really counted (validated, keys inserted, count
 * cells bumped in SQLite), for 10 s per run (3 s with --quick). Reported:
 * reports accepted per second and p50 / p99 latency, for batches of 1 (what
 * a device sends on a typical day) and of 50 (the largest batch allowed).
 *
 * Runs its own server: the shared one limits uploads to 60 a minute per
 * client, and one load generator is one client.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { utcDay, type Report } from '../src/core/privacy';
import { mulberry32 } from '../src/core/lib/random';
import { startServer } from '../test/e2e/lib/server';
import { generateReports } from '../scripts/simulate/lib/generatedReports';
import { figure, type Benchmark, type Figure } from './lib/figure';

/** The part of autocannon's API used here (it ships no types). */
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: { p50: number; p99: number };
}
interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: { method: string; path: string; headers: Record<string, string>; setupRequest: (r: AutocannonRequest) => AutocannonRequest; onResponse: (status: number, body: string) => void }[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CONNECTIONS = 10;

/** Upload bodies of `size` reports, each with keys never sent before; the rest of the reports is reused. */
function bodies(size: number): () => string {
  const template: Report[] = generateReports({ arm: 'tier10', count: size, conversion: 0.1, day: utcDay(Date.now()) }, mulberry32(size));
  return () => {
    const keys = randomBytes(16 * size).toString('hex');
    return JSON.stringify({ site: 'bench', reports: template.map((r, i) => ({ ...r, idempotencyKey: keys.slice(32 * i, 32 * i + 32) })) });
  };
}

/** One timed run; throws unless every request was answered 200 with every report accepted. */
async function run(url: string, size: number, seconds: number): Promise<{ reportsPerSecond: number; p50: number; p99: number }> {
  const next = bodies(size);
  let accepted = 0;
  let answers = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/reports',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: next() }),
        onResponse: (status, body) => {
          answers++;
          if (status === 200) accepted += (JSON.parse(body) as { accepted: number }).accepted;
        },
      },
    ],
  });
  if (result.errors || result.timeouts || result.non2xx || accepted !== answers * size) {
    throw new Error(`collector bench (batch ${size}): ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ${accepted} of ${answers * size} reports accepted`);
  }
  return { reportsPerSecond: accepted / result.duration, p50: result.latency.p50, p99: result.latency.p99 };
}

export const benchmark: Benchmark = {
  title: 'Collector',
  async run(ctx) {
    const server = await startServer({ TAILOR_REPORT_RATE_LIMIT: '100000000' });
    const out: Figure[] = [];
    try {
      const seconds = ctx.quick ? 3 : 10;
      const runs = ctx.quick ? 1 : 3;
      for (const size of [1, 50]) {
        const samples = [];
        for (let i = 0; i < runs; i++) samples.push(await run(server.tailorUrl, size, seconds));
        const how = `autocannon, ${CONNECTIONS} connections, ${seconds} s per run, loopback; fresh keys per request`;
        out.push(figure(`collector: reports accepted per second (batches of ${size})`, 'reports/s', samples.map((s) => s.reportsPerSecond), how));
        out.push(figure(`collector: p50 latency (batches of ${size})`, 'ms', samples.map((s) => s.p50), how));
        out.push(figure(`collector: p99 latency (batches of ${size})`, 'ms', samples.map((s) => s.p99), how));
      }
    } finally {
      await server.stop();
    }
    return out;
  },
};
