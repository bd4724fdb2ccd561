/**
 * Field readers for `validateEvent`. Each reads one property exactly once (a getter may return something different
 * on every read), checks it, and either returns the normalised value or throws {@link Invalid} with a reason that
 * names the field, e.g. "'price' of items[1] must be a finite number from 0 to 1000000000".
 */
import { scrubText } from '../scrub';

/** Carries a rejection reason out of the nested readers; caught by `validateEvent` only. */
export class Invalid {
  constructor(readonly reason: string) {}
}

/** Rejects the event being validated. */
export function fail(reason: string): never {
  throw new Invalid(reason);
}

/** A plain object (not null, not an array). */
export type Rec = Record<string, unknown>;

/** Whether `v` is an object we can read fields from. */
export function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads `o[key]` once, mapping `null` to `undefined` (absent) and a throwing getter to a reason. */
export function get(o: object, key: string | number, where: string): unknown {
  try {
    const v = (o as Rec)[key];
    return v === null ? undefined : v;
  } catch {
    return fail(`'${key}'${where} could not be read`);
  }
}

/** {@link get}, failing when the field is absent but {@link REQ} is set. */
export function need(o: object, key: string, where: string, flags: number): unknown {
  const v = get(o, key, where);
  return v === undefined && flags & REQ ? fail(`'${key}'${where} is required`) : v;
}

/** The field is required. */
export const REQ = 1;
/** Free text: scrubbed for personal data. Without it the string is an identifier and kept as written. */
export const TEXT = 2;
/** Numbers are accepted and turned into strings (ids are often numeric). */
export const NUM_OK = 4;
/** Numbers must be integers. */
export const INT = 8;

/**
 * Reads a string field: whitespace and control characters are collapsed, free text is scrubbed, and the result is
 * truncated to `cap` characters. Only the first 4 × `cap` characters are examined, which bounds the work per field.
 */
export function str(o: object, key: string, where: string, cap: number, flags = 0): string | undefined {
  const v = need(o, key, where, flags);
  if (v === undefined) return undefined;
  let s: string;
  if (typeof v === 'string') s = v;
  else if (flags & NUM_OK && typeof v === 'number' && Number.isFinite(v)) s = String(v);
  else return fail(`'${key}'${where} must be a string${flags & NUM_OK ? ' or a finite number' : ''}`);
  const long = s.length > cap * 4;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
  s = s.slice(0, cap * 4).replace(/[\s\x00-\x1f\x7f]+/g, ' ');
  // The examined window may end inside an e-mail that scrubbing would then miss: drop that last word. (Text
  // without spaces, such as Chinese, is kept whole; a run of 20+ word characters is a token and redacted anyway.)
  const cut = s.lastIndexOf(' ');
  if (flags & TEXT) s = scrubText(long && cut >= 0 ? s.slice(0, cut) : s);
  s = s.trim();
  s = s.slice(0, cap).trimEnd();
  // A cut between the halves of a surrogate pair leaves an unpaired half that some stores reject.
  if (/[\ud800-\udbff]$/.test(s)) s = s.slice(0, -1);
  if (!s && flags & REQ) fail(`'${key}'${where} must not be empty`);
  return s || undefined;
}

/** Reads a number field that must lie in [min, max] (and be an integer with {@link INT}). */
export function num(o: object, key: string, where: string, min: number, max: number, flags = 0): number | undefined {
  const v = need(o, key, where, flags);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !(v >= min && v <= max) || (flags & INT && !Number.isInteger(v))) {
    fail(`'${key}'${where} must be ${flags & INT ? 'an integer' : 'a finite number'} from ${min} to ${max}`);
  }
  return v;
}

/** Reads a field that must be one of `values`. */
export function oneOf<T>(o: object, key: string, where: string, values: readonly T[], flags = 0): T | undefined {
  const v = need(o, key, where, flags);
  if (v === undefined) return undefined;
  return values.includes(v as T) ? (v as T) : fail(`'${key}'${where} must be one of ${values.join(', ')}`);
}

/** Deletes keys whose value is `undefined`, so optional fields are absent rather than present-but-empty. */
export function compact<T extends object>(o: T): T {
  for (const k in o) if (o[k] === undefined) delete o[k];
  return o;
}
