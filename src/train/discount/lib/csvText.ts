/** Writing CSV text: quoting only where needed, booleans in the UCI spelling. */

/** One cell: booleans as TRUE/FALSE, null/undefined as empty, quotes only around commas/quotes. */
export function csvCell(value: number | string | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text (LF line endings, final newline) from a header and rows of cells. */
export function csvText(header: readonly string[], rows: Iterable<readonly (number | string | boolean | null | undefined)[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}
