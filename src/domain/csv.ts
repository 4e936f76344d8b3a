export type CsvCell = string | number | boolean | null;

/** Characters that make a spreadsheet read a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  // A note like "=HYPERLINK(…)" must stay text when the CSV is opened in a spreadsheet (CSV
  // injection): text cells get a leading apostrophe. Every text cell is quoted, too: a spreadsheet
  // set to `;` as the separator would otherwise split `fine;=cmd|…` and read its second half as
  // a formula cell.
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** RFC 4180: CRLF between records, text cells quoted with quotes doubled; numbers and booleans bare. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}
