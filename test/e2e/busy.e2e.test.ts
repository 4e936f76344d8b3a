import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';

let h: Harness;

// SLACK_CONCURRENCY=1: one request worked on at a time, so a second waits for the first. Slack calls
// may take 5 s here: a test holds views.open for longer than a request may wait for a slot.
useE2E(
  {
    env: { SLACK_CONCURRENCY: '1' },
    slackClientOptions: { retryConfig: { retries: 0 }, timeout: 5_000 },
    team: { at: '2026-11-24T15:00:00Z', people: { UADA: 'Europe/London', UBEN: 'Europe/London' } },
  },
  (ctx) => {
    ({ h } = ctx);
  },
);

/**
 * Ada opens the log form while Slack holds views.open for `delayMs`: her work keeps the only slot
 * that long. Resolves with her ack once it comes (empty: the form is her answer, and it is late).
 */
async function slowAda(delayMs: number) {
  h.fake.failNext('views.open', { delayMs });
  const sent = await h.slack.command({ command: '/log', text: '', userId: 'UADA' });
  return { ackedAt: performance.now(), body: sent.body };
}

/** Ben logs an hour; resolves with when his ack came and what it said. */
async function ben() {
  const sent = await h.slack.command({ command: '/log', text: '1h design', userId: 'UBEN' });
  return {
    ackedAt: performance.now(),
    text: (await h.fake.waitForResponse(sent.responseUrl)).text as string,
  };
}

async function warmUp() {
  // Both people are known before the burst (a first contact also asks Slack for the profile).
  for (const userId of ['UADA', 'UBEN']) {
    const sent = await h.slack.command({ command: '/log', text: '1m warm-up', userId });
    await h.fake.waitForResponse(sent.responseUrl);
  }
}

/** Forms Slack has opened (views.open records the view once its answer is sent, after any delay). */
const formOpened = () => h.fake.views.size;

describe('a burst of requests', () => {
  it('is acked only as fast as the work can follow: a waiting request is acked when a slot frees', async () => {
    await warmUp();
    const started = performance.now();
    const ada = await slowAda(1_000);
    // Her answer was not ready in time for the ack: the ack is empty, and her work goes on.
    expect(ada.body).toBe('');
    expect(formOpened()).toBe(0);
    const benDone = await ben();
    // Ben waited for the slot: acked only once Ada's form was open, a second after she asked.
    expect(formOpened()).toBe(1);
    expect(benDone.ackedAt - started).toBeGreaterThanOrEqual(950);
    expect(benDone.text).toContain('Logged 1h');
  });

  it('still acks a request within Slack’s 3 seconds when the slot stays taken, and logs that it is busy', async () => {
    await warmUp();
    h.logs.length = 0;
    // Ada's work is held longer than a request may wait for a slot (2 s): Ben's runs anyway.
    const started = performance.now();
    await slowAda(2_600);
    const benDone = await ben();
    expect(benDone.ackedAt - started).toBeLessThan(2_600);
    expect(formOpened()).toBe(0);
    expect(benDone.text).toContain('Logged 1h');
    expect(h.logs.join('\n')).toContain('busy: a Slack request ran over the work limit');
    // Ada's form opens when Slack answers, late but within the client's 5 s.
    await h.app.idle();
    expect(formOpened()).toBe(1);
  });
});
