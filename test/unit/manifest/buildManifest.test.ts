/**
 * The manifest document and the build step that writes it: plain deterministic JSON, the consent table as
 * written out by hand below (the same expectations as test/unit/consent/decideConsent.test.ts), and the Vite
 * plugin writing `tailor-manifest.json` into a real build's output folder.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { MANIFEST_FILE, buildManifest, consentTable } from '../../../src/core/manifest';
import { EVENT_NAMES } from '../../../src/core/events/schema';
import { VERSION } from '../../../src/core/version';
import { manifestJson, tailorManifest, writeManifest } from '../../../scripts/vite/manifestPlugin';

const T = true;
const F = false;
/** [store, personalise, sync] per row of the table, in order. */
const EXPECTED: [string, boolean, boolean, boolean][] = [
  ["data-consent='granted' (default), no other signal", T, T, T],
  ["data-consent='required', tailor.consent not called yet", F, F, F],
  ["data-consent='required', then tailor.consent(true)", T, T, T],
  ['tailor.consent(false)', F, F, F],
  ['Global Privacy Control', T, T, F],
  ['Do Not Track', T, T, F],
  ['Global Privacy Control, merchant set data-gpc-personalise="false"', T, F, F],
  ['Global Privacy Control and tailor.consent(true)', T, T, F],
  ['TCF, all purposes consented', T, T, T],
  ['TCF, purpose 1 refused', F, F, F],
  ['TCF, purpose 5 refused', T, F, T],
  ['TCF, purpose 8 refused', T, T, F],
  ['TCF, GDPR does not apply', T, T, T],
  ['Consent Mode analytics_storage denied', F, F, F],
  ['Consent Mode ad_personalization denied', T, F, T],
  ["data-consent='required' and TCF all purposes consented", F, F, F],
];

describe('buildManifest', () => {
  it('is plain JSON, identical on every build', () => {
    const m = buildManifest();
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(JSON.stringify(buildManifest())).toBe(JSON.stringify(m));
    expect(m).toMatchObject({ format: 'tailor-data-manifest', formatVersion: 1, tailorVersion: VERSION });
    expect(Object.keys(m.events.byName)).toEqual([...EVENT_NAMES]);
  });

  it('carries the consent decision table, row by row', () => {
    const rows = consentTable();
    expect(rows.map((r) => [r.when, r.store, r.personalise, r.sync])).toEqual(EXPECTED);
    for (const r of rows) if (!(r.store && r.personalise && r.sync)) expect(r.reasons.length, r.when).toBeGreaterThan(0);
    expect(buildManifest().consent.table).toEqual(rows);
  });

  it('is written by writeManifest as pretty JSON that parses back to the manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailor-manifest-'));
    const file = await writeManifest(dir);
    expect(file).toBe(join(dir, MANIFEST_FILE));
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(manifestJson());
    expect(JSON.parse(text)).toEqual(buildManifest());
  });

  it('is written into the outDir of a real vite build by the plugin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailor-vite-'));
    writeFileSync(join(dir, 'entry.js'), 'export const x = 1;\n');
    await build({
      configFile: false,
      logLevel: 'silent',
      root: dir,
      build: { outDir: 'out', lib: { entry: join(dir, 'entry.js'), formats: ['es'], fileName: 'entry' } },
      plugins: [tailorManifest()],
    });
    const written = join(dir, 'out', MANIFEST_FILE);
    expect(existsSync(written)).toBe(true);
    expect(JSON.parse(readFileSync(written, 'utf8'))).toEqual(buildManifest());
  });
});
