/**
 * Several processes on one database (issue 16): the file's durability and modes, policy versions minted by two
 * connections at once, and three real server processes serving 1,000 concurrent config reads while versions change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../src/server/db';
import { SqlitePolicyStore, SqliteReportStore } from '../../../src/server/collector';
import { PolicyService } from '../../../src/server/collector/policyService';
import { resolveDeps } from '../../../src/server/collector/settings';
import { report, NOW, TODAY } from '../collector/lib/harness';

const open: Db[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
});

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'tailor-mp-')), 'tailor.db');
const connect = (path: string) => {
  const db = openDatabase(path);
  open.push(db);
  return db;
};
const mode = (path: string) => statSync(path).mode & 0o777;

describe('the database file', () => {
  it('is durable (synchronous = FULL) and readable by its owner only, -wal and -shm included', () => {
    const path = tempDb();
    const db = connect(path);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.prepare("INSERT INTO server_meta (key, value) VALUES ('k', 'v')").run();
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file), file).toBe(0o600);
  });

  it('tightens a database an older version left world-readable', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tailor-mp-')), 'nested', 'old.db');
    mkdirSync(join(path, '..'));
    closeSync(openSync(path, 'w'));
    chmodSync(path, 0o644);
    connect(path);
    expect(mode(path)).toBe(0o600);
  });
});

describe('policy versions minted by two processes', () => {
  it('never fail on the unique version: the second to mint a number gets the first one back', () => {
    const path = tempDb();
    const [a, b] = [new SqlitePolicyStore(connect(path)), new SqlitePolicyStore(connect(path))];
    const snapshot = (hash: string) => ({ calibration: { '0': 1 }, exploration: { rate: 0.05, weights: { '0': 1 } }, epsilon: 1, k: 50, budget: { maxReportsPerDay: 2, weeklyEpsilon: 5 }, grossMargin: 0.4, version: '1', hash });
    // Both read "no version yet", both mint version 1 (from different data), interleaved.
    expect(a.latest('demo')).toBeNull();
    expect(b.latest('demo')).toBeNull();
    expect(a.save('demo', snapshot('aaa'), 1).hash).toBe('aaa');
    expect(b.save('demo', snapshot('bbb'), 2).hash).toBe('aaa');
    expect(b.latest('demo')?.hash).toBe('aaa');
    expect(a.issued('demo', '1') && b.issued('demo', '1')).toBe(true);
  });

  it('agree when two services recompute from the same reports in turn, each from a stale read', () => {
    const path = tempDb();
    const services = [connect(path), connect(path)].map((db) => {
      const settings = resolveDeps({ db }).settings;
      return new PolicyService({ reports: new SqliteReportStore(db), policies: new SqlitePolicyStore(db), now: () => NOW, settings, modelPrior: { '0': 0.2, '10': 0.2 }, recomputeMs: 60_000, windowDays: 28 });
    });
    const reports = new SqliteReportStore(open[0]!);
    for (let round = 0; round < 20; round++) {
      reports.insert('demo', Array.from({ length: 40 }, (_, i) => report(round * 100 + i, { day: TODAY, arm: i % 2 ? 'tier10' : 'holdout', purchased: i % (round + 2) === 0 ? 1 : 0 })));
      const [x, y] = services.map((s) => s.recompute('demo'));
      expect(y).toEqual(x);
    }
  });
});

/** Spawns `src/server/main.ts` on free ports over `dbPath`, as test/e2e/lib/server.ts does; resolves with its URL. */
function startServer(dbPath: string, sdkDir: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: '0', SHOP_PORT: '0', TAILOR_DB: dbPath, TAILOR_SDK_DIR: sdkDir, TAILOR_ADMIN_TOKEN: 'admin-token', TAILOR_REPORT_RATE_LIMIT: '1000000', TAILOR_PAGE_VALUES: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"event":"listening"'));
      if (line) resolve((JSON.parse(line) as { tailorUrl: string }).tailorUrl);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
  });
}

describe('three server processes on one database', () => {
  it('serve 1,000 concurrent config reads with 0 errors while every process mints the same versions', async () => {
    const dbPath = tempDb();
    const sdkDir = mkdtempSync(join(tmpdir(), 'tailor-sdk-'));
    writeFileSync(join(sdkDir, 'tailor.js'), 'console.log(1)');
    const urls = await Promise.all([0, 1, 2].map(() => startServer(dbPath, sdkDir)));
    const today = Math.floor(Date.now() / 86_400_000);
    const failures: string[] = [];
    const check = async (res: Response, what: string) => {
      if (res.status !== 200) failures.push(`${what}: ${res.status} ${await res.text()}`);
      else await res.arrayBuffer();
    };
    const post = (url: string, path: string, body?: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer admin-token' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    let key = Math.floor(Math.random() * 2 ** 40);
    const reads: Promise<void>[] = [];
    for (let round = 0; round < 10; round++) {
      // A site's first reports: the first config read of it in each process mints its version 1, all at once.
      const site = `site-${round}`;
      for (const arm of ['holdout', 'tier10'] as const) {
        const batch = Array.from({ length: 50 }, (_, j) => report(key++, { day: today, arm, purchased: j % 4 === 0 ? 1 : 0 }));
        await check(await post(urls[round % 3]!, '/v1/reports', { site, reports: batch }), 'POST /v1/reports');
      }
      for (let i = 0; i < 100; i++) reads.push(fetch(`${urls[i % 3]}/v1/config?site=${site}`).then((res) => check(res, 'GET /v1/config')));
      // Recomputes forced on every process in the middle of the reads: the race of issue 16 again.
      for (const u of urls) reads.push(post(u, `/v1/config/recompute?site=${site}`).then((res) => check(res, `recompute ${u}`)));
    }
    await Promise.all(reads);
    expect(failures).toEqual([]);
    expect(reads).toHaveLength(1030);
    // One version per site, and every process serves it.
    const db = connect(dbPath);
    const minted = db.prepare('SELECT site, COUNT(*) AS n, MAX(version) AS top FROM privacy_policies GROUP BY site').all() as { n: number; top: number }[];
    expect(minted).toHaveLength(10);
    expect(minted.every((m) => m.n === 1 && m.top === 1)).toBe(true);
    for (const u of urls) expect(((await (await fetch(`${u}/v1/config?site=site-9`)).json()) as { version: string }).version).toBe('1');
  }, 40_000);
});
