/**
 * PRIVACY.md against the code: every generated table is present and identical to what the manifest's
 * descriptors render now (so the consent table is what `decideConsent` decides, the stores and endpoints are
 * what the code has), and every file or folder the document points an auditor to exists.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { applyBlocks, blockNames, renderBlocks } from './lib/privacyTables';
import { source } from './lib/source';
import { CONSENT_SCENARIOS } from '../../../src/core/manifest';

const doc = source('PRIVACY.md');

describe('PRIVACY.md', () => {
  it('contains every generated table exactly once', () => {
    expect(blockNames(doc).sort()).toEqual(Object.keys(renderBlocks()).sort());
  });

  it('has tables identical to what the code renders now (regenerate: npx tsx test/unit/manifest/lib/privacyTables.ts --write)', () => {
    expect(applyBlocks(doc)).toBe(doc);
  });

  it('prints one consent row per scenario', () => {
    const table = /<!-- generated:consent-table -->\n([\s\S]*?)<!-- \/generated:consent-table -->/.exec(doc)![1]!;
    expect(table.trim().split('\n').slice(2)).toHaveLength(CONSENT_SCENARIOS.length);
  });

  it('points only to files and folders that exist', () => {
    const paths = [...doc.matchAll(/(?<![\w/.-])((?:src|test|scripts)\/[\w./-]*\w)/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(10);
    expect([...new Set(paths)].filter((p) => !existsSync(p))).toEqual([]);
  });
});
