/**
 * A store that cannot be used as asked: missing, busy, or at a schema this build does not know.
 * An operator's mistake rather than a bug, so `main.ts` and `cli.ts` print the message alone.
 */
export class StoreProblem extends Error {
  constructor(
    readonly code:
      | 'store.missing'
      | 'store.in_use'
      | 'store.not_punchcard'
      | 'store.schema_behind'
      | 'store.schema_ahead'
      | 'store.exists'
      | 'store.bad_backup',
    message: string,
  ) {
    super(message);
    this.name = 'StoreProblem';
  }
}
