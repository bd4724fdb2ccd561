import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellPriorFromEnv, reportChannelFromEnv } from '../../../src/server/learningEnv';
import { PRIOR } from '../collector/lib/central';

describe('TAILOR_REPORT_CHANNEL', () => {
  it('defaults to local and takes local or central', () => {
    expect(reportChannelFromEnv(undefined)).toBe('local');
    expect(reportChannelFromEnv('')).toBe('local');
    expect(reportChannelFromEnv('local')).toBe('local');
    expect(reportChannelFromEnv('central')).toBe('central');
  });

  it('stops the start on anything else, naming the variable', () => {
    expect(() => reportChannelFromEnv('Central')).toThrow(`TAILOR_REPORT_CHANNEL must be 'local' or 'central', got "Central"`);
  });
});

describe('TAILOR_CELL_PRIOR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-prior-'));

  it('is not read on the local channel', () => {
    expect(cellPriorFromEnv('local', join(dir, 'missing.json'))).toBeNull();
  });

  it('is parsed on the central channel', () => {
    const path = join(dir, 'cells.json');
    writeFileSync(path, JSON.stringify(PRIOR));
    expect(cellPriorFromEnv('central', path)).toEqual(PRIOR);
  });

  it('stops the start when missing, not JSON, or invalid, naming the variable and the path', () => {
    expect(() => cellPriorFromEnv('central', join(dir, 'missing.json'))).toThrow(/TAILOR_CELL_PRIOR: .*missing\.json does not exist/);
    const garbled = join(dir, 'garbled.json');
    writeFileSync(garbled, '{');
    expect(() => cellPriorFromEnv('central', garbled)).toThrow(/TAILOR_CELL_PRIOR: .*garbled\.json is not JSON/);
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ ...PRIOR, format: 'other' }));
    expect(() => cellPriorFromEnv('central', wrong)).toThrow(/TAILOR_CELL_PRIOR \(.*wrong\.json\): 'format' must be 'tailor-cell-prior'/);
  });
});
