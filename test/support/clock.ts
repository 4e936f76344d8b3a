import type { Clock } from '../../src/services/ports.js';

export interface TestClock extends Clock {
  set(instant: string | Date): void;
  advance(ms: number): void;
}

export function createTestClock({ now }: { now: string | Date }): TestClock {
  let current = new Date(now);
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
