import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonBytes, utf8Length } from '../../../src/worker/store/lib/jsonBytes';

const encoder = new TextEncoder();
// Any UTF-16 code units, lone surrogates included (TextEncoder writes those as U+FFFD, three bytes).
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });

describe('utf8Length', () => {
  it('matches TextEncoder on any string', () => {
    fc.assert(fc.property(fc.oneof(codeUnits, fc.string({ unit: 'binary' })), (s) => utf8Length(s) === encoder.encode(s).length));
  });

  it('counts the four widths', () => {
    expect([utf8Length('a'), utf8Length('é'), utf8Length('€'), utf8Length('🙂')]).toEqual([1, 2, 3, 4]);
  });
});

describe('jsonBytes', () => {
  it('is the UTF-8 length of the JSON text', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => jsonBytes(v) === encoder.encode(JSON.stringify(v)).length));
    expect(jsonBytes(undefined)).toBe(0);
  });
});
