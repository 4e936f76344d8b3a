import { describe, expect, it } from 'vitest';
import { pacedFetch, webApiMethod } from '../../src/slack/paced-fetch.js';
import {
  DEFAULT_SLACK_LIMITS,
  type LimiterClock,
  type PacedCall,
  type SlackLimits,
  SlackRateLimiter,
} from '../../src/slack/rate-limiter.js';

/** A clock that only moves when every sleeper has been woken in turn: no real time passes. */
function virtualClock(): LimiterClock & { run(): Promise<void> } {
  let t = 0;
  const sleepers: Array<{ at: number; wake: () => void }> = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => t,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ at: t + ms, wake })),
    async run() {
      for (;;) {
        await settle();
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers.shift();
        if (!next) return;
        t = Math.max(t, next.at);
        next.wake();
      }
    },
  };
}

const limits = (over: Partial<SlackLimits> = {}): SlackLimits => ({ ...DEFAULT_SLACK_LIMITS, ...over });
const post = (channel: string, workspace = 'T1'): PacedCall => ({
  workspace,
  method: 'chat.postMessage',
  channel,
});

/** Starts every call at once and says when (virtual ms) each was let through, or that it was refused. */
async function schedule(
  limiter: SlackRateLimiter,
  clock: ReturnType<typeof virtualClock>,
  calls: PacedCall[],
) {
  const at: Array<number | string> = [];
  const all = calls.map((call, i) =>
    limiter.acquire(call).then((slot) => {
      at[i] = slot.ok ? clock.now() : `refused, retry after ${slot.retryAfterMs} ms`;
    }),
  );
  await clock.run();
  await Promise.all(all);
  return at;
}

describe('the Slack rate limiter', () => {
  it('lets a channel burst, then one message a second', async () => {
    const clock = virtualClock();
    const limiter = new SlackRateLimiter(limits(), clock);
    expect(await schedule(limiter, clock, [post('C1'), post('C1'), post('C1'), post('C1')])).toEqual([
      0, 0, 1000, 2000,
    ]);
  });

  it('does not hold other channels behind a busy one', async () => {
    const clock = virtualClock();
    const limiter = new SlackRateLimiter(limits(), clock);
    const at = await schedule(limiter, clock, [...Array(4).fill(post('CBUSY')), post('COTHER'), post('D2')]);
    expect(at.slice(4)).toEqual([0, 0]);
  });

  it('keeps the workspace budget across channels', async () => {
    const clock = virtualClock();
    const limiter = new SlackRateLimiter(limits({ workspace: { perSecond: 10, burst: 2 } }), clock);
    const channels = ['A', 'B', 'C', 'D', 'E', 'F'].map((c) => post(c));
    expect(await schedule(limiter, clock, channels)).toEqual([0, 0, 100, 200, 300, 400]);
    // Another workspace (another install's token) has its own budget.
    expect(await schedule(limiter, clock, [post('A', 'T2'), post('B', 'T2')])).toEqual([400, 400]);
  });

  it('does not spend the workspace budget on a channel that is still waiting for its turn', async () => {
    const clock = virtualClock();
    const limiter = new SlackRateLimiter(
      limits({ perChannel: { perSecond: 1, burst: 1 }, workspace: { perSecond: 10, burst: 1 } }),
      clock,
    );
    // C1's second message waits a second for its channel; the others use the workspace budget meanwhile.
    expect(await schedule(limiter, clock, [post('C1'), post('C1'), post('C2'), post('C3')])).toEqual([
      0, 1000, 100, 200,
    ]);
  });

  it('pauses only the channel Slack answered 429 for, for its Retry-After', async () => {
    const clock = virtualClock();
    const limiter = new SlackRateLimiter(limits(), clock);
    limiter.throttled(post('C1'), 3);
    expect(await schedule(limiter, clock, [post('C1'), post('C2')])).toEqual([3000, 0]);
  });

  it('paces other methods by their tier, per method, and a 429 pauses only that method', async () => {
    const clock = virtualClock();
    const limiter = new SlackRateLimiter(limits({ maxWaitMs: 10_000 }), clock);
    const list: PacedCall = { workspace: 'T1', method: 'users.list' };
    const info: PacedCall = { workspace: 'T1', method: 'users.info' };
    const unknown: PacedCall = { workspace: 'T1', method: 'auth.test' };
    // users.list is Tier 2: 20 a minute, a minute's worth at once, then one every 3 s.
    const at = await schedule(limiter, clock, [...Array(22).fill(list), info, unknown]);
    expect(at.slice(19)).toEqual([0, 3000, 6000, 0, 0]);
    limiter.throttled(info, 2);
    expect(await schedule(limiter, clock, [info, unknown])).toEqual([8000, 6000]);
  });

  it('refuses at once a call that would wait longer than it may, and keeps its slot for others', async () => {
    const clock = virtualClock();
    const limiter = new SlackRateLimiter(limits({ maxWaitMs: 1500 }), clock);
    const at = await schedule(limiter, clock, [post('C1'), post('C1'), post('C1'), post('C1')]);
    expect(at).toEqual([0, 0, 1000, 'refused, retry after 2000 ms']);
    limiter.throttled(post('C2'), 30);
    expect(await schedule(limiter, clock, [post('C2')])).toEqual(['refused, retry after 30000 ms']);
  });

  it('forgets channels that are idle again', async () => {
    const clock = virtualClock();
    const limiter = new SlackRateLimiter(limits({ workspace: { perSecond: 1000, burst: 1000 } }), clock);
    await schedule(
      limiter,
      clock,
      Array.from({ length: 999 }, (_, i) => post(`D${i}`)),
    );
    expect(limiter.size).toBeGreaterThan(999);
    clock.sleep(5000);
    await clock.run();
    await schedule(limiter, clock, [post('DNEW')]);
    expect(limiter.size).toBeLessThan(10);
  });
});

