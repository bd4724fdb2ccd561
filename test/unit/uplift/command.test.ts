import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runUpliftCommand } from '../../../src/train/uplift/command';
import { FIXTURE_HEADER, hillstromFixture } from './lib/hillstrom-fixture';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tailor-uplift-'));
  await writeFile(join(dir, 'hillstrom.csv'), hillstromFixture(6000, 7));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

interface Summary {
  mean: number;
}
interface Metrics {
  options: { seeds: number; quick: boolean };
  twoArm: { models: Record<string, { upliftAt30: Summary; qini: Summary; auuc: Summary }> };
  threeArm: {
    policies: Record<string, { ips: Summary }>;
    learnedMinusAllMens: { dr: Summary; meanSe: number };
  };
}

describe('runUpliftCommand --quick on a generated file with a planted effect', () => {
  it('ranks the planted group on top and learns to send it the Womens e-mail', async () => {
    const out = join(dir, 'out');
    await runUpliftCommand(['--data', dir, '--quick', '--seeds', '2', '--out', out]);
    const metrics = JSON.parse(await readFile(join(out, 'uplift-metrics.json'), 'utf8')) as Metrics;
    expect(metrics.options).toEqual({ seeds: 2, quick: true });

    // The planted group (~37% of rows) has uplift 0.40 and everyone else 0, so a model that
    // ranks it first scores ≈ 0.40 at 30%; random ranking scores ≈ 0.4 · 0.37 ≈ 0.15.
    const models = Object.entries(metrics.twoArm.models);
    expect(models).toHaveLength(4);
    for (const [label, m] of models) {
      expect(m.upliftAt30.mean, label).toBeGreaterThan(0.3);
      expect(m.qini.mean, label).toBeGreaterThan(0.15);
    }

    // Best policy: Womens e-mail to the planted group, Mens to the rest. Its gain over all-Mens
    // is ≈ 0.37 · (0.40 − 0.05) ≈ 0.13 visits per customer.
    const { policies, learnedMinusAllMens } = metrics.threeArm;
    expect(learnedMinusAllMens.dr.mean).toBeGreaterThan(0.08);
    expect(learnedMinusAllMens.dr.mean).toBeGreaterThan(3 * learnedMinusAllMens.meanSe);
    expect(policies['learned']?.ips.mean).toBeGreaterThan(policies['all-womens']?.ips.mean ?? 1);
    expect(policies['no-email']?.ips.mean).toBeLessThan(policies['random']?.ips.mean ?? 0);

    const svg = await readFile(join(out, 'plots', 'qini.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(5);
  });

  it('names the file, line and column of a bad cell', async () => {
    const bad = join(dir, 'bad-cell.csv');
    await writeFile(bad, `${FIXTURE_HEADER}\r\n3,1) $0 - $100,50.00,1,0,Urban,0,Web,No E-Mail,0,0,0\r\n3,1) $0 - $100,50.00,1,0,Atlantis,0,Web,No E-Mail,0,0,0\r\n`);
    await expect(runUpliftCommand(['--data', bad, '--out', join(dir, 'x')])).rejects.toThrow(/bad-cell\.csv:3, column 'zip_code': must be one of Urban, Surburban, Rural; got "Atlantis"/);
  });

  it('names the file and line of a short row', async () => {
    const bad = join(dir, 'short-row.csv');
    await writeFile(bad, `${FIXTURE_HEADER}\r\n3,1) $0 - $100,50.00,1,0,Urban,0,Web,No E-Mail,0,0\r\n`);
    await expect(runUpliftCommand(['--data', bad, '--out', join(dir, 'x')])).rejects.toThrow(/short-row\.csv:2: expected 12 cells, got 11/);
  });

  it('rejects bad flags and a missing data folder', async () => {
    await expect(runUpliftCommand(['--seeds', '0', '--data', dir])).rejects.toThrow(/'--seeds' passed to 'tailor uplift'/);
    await expect(runUpliftCommand(['--data', join(dir, 'nope')])).rejects.toThrow(/'--data' passed to 'tailor uplift' does not exist/);
    await expect(runUpliftCommand(['--bogus'])).rejects.toThrow(/usage: tailor uplift/);
  });
});
