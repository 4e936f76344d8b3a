/** A problem with user input. `message` says what was wrong; `hint` shows a correct example. */
export interface DomainError {
  code: string;
  message: string;
  hint: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: string, message: string, hint: string): Result<never> => ({
  ok: false,
  error: { code, message, hint },
});

/** Echoes user input inside a code span without letting it break out of the span or flood the reply. */
export function quoted(text: string): string {
  const clean = text.replaceAll('`', "'");
  if (clean.length <= 40) return clean;
  // Never half an emoji: a cut between the two halves of a surrogate pair drops the first half too.
  const cut = clean.slice(0, 39);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
