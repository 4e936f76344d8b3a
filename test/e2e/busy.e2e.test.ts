import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';

let h: Harness;

// SLACK_CONCURRENCY=1: one request worked on at a time, so a second waits for the first.
useE2E(
  {
    env: { SLACK_CONCURRENCY: '1' },
    team: { at: '2026-11-24T15:00:00Z', people: { UADA: 'Europe/London', UBEN: 'Europe/London' } },
  },
  (ctx) => {
    ({ h } = ctx);
  },
);

/**
 * Sends a `/log`; when it is acked, notes in `seen` whether the confirmations of the earlier ones
 * (their response URLs in `urls`) had reached Slack by then.
 */
async function log(seen: string[], urls: string[], who: string, userId: string) {
  const sent = await h.slack.command({ command: '/log', text: '1h design', userId });
  const confirmed = urls.filter((url) => h.fake.responsesTo(url).length > 0).length;
  seen.push(`${who} acked after ${confirmed} of ${urls.length} earlier confirmations`);
  urls.push(sent.responseUrl);
  return (await h.fake.waitForResponse(sent.responseUrl)) as { text: string };
}

async function warmUp() {
  // Both people are known before the burst (a first contact also asks Slack for the profile).
  await log([], [], 'ada', 'UADA');
  await log([], [], 'ben', 'UBEN');
}

describe('a burst of requests', () => {
  it('is acked only as fast as the work can follow: a waiting request is acked when a slot frees', async () => {
    await warmUp();
    // Slack holds Ada's confirmation for a second: her /log keeps the only slot meanwhile.
    h.fake.failNext('response_url', { delayMs: 1_000 });
    const seen: string[] = [];
    const urls: string[] = [];
    const ada = log(seen, urls, 'ada', 'UADA');
    await expect.poll(() => seen.length).toBe(1);
    const ben = log(seen, urls, 'ben', 'UBEN');
    const [adaReply, benReply] = await Promise.all([ada, ben]);
    expect(seen).toEqual([
      'ada acked after 0 of 0 earlier confirmations',
      'ben acked after 1 of 1 earlier confirmations',
    ]);
    expect(adaReply.text).toContain('Logged 1h');
    expect(benReply.text).toContain('Logged 1h');
  });

  it('still acks a request within Slack’s 3 seconds when the slot stays taken, and logs that it is busy', async () => {
    await warmUp();
    h.logs.length = 0;
    // Ada's confirmation is held longer than a request may wait (2 s): Ben's runs anyway.
    h.fake.failNext('response_url', { delayMs: 2_600 });
    const seen: string[] = [];
    const urls: string[] = [];
    const ada = log(seen, urls, 'ada', 'UADA');
    await expect.poll(() => seen.length).toBe(1);
    const ben = log(seen, urls, 'ben', 'UBEN');
    await Promise.all([ada, ben]);
    expect(seen[1]).toBe('ben acked after 0 of 1 earlier confirmations');
    expect(h.logs.join('\n')).toContain('busy: a Slack request ran over the work limit');
  });
});
