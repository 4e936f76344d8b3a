import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkGate } from '../../src/slack/work-gate.js';

/** A piece of work that runs until its `finish` is called, and says when it started. */
function job(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    finish: () => finish(),
    work: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
  };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('the work gate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is saturated only while requests wait for a slot or run over the limit', async () => {
    const gate = createWorkGate({ limit: 1, maxWaitMs: 2_000 });
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((n) => job(log, n));
    if (!a || !b) throw new Error('two jobs');
    const ran = [gate.run(a.work)];
    await settle();
    expect([gate.running, gate.saturated]).toEqual([1, false]);
    ran.push(gate.run(b.work));
    await settle();
    expect([gate.waiting, gate.saturated]).toEqual([1, true]);
    await vi.advanceTimersByTimeAsync(2_000); // b runs over the limit
    expect([gate.running, gate.waiting, gate.saturated]).toEqual([2, 0, true]);
    a.finish();
    await settle();
    expect([gate.running, gate.saturated]).toEqual([1, false]);
    b.finish();
    await Promise.all(ran);
    expect([gate.running, gate.saturated]).toEqual([0, false]);
  });

  it('runs at most `limit` pieces of work at once, the rest in arrival order as slots free up', async () => {
    const gate = createWorkGate({ limit: 2, maxWaitMs: 2_000 });
    const log: string[] = [];
    const jobs = ['a', 'b', 'c', 'd'].map((n) => job(log, n));
    const results = jobs.map((j) => gate.run(j.work));
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    expect([gate.running, gate.waiting]).toEqual([2, 2]);

    jobs[1]?.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);

    jobs[0]?.finish();
    jobs[2]?.finish();
    await settle();
    jobs[3]?.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect([gate.running, gate.waiting, gate.overflowed]).toEqual([0, 0, 0]);
  });

  it('frees the slot of work that failed', async () => {
    const gate = createWorkGate({ limit: 1, maxWaitMs: 2_000 });
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'next')).toBe('next');
    expect(gate.running).toBe(0);
  });

  it('runs a request anyway once it has waited maxWaitMs (so it is acked in time), and says so', async () => {
    const overflows: Array<{ running: number; waiting: number }> = [];
    const gate = createWorkGate({ limit: 1, maxWaitMs: 2_000, onOverflow: (s) => overflows.push(s) });
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => job(log, n));
    if (!a || !b || !c) throw new Error('jobs');
    const ra = gate.run(a.work);
    await vi.advanceTimersByTimeAsync(500);
    const rb = gate.run(b.work);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(log).toEqual(['start a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['start a', 'start b']);
    expect(overflows).toEqual([{ running: 2, waiting: 0 }]);

    // Over the limit, a finished piece does not let the next in: only once the count is back under.
    const rc = gate.run(c.work);
    a.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'end a']);
    b.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'end a', 'end b', 'start c']);
    c.finish();
    await Promise.all([ra, rb, rc]);
    expect(gate.overflowed).toBe(1);
  });

  it('refuses a limit below one', () => {
    expect(() => createWorkGate({ limit: 0, maxWaitMs: 10 })).toThrow('limit must be ≥ 1');
  });
});
