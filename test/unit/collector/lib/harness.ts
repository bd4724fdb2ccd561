/** A collector on an in-memory database with a settable clock, as the lead's app will mount it. */
import { Hono } from 'hono';
import { openDatabase, type Db } from '../../../../src/server/db';
import { COLLECTOR_MIGRATIONS, SqlitePolicyStore, SqliteReportStore, mountCollector, type CollectorDeps } from '../../../../src/server/collector';
import { PolicyService } from '../../../../src/server/collector/policyService';
import { resolveDeps } from '../../../../src/server/collector/settings';
import type { Report } from '../../../../src/core/privacy';
import { testGuard } from '../../lib/merchants';
import { HOLDOUT_TRUTH, TIER10_TRUTH, simulateReports } from '../../privacy/lib/simulate';

/** 2026-11-28 12:00 UTC (UTC day 20785). */
export const NOW = Date.UTC(2026, 10, 28, 12);
export const TODAY = Math.floor(NOW / 86_400_000);

/** The test rig. */
export interface Rig {
  app: Hono;
  db: Db;
  clock: { now: number };
  /** POSTs a JSON (or raw string) body to /v1/reports, from `address` when given. */
  upload(body: unknown, address?: string): Promise<Response>;
  /** Uploads reports in batches of 50; throws unless every batch is accepted. */
  uploadAll(reports: readonly Report[], site?: string): Promise<void>;
  /** Rows in the collector's report tables. */
  stored(): { counts: number; keys: number };
  /**
   * Records policy versions as issued for `site` (what a recompute would have stored), so reports made under them
   * are accepted: the collector counts only versions it issued.
   */
  issue(site: string, ...versions: number[]): void;
}

/** Builds the rig. */
export function rig(deps: Partial<CollectorDeps> = {}): Rig {
  const db = openDatabase(':memory:');
  for (const m of COLLECTOR_MIGRATIONS) db.exec(m);
  const clock = { now: NOW };
  const app = new Hono();
  mountCollector(app, { db, now: () => clock.now, rateLimit: { limit: 100_000, windowMs: 60_000 }, merchants: testGuard({ now: () => clock.now }), ...deps });
  const upload = async (body: unknown, address?: string): Promise<Response> =>
    app.request(
      '/v1/reports',
      { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } },
      // What @hono/node-server passes as the env: the Node request, whose socket has the peer address.
      address === undefined ? undefined : { incoming: { socket: { remoteAddress: address } } },
    );
  return {
    app,
    db,
    clock,
    upload,
    async uploadAll(reports, site) {
      for (let i = 0; i < reports.length; i += 50) {
        const res = await upload({ ...(site ? { site } : {}), reports: reports.slice(i, i + 50) });
        if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
      }
    },
    issue: (site, ...versions) => issueVersions(db, site, versions, deps),
    stored: () => ({
      counts: (db.prepare('SELECT COUNT(*) AS n FROM privacy_counts').get() as { n: number }).n,
      keys: (db.prepare('SELECT COUNT(*) AS n FROM privacy_report_keys').get() as { n: number }).n,
    }),
  };
}

/**
 * Stores `versions` for `site` as a recompute would have (the default config's content under each number), so
 * reports made under them are accepted: the collector counts only versions it issued.
 */
export function issueVersions(db: Db, site: string, versions: readonly number[], deps: Partial<CollectorDeps> = {}): void {
  const settings = resolveDeps({ db, ...deps }).settings;
  const policies = new SqlitePolicyStore(db);
  const snapshot = new PolicyService({ reports: new SqliteReportStore(db), policies, now: () => NOW, settings, modelPrior: null, recomputeMs: 0, windowDays: 28 }).defaultSnapshot();
  for (const v of versions) policies.save(site, { ...snapshot, version: String(v) }, NOW);
}

/** A valid report for today with a key derived from `i`. */
export function report(i: number, fields: Partial<Report> = {}): Report {
  return {
    schema: 1,
    idempotencyKey: i.toString(16).padStart(32, '0'),
    day: TODAY,
    policyVersion: 'default',
    epsilon: Math.log(3),
    arm: 'tier10',
    clicked: 0,
    copied: 0,
    redeemed: 0,
    purchased: 1,
    orderValueBucket: 2,
    satisfaction: 'none',
    ...fields,
  };
}

/**
 * A database with a long history, straight into the store: `perArm` holdout and `perArm` tier-10 reports for every
 * one of `days` days (ending today) under every one of `versions` policy versions (1…versions, issued).
 */
export function longHistory(versions: number, days: number, perArm: number): { db: Db; store: SqliteReportStore } {
  const db = openDatabase(':memory:');
  for (const m of COLLECTOR_MIGRATIONS) db.exec(m);
  const store = new SqliteReportStore(db);
  let seed = 1;
  for (let v = 1; v <= versions; v++) {
    for (let d = 0; d < days; d++) {
      const options = { day: TODAY - d, policyVersion: String(v) };
      store.insert('demo', [...simulateReports('holdout', HOLDOUT_TRUTH, perArm, seed++, options), ...simulateReports('tier10', TIER10_TRUTH, perArm, seed++, options)]);
    }
  }
  issueVersions(db, 'demo', Array.from({ length: versions }, (_, i) => i + 1));
  return { db, store };
}
