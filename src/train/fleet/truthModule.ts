/**
 * A fleet world: a plain ES module the user writes, saying how the shop's shoppers really respond.
 *
 *   export function pBuy(session, tier) → probability in [0, 1]; tier ∈ {0, 5, 10, 15, 20}
 *   export function cartValue(session, rng) → order value > 0   (optional)
 *
 * `session` is one UCI Online Shoppers row keyed by the CSV's column names (numbers as numbers, Month and
 * VisitorType as strings, Weekend and Revenue as booleans). Every answer is checked as it is used, so a world
 * that returns NaN or 1.2 stops the run with the session and tier named, instead of skewing the figures.
 */
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** One UCI session as the truth module sees it. */
export type UciSession = Readonly<Record<string, number | string | boolean>>;

/** A loaded, checked world. */
export interface TruthWorld {
  /** Where it came from (shown in the output). */
  readonly path: string;
  /** True P(buy | tier) of a session; throws a named error on an answer outside [0, 1]. */
  pBuy(session: UciSession, tier: number, index: number): number;
  /** The session's order value; null when the module has no `cartValue` (the caller's default applies). */
  cartValue: ((session: UciSession, rng: () => number, index: number) => number) | null;
}

/** Loads `path` and checks its exports. */
export async function loadTruthWorld(path: string, command = 'fleet'): Promise<TruthWorld> {
  const file = resolve(path);
  if (!existsSync(file)) throw new Error(`tailor ${command}: '--truth' file does not exist: ${file}`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`tailor ${command}: '--truth' ${file} cannot be loaded as an ES module (${(error as Error).message})`, { cause: error });
  }
  return checkTruthExports(mod, file, command);
}

/** Checks a module's exports (separate from loading so tests can pass an object). */
export function checkTruthExports(mod: Record<string, unknown>, file: string, command = 'fleet'): TruthWorld {
  const { pBuy, cartValue } = mod;
  if (typeof pBuy !== 'function') {
    throw new Error(`tailor ${command}: '--truth' ${file} must export a function pBuy(session, tier) returning a probability in [0, 1]; it exports ${Object.keys(mod).join(', ') || 'nothing'}`);
  }
  if (cartValue !== undefined && typeof cartValue !== 'function') {
    throw new Error(`tailor ${command}: '--truth' ${file} exports cartValue as a ${typeof cartValue}; it must be a function cartValue(session, rng) returning an order value > 0`);
  }
  const where = (index: number) => `${file}: session ${index} (UCI data row ${index + 2})`;
  return {
    path: file,
    pBuy(session, tier, index) {
      const p = (pBuy as (s: UciSession, t: number) => unknown)(session, tier);
      if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 1) {
        throw new Error(`tailor ${command}: pBuy returned ${String(p)} for tier ${tier} at ${where(index)}; it must return a probability in [0, 1]`);
      }
      return p;
    },
    cartValue:
      typeof cartValue === 'function'
        ? (session, rng, index) => {
            const v = (cartValue as (s: UciSession, r: () => number) => unknown)(session, rng);
            if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
              throw new Error(`tailor ${command}: cartValue returned ${String(v)} at ${where(index)}; it must return an order value > 0`);
            }
            return v;
          }
        : null,
  };
}
