/** Options every data-reading subcommand shares, parsed with node:util parseArgs. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR, DEFAULT_OUT_DIR } from './paths';

/** Resolved common options. */
export interface CommonOptions {
  readonly dataDir: string;
  readonly outDir: string;
  readonly seed: number;
  readonly quick: boolean;
}

/** Help lines for the common options, appended to each command's help. */
export const COMMON_OPTIONS_HELP = `Options:
  --data <dir>   folder with the data sets (default: ../shared/data next to the project)
  --out <dir>    folder for artifacts (default: models/ in the project)
  --seed <n>     seed of every random choice (default: 1)
  --quick        few epochs and folds: a smoke test for CI (< 60 s), not the published figures
  -h, --help     show this help`;

/**
 * Parses `argv` for `command`. Returns undefined after printing `help` when --help is given.
 * Relative --data/--out resolve against the working directory, as a user typing them expects.
 */
export function parseCommonOptions(argv: readonly string[], command: string, help: string): CommonOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        quick: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`tailor ${command}: ${(error as Error).message}. See 'tailor ${command} --help'.`, { cause: error });
  }
  if (values.help) {
    process.stdout.write(`${help}\n\n${COMMON_OPTIONS_HELP}\n`);
    return undefined;
  }
  const seedText = values.seed ?? '1';
  const seed = Number(seedText);
  if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(seed)) {
    throw new Error(`tailor ${command}: '--seed' must be a non-negative integer, got '${seedText}'`);
  }
  return {
    dataDir: values.data === undefined ? DEFAULT_DATA_DIR : resolve(values.data),
    outDir: values.out === undefined ? DEFAULT_OUT_DIR : resolve(values.out),
    seed,
    quick: values.quick,
  };
}
