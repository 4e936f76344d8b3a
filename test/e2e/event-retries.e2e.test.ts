import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkinResponses, processedEvents } from '../../src/db/schema.js';
import { DM_ANSWER_FAILED_TEXT } from '../../src/slack/blocks/checkin/prompt.blocks.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import type { TestDatabase } from '../support/test-db.js';

// Monday 23 Nov 2026; Ada is in London, so her 09:30 prompt is due at 09:30Z.
const MONDAY_EARLY = '2026-11-23T02:00:00Z';
const ADA_0930 = '2026-11-23T09:30:00Z';
const FIRST_QUESTION = 'What did you get done since your last check-in?';
const SECOND_QUESTION = 'What are you working on today?';

/**
 * The next `times` changes to check-in answers fail inside the database, as a dropped connection or
 * a failover would make them fail: a trigger raises while a sequence (which no rollback undoes) has
 * not yet counted past `times`.
 */
async function failAnswerWrites(db: TestDatabase, times = 1): Promise<void> {
  for (const statement of [
    'DROP TRIGGER IF EXISTS answer_fault ON checkin_responses',
    'DROP SEQUENCE IF EXISTS answer_fault_calls',
    'CREATE SEQUENCE answer_fault_calls',
    `CREATE OR REPLACE FUNCTION answer_fault() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF nextval('answer_fault_calls') <= ${times} THEN
         RAISE EXCEPTION 'injected fault: the database refused this write';
       END IF;
       RETURN NEW;
     END $$`,
    'CREATE TRIGGER answer_fault BEFORE UPDATE ON checkin_responses FOR EACH ROW EXECUTE FUNCTION answer_fault()',
  ]) {
    await db.handle.db.execute(sql.raw(statement));
  }
}

async function clearFaults(db: TestDatabase): Promise<void> {
  await db.handle.db.execute(sql.raw('DROP TRIGGER IF EXISTS answer_fault ON checkin_responses'));
}

/** The same scenarios over signed HTTP requests and over Socket Mode. */
function retryScenarios(socketMode: boolean) {
  let db: TestDatabase;
  let h: Harness;
  const { command } = useE2E(
    {
      ...(socketMode ? { socketMode: true } : {}),
      // Long enough for a Slack call that takes 3.5 s (the slow handling below).
      slackClientOptions: { retryConfig: { retries: 0 }, timeout: 10_000 },
      team: { at: MONDAY_EARLY, people: { UADMIN: 'UTC', UADA: 'Europe/London' } },
    },
    (ctx) => {
      ({ db, h } = ctx);
    },
  );

  const dms = () => h.fake.messagesIn('DUADA');
  const answers = async () => (await db.handle.db.select().from(checkinResponses)).map((r) => r.answers);

  /** Ada's DM reply as Slack sends it, with a fixed event id so a retry is the same event. */
  const reply = (text: string, eventId: string, retryNum?: number) =>
    h.slack.event(
      { type: 'message', channel: 'DUADA', channel_type: 'im', user: 'UADA', text, ts: '1795426200.000100' },
      { eventId, ...(retryNum !== undefined ? { retryNum, retryReason: 'http_error' } : {}) },
    );

  /** Sends an attempt Slack counts as failed: HTTP 500, or over Socket Mode an envelope never acked. */
  const failedAttempt = async (text: string, eventId: string, retryNum?: number) => {
    if (socketMode) {
      await expect(reply(text, eventId, retryNum)).rejects.toThrow(/did not ack/);
    } else {
      expect((await reply(text, eventId, retryNum)).status).toBe(500);
    }
    await h.app.idle();
  };

  async function promptAda() {
    const { reply: created } = await command(
      '/standup',
      'create <#CTEAM|team> 09:30 mon-fri <@UADA|ada>',
      'UADMIN',
    );
    expect(created.text).toContain('Check-in created.');
    h.clock.set(ADA_0930);
    await h.app.tick(new Date(ADA_0930));
    await h.fake.waitFor(() => dms().length === 1);
  }

  it('handles a DM answer whose first attempt failed when Slack sends it again, and saves it once', async () => {
    await promptAda();
    await failAnswerWrites(db);
    await failedAttempt('Shipped the importer', 'EvRETRY1');
    expect(await answers()).toEqual([[]]);
    // Slack sends it again, so the person is not asked to: no "not saved" DM.
    expect(dms().map((m) => m.text)).not.toContain(DM_ANSWER_FAILED_TEXT);
    const [held] = await db.handle.db.select().from(processedEvents);
    expect(held).toMatchObject({ eventId: 'EvRETRY1', doneAt: null, claimedUntil: null });

    const retry = await reply('Shipped the importer', 'EvRETRY1', 1);
    expect(retry.status).toBe(200);
    expect(await answers()).toEqual([['Shipped the importer']]);
    await h.fake.waitFor(() => dms().find((m) => m.text.includes(SECOND_QUESTION)));

    // A genuine duplicate of the handled event is ignored: nothing saved or sent twice.
    const sent = dms().length;
    expect((await reply('Shipped the importer', 'EvRETRY1', 2)).status).toBe(200);
    await h.app.idle();
    expect(await answers()).toEqual([['Shipped the importer']]);
    expect(dms()).toHaveLength(sent);
    await clearFaults(db);
  });

  it("tells the person to send the answer again when Slack's last retry fails too", async () => {
    await promptAda();
    await failAnswerWrites(db, 2);
    await failedAttempt('Reviewed PRs', 'EvLAST', 2);
    const last = await reply('Reviewed PRs', 'EvLAST', 3);
    expect(last.status).toBe(200);
    const told = await h.fake.waitFor(() => dms().find((m) => m.text === DM_ANSWER_FAILED_TEXT));
    expect(told).toBeTruthy();
    expect(await answers()).toEqual([[]]);
    await clearFaults(db);
  });

  it('keeps an answer saved once when the next question fails to go out, and tells the person', async () => {
    await promptAda();
    h.fake.failNext('chat.postMessage', { status: 500 });
    expect((await reply('Fixed the flaky test', 'EvSAVED')).status).toBe(200);
    const told = await h.fake.waitFor(() =>
      dms().find((m) => m.text.startsWith('Got it, that answer is saved')),
    );
    expect(told.text).toContain('`/standup`');
    // Slack sending it again (e.g. our answer was lost on the way) changes nothing.
    expect((await reply('Fixed the flaky test', 'EvSAVED', 1)).status).toBe(200);
    await h.app.idle();
    expect(await answers()).toEqual([['Fixed the flaky test']]);
    expect(dms().filter((m) => m.text.includes(FIRST_QUESTION))).toHaveLength(1);
  });

  it('answers Slack within its 3 seconds when handling runs long, and finishes the handling', async () => {
    await promptAda();
    h.fake.failNext('chat.postMessage', { delayMs: 3_500 });
    const started = Date.now();
    const sent = await reply('Paired on the export', 'EvSLOW');
    expect(sent.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
    await h.fake.waitFor(() => dms().find((m) => m.text.includes(SECOND_QUESTION)), 5_000);
    await h.app.idle();
    const [row] = await db.handle.db.select().from(processedEvents);
    expect(row?.doneAt).not.toBeNull();
    expect(await answers()).toEqual([['Paired on the export']]);
  });
}

describe('Events API over HTTP: an event is recorded as handled only once its handling committed', () => {
  retryScenarios(false);
});

describe('Socket Mode: a failed event is left unacked, so Slack sends it again', () => {
  retryScenarios(true);
});
