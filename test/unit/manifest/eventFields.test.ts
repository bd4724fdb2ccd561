/**
 * The manifest's event fields against the validator: every key path `validateEvent` outputs is declared for its
 * event name, with the declared type and bounds; every required path is there; and every declared path does
 * occur for some valid input (so nothing is declared that the validator cannot produce).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateEvent } from '../../../src/core/events/validate';
import { EVENT_FIELDS, eventFieldsOf, type FieldMap, type FieldSpec } from '../../../src/core/manifest';
import { EVENT_NAMES, NOW, hostileEvent } from './lib/eventArbitraries';

type Seen = { path: string; value: unknown };
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every (key path, value) of `value`, with array elements under `[]` and wildcard keys under `*`. */
function keyPaths(value: Record<string, unknown>, fields: FieldMap, prefix = '', out: Seen[] = []): Seen[] {
  for (const [key, child] of Object.entries(value)) {
    const exact = prefix ? `${prefix}.${key}` : key;
    const path = exact in fields || !(`${prefix}.*` in fields) ? exact : `${prefix}.*`;
    out.push({ path, value: child });
    if (Array.isArray(child)) for (const el of child) if (isPlain(el)) keyPaths(el, fields, `${path}[]`, out);
    if (isPlain(child) && !path.endsWith('*')) keyPaths(child, fields, path, out);
  }
  return out;
}

/** Why `value` does not fit `spec`, or null. */
function misfit(spec: FieldSpec, value: unknown): string | null {
  if (spec.values && !spec.values.includes(value as never)) return `not one of ${spec.values.join(', ')}`;
  switch (spec.type) {
    case 'string':
    case 'primitive':
      if (spec.type === 'primitive' && (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))) return null;
      if (typeof value !== 'string' || value.length === 0) return 'not a non-empty string';
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return `longer than ${spec.maxLength}`;
      if (spec.pattern && !new RegExp(spec.pattern, 'i').test(value)) return `does not match ${spec.pattern}`;
      if (spec.pattern?.startsWith('^[A-Z]') && value !== value.toUpperCase()) return 'not upper case';
      return null;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'not a finite number';
      if (spec.type === 'integer' && !Number.isInteger(value)) return 'not an integer';
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) return `outside [${spec.min}, ${spec.max}]`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'not a boolean';
    case 'array':
      if (!Array.isArray(value)) return 'not an array';
      return (spec.min !== undefined && value.length < spec.min) || (spec.max !== undefined && value.length > spec.max) ? 'wrong length' : null;
    case 'object':
      if (!isPlain(value)) return 'not an object';
      return spec.maxKeys !== undefined && Object.keys(value).length > spec.maxKeys ? 'too many keys' : null;
  }
}

/** Required paths missing from `event` (element-wise for `[]` paths). */
function missing(event: Record<string, unknown>, fields: FieldMap): string[] {
  const out: string[] = [];
  for (const [path, spec] of Object.entries(fields)) {
    if (!spec.required || path.endsWith('*')) continue;
    const [outer, inner] = path.split('[].') as [string, string | undefined];
    const get = (root: unknown, p: string) => p.split('.').reduce<unknown>((o, k) => (isPlain(o) ? o[k] : undefined), root);
    if (inner === undefined) {
      if (get(event, outer) === undefined) out.push(path);
    } else {
      for (const el of (get(event, outer) as unknown[] | undefined) ?? []) if (get(el, inner) === undefined) out.push(path);
    }
  }
  return out;
}

describe('EVENT_FIELDS against validateEvent', () => {
  it('declares a payload for exactly the event names the validator accepts', () => {
    expect(Object.keys(EVENT_FIELDS).sort()).toEqual([...EVENT_NAMES].sort());
    expect(validateEvent({ name: 'not_an_event', props: {} }, NOW).ok).toBe(false);
  });

  it.each(EVENT_NAMES)('%s: every output path is declared with its type and bounds, and every declared path occurs', (name) => {
    const fields = eventFieldsOf(name);
    const occurred = new Set<string>();
    let accepted = 0;
    fc.assert(
      fc.property(hostileEvent(name), (raw) => {
        const result = validateEvent(raw, NOW);
        if (!result.ok) return;
        accepted++;
        // The worker adds these two to what the validator returns before storing.
        const stored = { ...result.event, id: 'a'.repeat(32), session_id: 'b'.repeat(32) } as Record<string, unknown>;
        for (const { path, value } of keyPaths(stored, fields)) {
          const spec = fields[path];
          expect(spec, `${name}: '${path}' is stored but not declared in the manifest`).toBeDefined();
          expect(misfit(spec!, value), `${name}: '${path}' = ${JSON.stringify(value)}`).toBeNull();
          occurred.add(path);
        }
        expect(missing(stored, fields), `${name}: required paths missing`).toEqual([]);
        expect(stored.ts).toBeLessThanOrEqual(NOW + 86_400_000);
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(100);
    expect(Object.keys(fields).filter((p) => !occurred.has(p))).toEqual([]);
  });

  it('catches an undeclared field: a validator output with an extra key fails the walk', () => {
    const fields = eventFieldsOf('search');
    const paths = keyPaths({ name: 'search', ts: NOW, props: { query: 'tea', email: 'x' } }, fields).map((s) => s.path);
    expect(paths.filter((p) => !(p in fields))).toEqual(['props.email']);
  });
});
