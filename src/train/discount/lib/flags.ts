/** Flag parsing shared by the discount commands: node:util parseArgs with errors that name the command. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

type FlagSpec = Readonly<Record<string, { type: 'string' | 'boolean'; short?: string }>>;
type FlagValues = Record<string, string | boolean | undefined>;

/** Parses `argv`; returns undefined after printing `help` when -h/--help is given. */
export function parseFlags(argv: readonly string[], command: string, spec: FlagSpec, help: string): FlagValues | undefined {
  let values: FlagValues;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { ...spec, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }) as { values: FlagValues });
  } catch (error) {
    throw new Error(`tailor ${command}: ${(error as Error).message}. See 'tailor ${command} --help'.`, { cause: error });
  }
  if (values.help === true) {
    process.stdout.write(`${help}\n`);
    return undefined;
  }
  return values;
}

/** A required string flag. */
export function requiredFlag(values: FlagValues, name: string, command: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new Error(`tailor ${command}: '--${name}' is required. See 'tailor ${command} --help'.`);
  return value;
}

/** An optional integer flag in [min, max]. */
export function integerFlag(values: FlagValues, name: string, command: string, fallback: number, min: number, max: number): number {
  const text = values[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (typeof text !== 'string' || !/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`tailor ${command}: '--${name}' must be an integer in [${min}, ${max}], got '${String(text)}'`);
  }
  return value;
}

/** Reads and parses a JSON file named by a flag; errors name the flag and the file. */
export async function readJsonFlag(path: string, flag: string, command: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`tailor ${command}: '--${flag}' file cannot be read: ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`tailor ${command}: '--${flag}' file ${path} is not valid JSON (${(error as Error).message})`, { cause: error });
  }
}
