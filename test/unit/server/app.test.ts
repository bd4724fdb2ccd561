import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERSION } from '../../../src/core/version';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTailorApp } from '../../../src/server/app';
import { MIGRATIONS, openDatabase, type Db } from '../../../src/server/db';

let db: Db;
let sdkDir: string;

beforeEach(() => {
  db = openDatabase(':memory:');
  sdkDir = mkdtempSync(join(tmpdir(), 'tailor-sdk-'));
  mkdirSync(join(sdkDir, 'assets'));
  writeFileSync(join(sdkDir, 'tailor.js'), 'console.log(1)');
  writeFileSync(join(sdkDir, 'assets', 'worker-abc.js'), 'export {}');
});
afterEach(() => db.close());

describe('server app', () => {
  it('reports health with version and DB status', async () => {
    const res = await createTailorApp({ db, sdkDir }).request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, version: VERSION, db: { ok: true, schemaVersion: MIGRATIONS.length } });
  });

  it('reports an unhealthy store with 503', async () => {
    const app = createTailorApp({ db, sdkDir });
    db.close();
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect((await res.json()).db.ok).toBe(false);
    db = openDatabase(':memory:');
  });

  it('serves the SDK with types, caching and CORS', async () => {
    const app = createTailorApp({ db, sdkDir });
    const tag = await app.request('/sdk/tailor.js');
    expect(tag.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(tag.headers.get('cache-control')).toContain('max-age=300');
    const chunk = await app.request('/sdk/assets/worker-abc.js');
    expect(chunk.headers.get('cache-control')).toContain('immutable');
    expect(chunk.headers.get('access-control-allow-origin')).toBe('*');
    expect((await app.request('/sdk/nope.js')).status).toBe(404);
    expect((await app.request('/sdk/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('answers CORS preflight and limits body size on /v1', async () => {
    const app = createTailorApp({ db, sdkDir, maxBodyBytes: 100 });
    const pre = await app.request('/v1/anything', { method: 'OPTIONS', headers: { Origin: 'http://shop.example', 'Access-Control-Request-Method': 'POST' } });
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    const big = await app.request('/v1/anything', { method: 'POST', body: 'x'.repeat(1000), headers: { 'Content-Type': 'application/json' } });
    expect(big.status).toBe(413);
    expect((await big.json()).error).toBe('payload_too_large');
    const missing = await app.request('/v1/anything', { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
  });

  it('migrates a database once and is idempotent on reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailor-db-'));
    const path = join(dir, 'sub', 't.db');
    openDatabase(path).close();
    const again = openDatabase(path);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
  });
});
