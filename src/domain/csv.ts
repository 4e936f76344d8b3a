export type CsvCell = string | number | boolean | null;

/** Characters that make a spreadsheet read a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvCell): string {
  if (value === null) return '';
  let text = String(value);
  // A note like "=HYPERLINK(…)" must stay text when the CSV is opened in a spreadsheet (CSV
  // injection): text cells get a leading apostrophe; numbers are left alone.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: CRLF between records, fields with quotes, commas or line breaks quoted, quotes doubled. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}
