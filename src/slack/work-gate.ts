/**
 * Bounds the work the app runs for Slack requests at once. A request waits for a slot before its
 * listener runs, and listeners ack first thing, so under a burst acks come only as fast as the work
 * behind them can follow: a confirmation arrives soon after its ack instead of queueing behind
 * thousands of acked requests. A request that has waited `maxWaitMs` runs anyway (over the limit)
 * so that it is still acked inside Slack's 3 seconds.
 */
export interface WorkGate {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Requests running now, and waiting for a slot. */
  readonly running: number;
  /**
   * True while requests wait for a slot (or run over the limit): a burst, where answering a request in
   * one response instead of two frees its slot sooner for the next. Every slot taken with nobody
   * waiting is not a burst yet.
   */
  readonly saturated: boolean;
  readonly waiting: number;
  /** Requests that ran over the limit because their wait reached `maxWaitMs`. */
  readonly overflowed: number;
}

export interface WorkGateOptions {
  limit: number;
  maxWaitMs: number;
  /** Called when a request runs over the limit (for a log line). */
  onOverflow?: (state: { running: number; waiting: number }) => void;
}

export function createWorkGate(options: WorkGateOptions): WorkGate {
  const { limit, maxWaitMs } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`work gate limit must be ≥ 1, got ${limit}`);
  let running = 0;
  let overflowed = 0;
  // FIFO of waiters; each is woken with true (got a slot) or by its timer (runs over the limit).
  const queue: Array<{ wake: () => void; timer: NodeJS.Timeout }> = [];

  function release() {
    running -= 1;
    // After an overflow, slots free up only once the count is back under the limit.
    const next = running < limit ? queue.shift() : undefined;
    if (next) {
      clearTimeout(next.timer);
      running += 1;
      next.wake();
    }
  }

  function slot(): Promise<void> {
    if (running < limit && queue.length === 0) {
      running += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const waiter = {
        wake: resolve,
        timer: setTimeout(() => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          running += 1;
          overflowed += 1;
          options.onOverflow?.({ running, waiting: queue.length });
          resolve();
        }, maxWaitMs),
      };
      queue.push(waiter);
    });
  }

  return {
    async run(work) {
      await slot();
      try {
        return await work();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
    get saturated() {
      return queue.length > 0 || running > limit;
    },
    get overflowed() {
      return overflowed;
    },
  };
}
