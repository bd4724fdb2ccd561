import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERSION } from '../../../src/core/version';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTailorApp } from '../../../src/server/app';
import { MIGRATIONS, openDatabase, type Db } from '../../../src/server/db';
import { utcDay } from '../../../src/core/privacy';
import { centralDeps, measurement } from '../collector/lib/central';
import { asReader, testAccess } from '../lib/merchants';
import { fakeSdkDir } from './lib/sdkDir';

let db: Db;
let sdkDir: string;

beforeEach(() => {
  db = openDatabase(':memory:');
  sdkDir = fakeSdkDir();
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
    // Bad percent-encoding is the client's mistake: a 400 naming it, never a 500 with a stack.
    const bad = await app.request('/sdk/%ZZ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'bad_path', message: 'the path is not valid percent-encoding' });
  });

  it('compresses what the client accepts (brotli first), once per file version, with timing visible to merchants', async () => {
    const body = `export const table = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ i, tier: i % 5 })))};\n`;
    writeFileSync(join(sdkDir, 'assets', 'big-abc.js'), body);
    const app = createTailorApp({ db, sdkDir });
    const get = (encoding?: string) => app.request('/sdk/assets/big-abc.js', { headers: encoding === undefined ? {} : { 'Accept-Encoding': encoding } });
    const br = await get('gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('timing-allow-origin')).toBe('*');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brotliDecompressSync(brBytes).toString()).toBe(body);
    expect(brBytes.length).toBeLessThan(body.length / 5);
    const gz = await get('gzip;q=1, br;q=0');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(body);
    const plain = await get();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(body);
    expect((await get('identity')).headers.get('content-encoding')).toBeNull();
    // A tiny file is not worth a coding.
    expect((await app.request('/sdk/tailor.js', { headers: { 'Accept-Encoding': 'br' } })).headers.get('content-encoding')).toBeNull();
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

  it('mounts the central channel with /v1 CORS, and the dashboard shares its learning state', async () => {
    const app = createTailorApp({ db, sdkDir, privacy: centralDeps(), merchants: testAccess() });
    const pre = await app.request('/v1/measurements', { method: 'OPTIONS', headers: { Origin: 'http://shop.example', 'Access-Control-Request-Method': 'POST' } });
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    const res = await app.request('/v1/measurements', { method: 'POST', body: JSON.stringify({ site: 'demo', measurements: [measurement(1, 0, 10, false, { day: utcDay(Date.now()) })] }), headers: { Origin: 'http://shop.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, late: 0 });
    expect((await app.request('/v1/cells?site=demo', asReader)).status).toBe(200);
    expect(await (await app.request('/dashboard?site=demo', asReader)).text()).toContain('<h2 id="learning">Learning</h2>');
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
