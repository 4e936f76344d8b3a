import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deliveries, timeEntries } from '../../src/db/schema.js';
import { REPLY_RETRY_WINDOW_MS } from '../../src/slack/reply-retry.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { scrape } from '../support/prometheus.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

// Slack failing for a while: HTTP 500s, 429s with Retry-After, and calls it does not answer for 30 s
// (the app's Web API client gives up on those after its timeout: 2 s here, 10 s in production).
// Prompts are the outbox's to retry across ticks (the test clock stands in for the minutes between
// them); replies on a response_url are retried within the request, for REPLY_RETRY_WINDOW_MS.

// Monday 23 Nov 2026, everyone in UTC: a 09:30 check-in is due at 09:30Z.
const MONDAY_EARLY = '2026-11-23T02:00:00Z';
const HANG = { delayMs: 30_000 } as const;

const { command } = useE2E(
  { team: { at: MONDAY_EARLY, people: { UADMIN: 'UTC', UADA: 'UTC', UBEN: 'UTC' } } },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

const tick = (at: string) => {
  h.clock.set(at);
  return h.app.tick(new Date(at));
};
const prompts = () => h.fake.messagesIn('DUADA');
const promptRow = async () => {
  const [row] = await db.handle.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.memberId, 'UADA'), eq(deliveries.kind, 'checkin_prompt')));
  return row;
};

async function checkinForAda() {
  const { reply } = await command('/standup', 'create <#CTEAM|team> 09:30 mon-fri <@UADA|ada>', 'UADMIN');
  expect(reply.text).toContain('Check-in created.');
}

/**
 * A /log from someone the app has not met: it looks them up (users.info) before answering, which the
 * fake slows by 100 ms, so the answer always misses the ack and goes to the response_url.
 */
async function logAsNewcomer(userId: string, text: string) {
  h.fake.failNext('users.info', { delayMs: 100 });
  const started = performance.now();
  const sent = await h.slack.command({ command: '/log', text, userId });
  return { ...sent, ackMs: performance.now() - started };
}

describe('check-in prompts while Slack fails', () => {
  it('retries a prompt through 500s and a call Slack leaves hanging, and delivers it once, acking commands meanwhile', async () => {
    await checkinForAda();
    h.fake.failNext('chat.postMessage', { status: 500 });
    expect(await tick('2026-11-23T09:30:00Z')).toMatchObject([{ result: 'retry', detail: 'http_500' }]);

    // A minute later Slack takes the post and never answers: the tick waits out the client's timeout…
    h.fake.failNext('chat.postMessage', HANG);
    const hung = tick('2026-11-23T09:31:00Z');
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').length === 2);
    // …while a command that arrives meanwhile is acked at once and answered.
    const during = await logAsNewcomer('UBEN', '1h design');
    expect(during.status).toBe(200);
    expect(during.ackMs).toBeLessThan(3000);
    expect((await h.fake.waitForResponse(during.responseUrl)).text).toContain('Logged 1h to design');
    expect(await hung).toMatchObject([{ result: 'retry', detail: 'request_failed' }]);
    expect(prompts()).toEqual([]);

    // Slack is back: the next retry (after the 2-minute backoff) delivers it, once.
    expect(await tick('2026-11-23T09:32:00Z')).toEqual([]);
    expect(await tick('2026-11-23T09:33:00Z')).toMatchObject([{ result: 'sent' }]);
    expect(prompts()).toHaveLength(1);
    expect(await promptRow()).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await tick('2026-11-23T09:50:00Z')).toEqual([]);
    expect(prompts()).toHaveLength(1);
  });

  it('gives up on a prompt Slack answers 500 to all day once its catch-up window ends, recorded as missed', async () => {
    await h.restart();
    await checkinForAda();
    h.fake.failNext('chat.postMessage', { status: 500 }, 1000);
    expect(await tick('2026-11-23T09:30:00Z')).toMatchObject([{ result: 'retry', detail: 'http_500' }]);
    // Every tick through the day takes up the retries that are due (backoff 1, 2, 4, 8, then 15 min).
    for (
      let at = new Date('2026-11-23T09:31:00Z').getTime();
      at < Date.parse('2026-11-23T12:00:00Z');
      at += 60_000
    )
      await tick(new Date(at).toISOString());
    const calls = h.fake.callsTo('chat.postMessage').length;
    expect(calls).toBeGreaterThan(5);
    expect(calls).toBeLessThan(20);
    expect(await tick('2026-11-23T23:59:00Z')).toMatchObject([{ result: 'missed', detail: 'http_500' }]);
    expect(await promptRow()).toMatchObject({ status: 'missed', lastError: 'http_500' });
    // Nothing more is tried, the next day or ever.
    expect(await tick('2026-11-24T00:30:00Z')).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(calls + 1);
    expect(prompts()).toEqual([]);

    const m = await scrape(h.app.port);
    expect(m.value('punchcard_deliveries_total', { kind: 'checkin_prompt', result: 'missed' })).toBe(1);
    expect(m.value('punchcard_deliveries_total', { kind: 'checkin_prompt', result: 'sent' })).toBeUndefined();
    expect(
      m.value('punchcard_slack_api_calls_total', { method: 'chat.postMessage', result: 'http_500' }),
    ).toBe(calls + 1);
  });
});

