/** Filesystem locations the CLI resolves relative to the project root, not the working directory. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above src/train/lib). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Default `--data`: the shared data folder next to the project. */
export const DEFAULT_DATA_DIR = resolve(PROJECT_ROOT, '../shared/data');

/** Default `--out`: the committed models folder. */
export const DEFAULT_OUT_DIR = resolve(PROJECT_ROOT, 'models');

/** File name of the UCI Online Shoppers data inside `--data`. */
export const UCI_SHOPPERS_FILE = 'online_shoppers_intention.csv';