describe('the paced fetch', () => {
  const form = (args: Record<string, string>) => new URLSearchParams(args).toString();
  const init = (args: Record<string, string>) => ({
    method: 'POST',
    headers: { Authorization: 'Bearer xoxb-1', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form(args),
  });
  const answer = (status: number, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(status === 429 ? { ok: false, error: 'ratelimited' } : { ok: true }), {
      status,
      headers,
    });

  it('knows a Web API method from its URL', () => {
    expect(webApiMethod('https://slack.com/api/chat.postMessage')).toBe('chat.postMessage');
    expect(webApiMethod('http://127.0.0.1:4000/api/users.list?x=1', 'http://127.0.0.1:4000/api/')).toBe(
      'users.list',
    );
    expect(webApiMethod('https://proxy.example/slack/views.open', 'https://proxy.example/slack/')).toBe(
      'views.open',
    );
    expect(webApiMethod('https://files.slack.com/upload/v1/report.csv')).toBeNull();
    expect(webApiMethod('https://hooks.slack.com/commands/T1/2/xyz')).toBeNull();
    expect(webApiMethod('http://127.0.0.1:4000/response/3', 'http://127.0.0.1:4000/api/')).toBeNull();
  });

  it("waits out Slack's Retry-After for that channel and sends again, while other channels go on", async () => {
    const clock = virtualClock();
    const limiter = new SlackRateLimiter(limits(), clock);
    const sent: Array<[string, number]> = [];
    const base = async (_url: string | URL, i?: { body?: unknown }) => {
      const channel = new URLSearchParams(String(i?.body)).get('channel') ?? '';
      sent.push([channel, clock.now()]);
      return channel === 'CBUSY' && sent.filter(([c]) => c === 'CBUSY').length === 1
        ? answer(429, { 'Retry-After': '2' })
        : answer(200);
    };
    const paced = pacedFetch(limiter, { base });
    const url = 'https://slack.com/api/chat.postMessage';
    const busy = paced(url, init({ channel: 'CBUSY', text: 'a' }));
    await new Promise((r) => setImmediate(r));
    const other = paced(url, init({ channel: 'COTHER', text: 'b' }));
    const done = Promise.all([busy, other]);
    await clock.run();
    const [b, o] = await done;
    expect([b.status, o.status]).toEqual([200, 200]);
    expect(sent).toEqual([
      ['CBUSY', 0],
      ['COTHER', 0],
      ['CBUSY', 2000],
    ]);
  });

  it('gives a 429 back after two resends, and answers 429 itself for a wait too long', async () => {
    const clock = virtualClock();
    const limiter = new SlackRateLimiter(limits({ maxWaitMs: 10_000 }), clock);
    let calls = 0;
    const paced = pacedFetch(limiter, {
      base: async () => {
        calls += 1;
        return answer(429, { 'Retry-After': '1' });
      },
    });
    const url = 'https://slack.com/api/chat.postMessage';
    const first = paced(url, init({ channel: 'C1' }));
    await clock.run();
    expect((await first).status).toBe(429);
    expect(calls).toBe(3);
    limiter.throttled({ workspace: 'Bearer xoxb-1', method: 'chat.postMessage', channel: 'C1' }, 60);
    const refused = await paced(url, init({ channel: 'C1' }));
    expect(calls).toBe(3);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('does not pace what is not a Web API call (response URLs, file bytes)', async () => {
    const clock = virtualClock();
    const limiter = new SlackRateLimiter(limits({ maxWaitMs: 0 }), clock);
    limiter.throttled({ workspace: '', method: 'chat.postMessage', channel: 'C1' }, 60);
    const paced = pacedFetch(limiter, { base: async () => answer(200) });
    const res = await paced('https://hooks.slack.com/commands/T1/2/xyz', { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
  });
});
