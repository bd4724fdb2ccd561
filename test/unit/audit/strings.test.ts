/** The audit panel's copy: every locale has every string, non-empty, with the same `{slots}` as English. */
import { describe, expect, it } from 'vitest';
import { AUDIT_STRINGS, fill } from '../../../src/sdk/audit/strings';
import { LOCALES } from '../../../src/core/config';

/** Every leaf string by key path. */
function leaves(o: object, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else Object.assign(out, leaves(v as object, `${prefix}${k}.`));
  }
  return out;
}
const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('audit strings', () => {
  const en = leaves(AUDIT_STRINGS.en);

  it.each(LOCALES)('%s has every string, non-empty, with the same slots', (locale) => {
    const t = leaves(AUDIT_STRINGS[locale]);
    expect(Object.keys(t).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(t)) {
      expect(value.trim(), key).not.toBe('');
      expect(slots(value), key).toEqual(slots(en[key]!));
    }
  });

  it('is really translated for zh-CN', () => {
    const zh = leaves(AUDIT_STRINGS['zh-CN']);
    const untranslated = Object.entries(zh).filter(([, v]) => !/[\u4e00-\u9fff]/.test(v));
    expect(untranslated).toEqual([]);
  });

  it('fills slots as text and leaves unknown ones', () => {
    expect(fill('{a} of {b} {c}', { a: 1, b: '<b>' })).toBe('1 of <b> {c}');
  });
});
