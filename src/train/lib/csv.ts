/**
 * A small, strict CSV reader for the training data. Every error names the file, the 1-based line
 * and the column, because "NaN in epoch 3" is a terrible way to learn a cell was "n/a".
 * Handles CRLF and LF, a UTF-8 BOM, a missing final newline and double-quoted cells (without
 * embedded newlines, which none of our data sets use).
 */
import { readFile } from 'node:fs/promises';

/** How a column's cells are parsed. */
export type CsvColumnType = 'number' | 'string' | 'boolean';

/** Required columns and their types; other columns are read but ignored. */
export type CsvSchema = Readonly<Record<string, CsvColumnType>>;

/** One parsed row, keyed by column name (required columns only). */
export type CsvRow = Record<string, number | string | boolean>;

const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, false: false, '1': true, '0': false };

function splitLine(line: string, where: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new Error(`${where}: unterminated quoted cell`);
  cells.push(cell);
  return cells;
}

function parseCell(raw: string, type: CsvColumnType, where: string): number | string | boolean {
  const text = raw.trim();
  if (type === 'string') return text;
  if (type === 'boolean') {
    const value = BOOLEANS[text.toLowerCase()];
    if (value === undefined) throw new Error(`${where}: expected TRUE or FALSE, got '${raw}'`);
    return value;
  }
  const value = text === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new Error(`${where}: expected a number, got '${raw}'`);
  return value;
}

/**
 * Parses CSV text. `source` names the file in error messages.
 * Throws on a missing required column, a row with the wrong number of cells, or a bad cell.
 */
export function parseCsv(text: string, source: string, schema: CsvSchema): CsvRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // A final newline leaves one empty string; a blank line elsewhere is an error below.
  if (lines.at(-1) === '') lines.pop();
  const headerLine = lines[0];
  if (headerLine === undefined || headerLine.trim() === '') throw new Error(`${source}:1: empty file, expected a header line`);
  const header = splitLine(headerLine, `${source}:1`).map((h) => h.trim());
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate !== undefined) throw new Error(`${source}:1: header repeats column '${duplicate}'`);
  const required = Object.entries(schema).map(([name, type]) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${source}:1: header lacks required column '${name}' (header has: ${header.join(', ')})`);
    return { name, type, index };
  });
  const rows: CsvRow[] = [];
  for (let l = 1; l < lines.length; l++) {
    const where = `${source}:${l + 1}`;
    const cells = splitLine(lines[l]!, where);
    if (cells.length !== header.length) throw new Error(`${where}: expected ${header.length} cells, got ${cells.length}`);
    const row: CsvRow = {};
    for (const { name, type, index } of required) {
      row[name] = parseCell(cells[index]!, type, `${where}, column '${name}' (#${index + 1})`);
    }
    rows.push(row);
  }
  return rows;
}

/** Reads and parses a CSV file; a missing file is reported with its absolute path. */
export async function readCsv(path: string, schema: CsvSchema): Promise<{ rows: CsvRow[]; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`'path' passed to 'readCsv' cannot be read: ${path} (${code ?? String(error)})`, { cause: error });
  }
  return { rows: parseCsv(bytes.toString('utf8'), path, schema), bytes };
}
