/** Row ids are Postgres `integer` identities: 1 … 2^31−1. */
export const MAX_ROW_ID = 2_147_483_647;

/**
 * A row id typed by a person or carried in a button: digits only, in the column's range. `1e400`,
 * `12.0`, `-3` and 20-digit numbers are not ids (they would reach the database as Infinity or
 * overflow the column and fail there).
 */
export function parseRowId(raw: string | number | null | undefined): number | null {
  const text = typeof raw === 'number' ? String(raw) : (raw ?? '').trim();
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 && id <= MAX_ROW_ID ? id : null;
}