describe('command replies while Slack fails', () => {
  it('acks at once and delivers the reply once Slack takes it: after a 500, a 429 and no answer', async () => {
    h.logs.length = 0;
    h.fake.failNext('response_url', { status: 500 });
    h.fake.failNext('response_url', { status: 429, retryAfter: 1 });
    h.fake.failNext('response_url', HANG);
    const sent = await logAsNewcomer('UADA', '2h design');
    expect(sent.status).toBe(200);
    expect(sent.ackMs).toBeLessThan(3000);
    const reply = await h.fake.waitForResponse(sent.responseUrl, { timeoutMs: 12_000 });
    expect(reply.text).toContain('Logged 2h to design');
    await h.app.idle();
    // Three attempts Slack did not take (the third one it never answered), then one reply shown and
    // one entry saved.
    expect(h.fake.rejectedResponses.map((r) => r.fault)).toEqual([
      { status: 500 },
      { status: 429, retryAfter: 1 },
    ]);
    const retried = h.logs.map((l) => JSON.parse(l)).filter((l) => l.msg.startsWith('reply not taken'));
    expect(retried.map((l) => l.status)).toEqual([500, 429, undefined]);
    expect(h.fake.responsesTo(sent.responseUrl)).toHaveLength(1);
    expect(await db.handle.db.select().from(timeEntries)).toHaveLength(1);
  }, 20_000);

  it('does not retry a reply on a response_url that is gone (404)', async () => {
    h.logs.length = 0;
    h.fake.failNext('response_url', { status: 404 });
    const sent = await logAsNewcomer('UADA', '2h design');
    await h.app.idle();
    expect(h.fake.rejectedResponses).toHaveLength(1);
    expect(h.fake.responsesTo(sent.responseUrl)).toEqual([]);
    expect(h.logs.some((l) => l.includes('could not deliver reply'))).toBe(true);
  });

  it(`gives a reply up once Slack has refused it for ${REPLY_RETRY_WINDOW_MS / 60_000} minutes by the app's clock`, async () => {
    h.logs.length = 0;
    h.fake.failNext('response_url', { status: 500 }, 1000);
    const sent = await logAsNewcomer('UADA', '2h design');
    expect(sent.status).toBe(200);
    await h.fake.waitFor(() => h.fake.rejectedResponses.length >= 2);
    // Five minutes pass on the app's clock: the next failure is the last.
    h.clock.set(new Date(h.clock.now().getTime() + REPLY_RETRY_WINDOW_MS).toISOString());
    await h.app.idle();
    const attempts = h.fake.rejectedResponses.length;
    expect(attempts).toBeLessThanOrEqual(4);
    expect(h.logs.filter((l) => l.includes('could not deliver reply'))).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(h.fake.rejectedResponses).toHaveLength(attempts);
    expect(h.fake.responsesTo(sent.responseUrl)).toEqual([]);
    // What the person typed was saved; only the confirmation was lost.
    expect(await db.handle.db.select().from(timeEntries)).toHaveLength(1);
  });
});
