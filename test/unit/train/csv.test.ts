import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv, readCsv } from '../../../src/train/lib/csv';
import { loadUciShoppers } from '../../../src/train/datasets/uciShoppers';
import { uciFixtureCsv } from './fixtures/uciFixture';

const SCHEMA = { a: 'number', name: 'string', ok: 'boolean' } as const;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tailor-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseCsv', () => {
  it('reads CRLF text without a final newline, typing the required columns and ignoring others', () => {
    const rows = parseCsv('a,extra,name,ok\r\n1.5,x,foo,TRUE\r\n-2,y,bar,false', 'f.csv', SCHEMA);
    expect(rows).toEqual([{ a: 1.5, name: 'foo', ok: true }, { a: -2, name: 'bar', ok: false }]);
  });

  it('accepts LF, a final newline, a BOM and quoted cells', () => {
    const rows = parseCsv('\uFEFFa,name,ok\n3,"x, ""y""",1\n', 'f.csv', SCHEMA);
    expect(rows).toEqual([{ a: 3, name: 'x, "y"', ok: true }]);
  });

  it('names file and line for a missing required column', () => {
    expect(() => parseCsv('a,ok\n1,TRUE', 'data/f.csv', SCHEMA)).toThrow("data/f.csv:1: header lacks required column 'name' (header has: a, ok)");
  });

  it('names file, line and column for a non-numeric cell', () => {
    expect(() => parseCsv('a,name,ok\r\n1,x,TRUE\r\nn/a,y,FALSE', 'f.csv', SCHEMA))
      .toThrow("f.csv:3, column 'a' (#1): expected a number, got 'n/a'");
    expect(() => parseCsv('a,name,ok\n,x,TRUE', 'f.csv', SCHEMA)).toThrow("f.csv:2, column 'a' (#1): expected a number, got ''");
  });

  it('rejects bad booleans, ragged rows, duplicate headers and empty files', () => {
    expect(() => parseCsv('a,name,ok\n1,x,maybe', 'f.csv', SCHEMA)).toThrow("f.csv:2, column 'ok' (#3): expected TRUE or FALSE, got 'maybe'");
    expect(() => parseCsv('a,name,ok\n1,x', 'f.csv', SCHEMA)).toThrow('f.csv:2: expected 3 cells, got 2');
    expect(() => parseCsv('a,name,a,ok\n1,x,2,TRUE', 'f.csv', SCHEMA)).toThrow("f.csv:1: header repeats column 'a'");
    expect(() => parseCsv('', 'f.csv', SCHEMA)).toThrow('f.csv:1: empty file');
    expect(() => parseCsv('a,name,ok\n1,"x,TRUE', 'f.csv', SCHEMA)).toThrow('f.csv:2: unterminated quoted cell');
  });
});

describe('readCsv', () => {
  it('reports a missing file with its path', async () => {
    const path = join(dir, 'nope.csv');
    await expect(readCsv(path, SCHEMA)).rejects.toThrow(`'path' passed to 'readCsv' cannot be read: ${path} (ENOENT)`);
  });

  it('reads a file from disk and returns its bytes', async () => {
    const path = join(dir, 'ok.csv');
    await writeFile(path, 'a,name,ok\r\n7,z,TRUE');
    const { rows, bytes } = await readCsv(path, SCHEMA);
    expect(rows).toEqual([{ a: 7, name: 'z', ok: true }]);
    expect(bytes.byteLength).toBe(19);
  });
});

describe('loadUciShoppers', () => {
  it('loads a UCI-shaped file into records and 0/1 labels with a SHA-256', async () => {
    await writeFile(join(dir, 'online_shoppers_intention.csv'), uciFixtureCsv(50, 3));
    const data = await loadUciShoppers(dir);
    expect(data.records).toHaveLength(50);
    expect(data.labels).toHaveLength(50);
    expect(Object.keys(data.records[0]!)).not.toContain('Revenue');
    expect(data.records[0]).toHaveProperty('PageValues');
    expect(data.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('points at --data when the file is absent, and rejects unknown category levels with the line', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'tailor-empty-'));
    await expect(loadUciShoppers(empty)).rejects.toThrow(/has no online_shoppers_intention\.csv: .* does not exist \(pass --data <folder>\)/);
    const csv = uciFixtureCsv(3, 4).replace(/(\r\n[^\r\n]*?),(Feb|Mar|May|June|Jul|Aug|Sep|Oct|Nov|Dec),/, '$1,Jun,');
    await writeFile(join(empty, 'online_shoppers_intention.csv'), csv);
    await expect(loadUciShoppers(empty)).rejects.toThrow(/online_shoppers_intention\.csv:2, column 'Month': 'Jun' is not one of Jan, Feb/);
    await rm(empty, { recursive: true, force: true });
  });
});
