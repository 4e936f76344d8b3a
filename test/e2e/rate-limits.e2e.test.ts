import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deliveries } from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

// Monday 23 Nov 2026; everyone is in UTC, so a 09:30 check-in is due for all of them at 09:30Z.
const MONDAY_EARLY = '2026-11-23T02:00:00Z';
const AT_0930 = '2026-11-23T09:30:00Z';

// Slack's limits scaled down so a test takes seconds: ~1 message a second per channel (bursts of 3) and 20
// a second across the workspace. The app paces its sends to the same limits.
const { command } = useE2E(
  {
    rateLimits: { perChannel: { perSecond: 1, burst: 3 }, workspace: { perSecond: 20, burst: 20 } },
    team: { at: MONDAY_EARLY, people: { UADMIN: 'UTC' } },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

/** A check-in at 09:30 on weekdays in #team with `n` people, whose ids start with `prefix`. */
async function checkinWith(prefix: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
  for (const id of ids) h.fake.addUser({ id, name: id.toLowerCase(), tz: 'UTC' });
  const mentions = ids.map((id) => `<@${id}|${id.toLowerCase()}>`).join(' ');
  const { reply } = await command('/standup', `create <#CTEAM|team> 09:30 mon-fri ${mentions}`, 'UADMIN');
  expect(reply.text).toContain('Check-in created.');
  return ids;
}

const tick = (at: string) => {
  h.clock.set(at);
  return h.app.tick(new Date(at));
};
const prompts = (id: string) => h.fake.messagesIn(`D${id}`);
const channelOf = (call: { args: Record<string, unknown> }) => String(call.args.channel);

describe('sending within Slack rate limits', () => {
  it('delivers every prompt due at once exactly once, inside the limits', async () => {
    const ids = await checkinWith('UMANY', 60);
    const outcomes = await tick(AT_0930);
    expect(outcomes.map((o) => o.result)).toEqual(Array(60).fill('sent'));
    for (const id of ids) expect(prompts(id), id).toHaveLength(1);
    // The app paced itself: Slack never had to refuse one.
    expect(h.fake.rateLimited).toEqual([]);
    expect(await tick('2026-11-23T09:31:00Z')).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(60);
  });

  it('sends to the other DMs while one waits out its Retry-After, then sends that one too', async () => {
    const ids = await checkinWith('UWAIT', 40);
    // Slack throttles whichever DM is posted first, for 2 seconds.
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const outcomes = await tick(AT_0930);
    expect(outcomes.map((o) => o.result)).toEqual(Array(40).fill('sent'));
    for (const id of ids) expect(prompts(id), id).toHaveLength(1);
    const calls = h.fake.callsTo('chat.postMessage');
    const throttled = calls[0];
    expect(throttled?.fault).toEqual({ status: 429, retryAfter: 2 });
    const resent = calls.findIndex((c, i) => i > 0 && channelOf(c) === channelOf(throttled ?? c));
    // Other DMs went out between the 429 and the resend: the throttled one held nobody back.
    const between = calls.slice(1, resent).filter((c) => channelOf(c) !== channelOf(throttled ?? c));
    expect(between.length).toBeGreaterThan(0);
    expect(calls).toHaveLength(41);
  });

  it('leaves a DM throttled for longer than a send may wait to a later tick, and sends the others now', async () => {
    await checkinWith('ULONG', 5);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 300 });
    const outcomes = await tick(AT_0930);
    expect(outcomes.map((o) => o.result).sort()).toEqual(['retry', 'sent', 'sent', 'sent', 'sent']);
    const retried = outcomes.find((o) => o.result === 'retry');
    expect(retried?.detail).toBe('ratelimited');
    const member = retried && 'userId' in retried ? retried.userId : '';
    // Asked once: the app kept the Retry-After rather than asking Slack again.
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(5);
    const [row] = await db.handle.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.memberId, member), eq(deliveries.kind, 'checkin_prompt')));
    expect(row).toMatchObject({ status: 'pending', lastError: 'ratelimited' });
    // Not before Slack's Retry-After of 5 minutes.
    expect(row?.nextAttemptAt?.getTime()).toBeGreaterThanOrEqual(new Date(AT_0930).getTime() + 300_000);
  });

  it('does not retry a send Slack keeps refusing forever', async () => {
    const [id] = await checkinWith('UNEVER', 1);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 100);
    expect(await tick(AT_0930)).toMatchObject([{ result: 'retry', detail: 'ratelimited' }]);
    // Two resends inside the tick, then the outbox's retries, until the check-in's catch-up window ends.
    const perTick = h.fake.callsTo('chat.postMessage').length;
    expect(perTick).toBe(3);
    const later = await tick('2026-11-23T23:59:00Z');
    expect(later).toMatchObject([{ result: 'missed', detail: 'ratelimited' }]);
    expect(await tick('2026-11-24T00:30:00Z')).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage').length).toBeLessThanOrEqual(2 * perTick);
    expect(prompts(id ?? '')).toEqual([]);
  });
});
