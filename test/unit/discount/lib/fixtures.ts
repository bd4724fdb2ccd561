/**
 * Generated fixtures for the discount tests (never real rows): UCI-shaped sessions from the
 * training tests' generator, a strongly heterogeneous simulation world, and a CLI runner that
 * captures output.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadUciShoppers } from '../../../../src/train/datasets/uciShoppers';
import type { SimulationSource } from '../../../../src/train/discount/simulate';
import type { SimulationConfig } from '../../../../src/train/discount/simulationConfig';
import { DEFAULT_SIMULATION } from '../../../../src/train/discount/simulationConfig';
import { uciFixtureCsv } from '../../train/fixtures/uciFixture';
import { cli } from '../../train/fixtures/runCliCaptured';

export { cli };

/** A world where one segment responds strongly and the other not at all: easy to learn quickly. */
export const STRONG_WORLD: SimulationConfig = {
  ...DEFAULT_SIMULATION,
  segments: [
    { name: 'responsive', maxUplift: 0.5, tau: 6, when: { maxPageValues: 10, minProductRelated: 10 } },
    { name: 'indifferent', maxUplift: 0, tau: 6, when: {} },
  ],
};

/** Writes a generated UCI-shaped file into a fresh temp folder; returns the folder. */
export async function uciDataDir(rows: number, seed: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tailor-discount-data-'));
  await writeFile(join(dir, 'online_shoppers_intention.csv'), uciFixtureCsv(rows, seed));
  return dir;
}

/** Generated UCI-shaped sessions as a simulation source. */
export async function generatedSource(rows: number, seed: number): Promise<SimulationSource> {
  const data = await loadUciShoppers(await uciDataDir(rows, seed));
  return { records: data.records, labels: data.labels, file: 'generated.csv', sha256: data.sha256 };
}

/**
 * Simulates a training log in STRONG_WORLD and trains a --quick model on it through the CLI.
 * Returns the folders and files involved.
 */
export async function trainedStrongModel(seed = 5): Promise<{ dataDir: string; work: string; modelDir: string; logged: string; stdout: string }> {
  const dataDir = await uciDataDir(1500, seed);
  const work = await mkdtemp(join(tmpdir(), 'tailor-discount-work-'));
  const configPath = join(work, 'world.json');
  await writeFile(configPath, JSON.stringify({ segments: STRONG_WORLD.segments }));
  const logged = join(work, 'train.csv');
  const sim = await cli(['simulate-data', '--data', dataDir, '--out', logged, '--rows', '6000', '--seed', String(seed), '--sessions', 'train', '--config', configPath]);
  if (sim.code !== 0) throw new Error(`simulate-data failed: ${sim.stderr}`);
  const modelDir = join(work, 'model');
  const train = await cli(['train-logged', '--logged', logged, '--out', modelDir, '--quick', '--seed', String(seed)]);
  if (train.code !== 0) throw new Error(`train-logged failed: ${train.stderr}`);
  return { dataDir, work, modelDir, logged, stdout: train.stdout };
}
