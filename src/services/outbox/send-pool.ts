/**
 * Runs tasks at most `limit` at once. `started()` resolves once every task added so far has started;
 * `finished()` once all have ended, then rethrows the first failure (a task that threw stops its caller
 * from adding more and keeps waiting ones from starting, but the tasks already running are waited for,
 * never abandoned).
 */
export function sendPool(limit: number) {
  const waiting: Array<() => Promise<void>> = [];
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const pump = () => {
    while (running.size < limit && waiting.length > 0 && failure === null) {
      const task = waiting.shift() as () => Promise<void>;
      const run: Promise<void> = task()
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          running.delete(run);
          pump();
          wake?.();
        });
      running.add(run);
    }
  };
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((resolve) => (wake = resolve));
  };
  return {
    add(task: () => Promise<void>): void {
      waiting.push(task);
      pump();
    },
    failed: () => failure !== null,
    started: () => until(() => waiting.length === 0 || failure !== null),
    async finished(): Promise<void> {
      await until(() => {
        // After a failure, claims not yet started are left to their lease running out (retry takes them).
        if (failure) waiting.length = 0;
        return running.size === 0 && waiting.length === 0;
      });
      if (failure) throw failure.error;
    },
  };
}
