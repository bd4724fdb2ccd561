/**
 * `tailor`: the training and evaluation CLI. Run with `npx tsx src/train/cli.ts <command>` or
 * `node bin/tailor.js <command>`. Commands load lazily, so `--help` never pays for TensorFlow.js.
 * `train --logged FILE` is routed to `train-logged` (the discount-response model).
 */
import { pathToFileURL } from 'node:url';

/** A subcommand: receives the arguments after its name. */
export type CommandRunner = (argv: string[]) => Promise<void>;

interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<CommandRunner>;
}

/** Where the uplift helper's command lives; resolved at run time so this file type-checks without it. */
const UPLIFT_MODULE = './uplift/command';

async function loadUplift(): Promise<CommandRunner> {
  let mod: { runUpliftCommand?: unknown };
  try {
    mod = (await import(/* @vite-ignore */ UPLIFT_MODULE)) as { runUpliftCommand?: unknown };
  } catch (error) {
    throw new Error(`tailor uplift: the uplift command is not available (${(error as Error).message})`, { cause: error });
  }
  if (typeof mod.runUpliftCommand !== 'function') {
    throw new Error(`tailor uplift: src/train/uplift/command.ts must export 'runUpliftCommand(argv)'`);
  }
  return mod.runUpliftCommand as CommandRunner;
}

/** The dispatch table, in help order. */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  train: {
    summary: 'train the purchase model on UCI Online Shoppers and write model, bundle, metrics, model card',
    load: async () => (await import('./commands/train')).runTrainCommand,
  },
  evaluate: {
    summary: 'cross-validate the purchase model and the GBDT baseline (mean ± sd), write plots',
    load: async () => (await import('./commands/evaluate')).runEvaluateCommand,
  },
  uplift: {
    summary: 'uplift and off-policy evaluation on the Hillstrom e-mail experiment',
    load: loadUplift,
  },
  'simulate-data': {
    summary: 'semi-synthetic logged discount offers: real UCI sessions, simulated tier response with a known truth',
    load: async () => (await import('./discount/simulateCommand')).runSimulateCommand,
  },
  'train-logged': {
    summary: 'train the discount-response model on logged randomized offers (= train --logged FILE)',
    load: async () => (await import('./discount/trainCommand')).runTrainLoggedCommand,
  },
  decide: {
    summary: 'run the offer policy offline: one tier per input row, with P(buy) and expected margin per tier',
    load: async () => (await import('./discount/decideCommand')).runDecideCommand,
  },
  'evaluate-policy': {
    summary: 'off-policy value (IPS, DR; exact with a truth file) of the learned policy vs simple baselines',
    load: async () => (await import('./discount/evaluateCommand')).runEvaluatePolicyCommand,
  },
  'page-values': {
    summary: 'the site-wide page-value table from your order export, for devices to price PageValues as GA does',
    load: async () => (await import('./pageValues/pageValuesCommand')).runPageValuesCommand,
  },
  fleet: {
    summary: 'run the whole learning loop (real scoring, decide, noise, policy update) against a truth world you write',
    load: async () => (await import('./fleet/fleetCommand')).runFleetCommand,
  },
  'cell-prior': {
    summary: "write the model bundle's per-cell prior (cells.json) that the collector's learner starts from",
    load: async () => (await import('./fleet/cellPriorCommand')).runCellPriorCommand,
  },
};

/** Top-level help text. */
export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`);
  return `Usage: tailor <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'tailor <command> --help' for a command's options.`;
}

/**
 * Runs the CLI with `argv` (the arguments after the program name) and returns the exit code.
 * Errors are printed as one line on stderr, without a stack: they are meant for the user.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 1 : 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`tailor: unknown command '${name}'\n\n${usage()}\n`);
    return 1;
  }
  try {
    const run = await entry.load();
    await run(rest);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.TAILOR_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}

// Run when executed directly (`tsx src/train/cli.ts`), not when imported by tests or bin/tailor.js.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
