import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkinResponses, checkins, deliveries, members } from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { TEAM_ID } from '../support/harness.js';
import { answerFormState, button, visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

// Monday 23 Nov 2026. 09:30 is 04:00Z in Kolkata (+5:30) and 09:30Z in London.
const MONDAY_EARLY = '2026-11-23T02:00:00Z';
const RAVI_0930 = '2026-11-23T04:00:00Z';
const ADA_0930 = '2026-11-23T09:30:00Z';

const { command } = useE2E(
  {
    team: {
      at: MONDAY_EARLY,
      people: { UADMIN: 'UTC', UADA: 'Europe/London', URAVI: 'Asia/Kolkata', UNEW: 'America/New_York' },
    },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

async function createTeamCheckin(days = 'mon-fri') {
  const { reply } = await command(
    '/standup',
    `create <#CTEAM|team> 09:30 ${days} <@UADA|ada> <@URAVI|ravi>`,
    'UADMIN',
  );
  expect(reply.text).toContain('Check-in created.');
}

const dms = (userId: string) => h.fake.messagesIn(`D${userId}`);
const teamPosts = () => h.fake.messagesIn('CTEAM');
const tick = (at: string) => {
  h.clock.set(at);
  return h.app.tick(new Date(at));
};
const deliveryRows = () =>
  db.handle.db
    .select()
    .from(deliveries)
    .where(
      and(eq(deliveries.teamId, TEAM_ID), inArray(deliveries.kind, ['checkin_prompt', 'checkin_reminder'])),
    );

const answers = answerFormState;

/** Waits for the DM that ends a submission, so no work spills into the next test. */
const confirmed = (userId: string, start = 'Thanks!') =>
  h.fake.waitFor(() => dms(userId).find((m) => m.text.startsWith(start)));

async function dm(userId: string, text: string) {
  const before = dms(userId).length + teamPosts().length;
  const sent = await h.slack.event({
    type: 'message',
    channel: `D${userId}`,
    channel_type: 'im',
    user: userId,
    text,
    ts: `${Date.now() / 1000}`,
  });
  expect(sent.status).toBe(200);
  await h.fake.waitFor(() => dms(userId).length + teamPosts().length > before);
}

describe('setting up check-ins', () => {
  it('creates a check-in with the default questions, listed participants and weekdays', async () => {
    await createTeamCheckin();
    const [row] = await db.handle.db.select().from(checkins);
    expect(row).toMatchObject({
      channelId: 'CTEAM',
      timeOfDay: '09:30',
      days: [1, 2, 3, 4, 5],
      questions: [
        'What did you get done since your last check-in?',
        'What are you working on today?',
        'Anything blocking you?',
      ],
      reminderMinutes: 60,
      catchUpMinutes: 180,
      fixedTz: null,
    });
    const { reply } = await command('/standup', 'list', 'URAVI');
    expect(visibleText(reply.blocks)).toContain("<#CTEAM> at *09:30* (each person's own time), Mon–Fri");
    expect(visibleText(reply.blocks)).toContain('<@UADA>, <@URAVI>');
  });

  it('refuses contractors who try to create, edit or delete a check-in', async () => {
    await createTeamCheckin();
    for (const text of ['create <#COTHER|other> 10:00', 'edit <#CTEAM|team>', 'delete <#CTEAM|team>']) {
      const { reply } = await command('/standup', text, 'UADA');
      expect(reply.text).toContain('Only managers and admins can');
    }
    expect(await db.handle.db.select().from(checkins)).toHaveLength(1);
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('explains bad set-up commands with an example', async () => {
    const cases: Array<[string, string]> = [
      ['create team 09:30', 'Start with the channel'],
      ['create <#CTEAM|team> 25:00', 'Try:'],
      ['create <#CTEAM|team> 09:30 funday', 'Try:'],
      ['frobnicate', "I don't know `/standup frobnicate`"],
    ];
    for (const [text, expected] of cases) {
      const { reply } = await command('/standup', text, 'UADMIN');
      expect(reply.text).toContain(expected);
      expect(reply.text).toContain('Try:');
    }
    expect(await db.handle.db.select().from(checkins)).toHaveLength(0);
  });

  it('lets people join and leave, and managers delete', async () => {
    await createTeamCheckin();
    expect((await command('/standup', 'join <#CTEAM|team>', 'UNEW')).reply.text).toContain("You're in");
    expect((await command('/standup', 'join <#CTEAM|team>', 'UNEW')).reply.text).toContain('already in');
    expect((await command('/standup', 'leave <#CTEAM|team>', 'UADA')).reply.text).toContain("You've left");
    // Ada left: the list is a participant's (a check-in's people are shown to those in it).
    const listed = await command('/standup', 'list', 'UNEW');
    expect(visibleText(listed.reply.blocks)).toMatch(/Participants: <@UNEW>, <@URAVI>$/m);
    expect((await command('/standup', 'delete <#CTEAM|team>', 'UADMIN')).reply.text).toContain(
      'Deleted the check-in',
    );
    expect((await command('/standup', 'list', 'UADA')).reply.text).toContain('No check-ins yet');
    await tick(RAVI_0930);
    expect(dms('URAVI')).toHaveLength(0);
  });

  it('edits questions, time, days, people, reminder and zone in a modal', async () => {
    await createTeamCheckin();
    await command('/standup', 'edit <#CTEAM|team>', 'UADMIN').catch(() => undefined);
    const open = await h.fake.waitForCall('views.open');
    const view = open.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Array<{ block_id?: string; element?: { initial_value?: string } }>;
    };
    expect(view.callback_id).toBe('standup_settings_modal');
    expect(view.blocks.find((b) => b.block_id === 'questions')?.element?.initial_value).toContain(
      'Anything blocking you?',
    );
    const values = (over: Record<string, unknown> = {}) => ({
      questions: {
        value: { type: 'plain_text_input', value: 'Any blockers?\nWhat shipped?\nHow many hours today?' },
      },
      time: { value: { type: 'timepicker', selected_time: '08:15' } },
      days: {
        value: { type: 'checkboxes', selected_options: [{ value: '1' }, { value: '3' }, { value: '5' }] },
      },
      participants: { value: { type: 'multi_users_select', selected_users: ['URAVI', 'UNEW'] } },
      reminder: { value: { type: 'static_select', selected_option: { value: 'off' } } },
      catch_up: { value: { type: 'static_select', selected_option: { value: '60' } } },
      zone_mode: { value: { type: 'radio_buttons', selected_option: { value: 'fixed' } } },
      zone: { value: { type: 'plain_text_input', value: 'Mars/Olympus' } },
      ...over,
    });
    const bad = await h.slack.viewSubmission({
      userId: 'UADMIN',
      view: {
        callback_id: 'standup_settings_modal',
        private_metadata: view.private_metadata,
        state: { values: values() },
      },
    });
    expect(bad.body.response_action).toBe('errors');
    expect(bad.body.errors.zone).toContain('Mars/Olympus');
    const good = await h.slack.viewSubmission({
      userId: 'UADMIN',
      view: {
        callback_id: 'standup_settings_modal',
        private_metadata: view.private_metadata,
        state: { values: values({ zone: { value: { type: 'plain_text_input', value: 'Europe/Berlin' } } }) },
      },
    });
    expect(good.status).toBe(200);
    await h.fake.waitFor(async () => (await db.handle.db.select().from(checkins))[0]?.timeOfDay === '08:15');
    const [row] = await db.handle.db.select().from(checkins);
    expect(row).toMatchObject({
      questions: ['Any blockers?', 'What shipped?', 'How many hours today?'],
      days: [1, 3, 5],
      reminderMinutes: null,
      catchUpMinutes: 60,
      fixedTz: 'Europe/Berlin',
    });
    const listed = await command('/standup', 'list', 'UNEW');
    expect(visibleText(listed.reply.blocks)).toContain(
      '<#CTEAM> at *08:15* (Europe/Berlin), Mon, Wed, Fri · no reminder',
    );
    expect(visibleText(listed.reply.blocks)).toContain('Participants: <@UNEW>, <@URAVI>');
    // 08:15 in Berlin is 07:15Z: New York's newbie is asked then too, and never about hours.
    await tick('2026-11-23T07:15:00Z');
    expect(dms('UNEW')).toHaveLength(1);
    await dm('UNEW', 'none');
    await dm('UNEW', 'the login page');
    const post = await h.fake.waitFor(() => teamPosts()[0]);
    expect(visibleText(post.blocks)).not.toContain('How many hours');
    await confirmed('UNEW');
  });
});

describe('prompts and answers', () => {
  it('prompts each person at their own local time, exactly once across repeated ticks and a restart', async () => {
    await createTeamCheckin();
    expect(await tick(RAVI_0930)).toMatchObject([
      { kind: 'checkin_prompt', userId: 'URAVI', result: 'sent', localDate: '2026-11-23' },
    ]);
    expect(dms('URAVI')).toHaveLength(1);
    expect(dms('UADA')).toHaveLength(0);
    const prompt = dms('URAVI')[0];
    expect(prompt?.text).toContain('Time for your check-in for <#CTEAM>.');
    expect(visibleText(prompt?.blocks)).toContain('*What did you get done since your last check-in?* (1/3)');
    expect(button(prompt?.blocks, 'standup_open_form').text.text).toBe('Answer in a form');
    expect(await tick(RAVI_0930)).toEqual([]);
    await tick(ADA_0930);
    expect(dms('UADA')).toHaveLength(1);
    await h.restart();
    await tick('2026-11-23T09:31:00Z');
    expect(dms('URAVI')).toHaveLength(1);
    expect(dms('UADA')).toHaveLength(1);
    expect((await deliveryRows()).map((d) => d.status).sort()).toEqual(['sent', 'sent']);
  });

  it('asks each question in the DM, then posts the answers to the channel with the blocker standing out', async () => {
    await createTeamCheckin();
    await tick(RAVI_0930);
    await dm('URAVI', 'Shipped the login fix');
    expect(visibleText(dms('URAVI').at(-1)?.blocks)).toContain('*What are you working on today?* (2/3)');
    await dm('URAVI', 'Invoices & exports');
    expect(visibleText(dms('URAVI').at(-1)?.blocks)).toContain('*Anything blocking you?* (3/3)');
    await dm('URAVI', 'Waiting on API keys from Acme');
    const post = await h.fake.waitFor(() => teamPosts()[0]);
    expect(post.text).toContain('BLOCKER: Waiting on API keys from Acme');
    const text = visibleText(post.blocks);
    expect(text).toContain(':rotating_light: <@URAVI> checked in for Mon 23 Nov — *blocked*');
    expect(text).toContain('*What did you get done since your last check-in?*\nShipped the login fix');
    expect(text).toContain(
      ':rotating_light: *Blocker — Anything blocking you?*\n> Waiting on API keys from Acme',
    );
    const confirmation = await h.fake.waitFor(() => dms('URAVI').find((m) => m.text.startsWith('Thanks!')));
    expect(confirmation.text).toBe('Thanks! Your check-in is posted in <#CTEAM>.');
    expect(button(confirmation.blocks, 'standup_edit_answers').text.text).toBe('Edit answers');
    expect(button(confirmation.blocks, 'open_log_modal').text.text).toBe('Log time');
    // "Log time" on the confirmation opens the same form as /log.
    await h.slack.action({
      userId: 'URAVI',
      actionId: 'open_log_modal',
      value: 'standup',
      channelId: 'DURAVI',
      messageTs: confirmation.ts,
    });
    const open = await h.fake.waitForCall('views.open');
    expect((open.args.view as { callback_id: string }).callback_id).toBe('log_modal');
    const [row] = await db.handle.db.select().from(checkinResponses);
    expect(row).toMatchObject({
      status: 'submitted',
      hasBlocker: true,
      answers: ['Shipped the login fix', 'Invoices & exports', 'Waiting on API keys from Acme'],
    });
  });

  it('posts once when two last answers arrive at the same moment', async () => {
    await createTeamCheckin();
    await tick(RAVI_0930);
    await dm('URAVI', 'one');
    await dm('URAVI', 'two');
    const event = (text: string) =>
      h.slack.event({
        type: 'message',
        channel: 'DURAVI',
        channel_type: 'im',
        user: 'URAVI',
        text,
        ts: `${Date.now() / 1000}`,
      });
    await Promise.all([event('no'), event('nope')]);
    await confirmed('URAVI');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(teamPosts()).toHaveLength(1);
  });

  it('does not flag "none" as a blocker', async () => {
    await createTeamCheckin();
    await tick(RAVI_0930);
    await dm('URAVI', 'a');
    await dm('URAVI', 'b');
    await dm('URAVI', 'None.');
    const post = await h.fake.waitFor(() => teamPosts()[0]);
    expect(visibleText(post.blocks)).toContain(':white_check_mark: <@URAVI> checked in for Mon 23 Nov');
    expect(visibleText(post.blocks)).not.toContain('Blocker');
    await confirmed('URAVI');
  });

  it('answers in a modal from the prompt button', async () => {
    await createTeamCheckin();
    await tick(RAVI_0930);
    const prompt = dms('URAVI')[0];
    await h.slack.action({
      userId: 'URAVI',
      actionId: 'standup_open_form',
      value: button(prompt?.blocks, 'standup_open_form').value,
      channelId: 'DURAVI',
      messageTs: prompt?.ts,
    });
    const open = await h.fake.waitForCall('views.open');
    const view = open.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Array<{ block_id?: string; label?: { text: string } }>;
    };
    expect(view.callback_id).toBe('standup_answers_modal');
    expect(view.blocks.filter((b) => b.block_id?.startsWith('q_')).map((b) => b.label?.text)).toEqual([
      'What did you get done since your last check-in?',
      'What are you working on today?',
      'Anything blocking you?',
    ]);
    const missing = await h.slack.viewSubmission({
      userId: 'URAVI',
      view: {
        callback_id: 'standup_answers_modal',
        private_metadata: view.private_metadata,
        state: { values: answers(['x', '', 'no']) },
      },
    });
    expect(missing.body.errors).toHaveProperty('q_1');
    await h.slack.viewSubmission({
      userId: 'URAVI',
      view: {
        callback_id: 'standup_answers_modal',
        private_metadata: view.private_metadata,
        state: { values: answers(['Docs <draft>', 'Reviews', 'no']) },
      },
    });
    const post = await h.fake.waitFor(() => teamPosts()[0]);
    expect(visibleText(post.blocks)).toContain('Docs &lt;draft&gt;');
    await confirmed('URAVI');
  });

  it('/standup answers before the time, and the scheduled prompt is then skipped', async () => {
    await createTeamCheckin();
    const sent = await h.slack.command({ command: '/standup', text: '', userId: 'URAVI' });
    const open = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === sent.triggerId);
    const view = open.args.view as { private_metadata: string };
    await h.slack.viewSubmission({
      userId: 'URAVI',
      view: {
        callback_id: 'standup_answers_modal',
        private_metadata: view.private_metadata,
        state: { values: answers(['early', 'early', 'no']) },
      },
    });
    await confirmed('URAVI');
    expect(await tick(RAVI_0930)).toMatchObject([
      { userId: 'URAVI', result: 'skipped', detail: 'already answered' },
    ]);
    expect(dms('URAVI').filter((m) => m.text.startsWith('Time for'))).toHaveLength(0);
  });

  it('edits answers the same day and updates the channel post in place; the next day it refuses', async () => {
    await createTeamCheckin();
    await tick(RAVI_0930);
    for (const a of ['one', 'two', 'Blocked on review']) await dm('URAVI', a);
    const post = await h.fake.waitFor(() => teamPosts()[0]);
    await confirmed('URAVI');
    await h.slack.action({
      userId: 'URAVI',
      actionId: 'standup_edit_answers',
      value: button(post.blocks, 'standup_edit_answers').value,
      channelId: 'CTEAM',
      messageTs: post.ts,
    });
    const open = await h.fake.waitForCall('views.open');
    const view = open.args.view as {
      private_metadata: string;
      blocks: Array<{ block_id?: string; element?: { initial_value?: string } }>;
    };
    expect(view.blocks.find((b) => b.block_id === 'q_2')?.element?.initial_value).toBe('Blocked on review');
    await h.slack.viewSubmission({
      userId: 'URAVI',
      view: {
        callback_id: 'standup_answers_modal',
        private_metadata: view.private_metadata,
        state: { values: answers(['one', 'two', 'nothing']) },
      },
    });
    const update = await h.fake.waitForCall('chat.update');
    expect(update.args).toMatchObject({ channel: 'CTEAM', ts: post.ts });
    expect(teamPosts()).toHaveLength(1);
    expect(visibleText(teamPosts()[0]?.blocks)).toContain(
      ':white_check_mark: <@URAVI> checked in for Mon 23 Nov',
    );
    await confirmed('URAVI', 'Updated your check-in in <#CTEAM>.');

    // Someone else clicking Edit on the shared post is refused privately.
    await h.slack.action({
      userId: 'UADA',
      actionId: 'standup_edit_answers',
      value: button(post.blocks, 'standup_edit_answers').value,
      channelId: 'CTEAM',
      messageTs: post.ts,
    });
    const refusal = await h.fake.waitForCall('chat.postEphemeral');
    expect(refusal.args).toMatchObject({ user: 'UADA', channel: 'CTEAM' });
    expect(String(refusal.args.text)).toContain('belongs to someone else');

    h.clock.set('2026-11-24T05:00:00Z');
    await h.slack.action({
      userId: 'URAVI',
      actionId: 'standup_edit_answers',
      value: button(post.blocks, 'standup_edit_answers').value,
      channelId: 'CTEAM',
      messageTs: post.ts,
    });
    const late = await h.fake.waitForCall('chat.postEphemeral', (c) => c.args.user === 'URAVI');
    expect(String(late.args.text)).toContain('only on the same day');
  });
});

describe('reminders, outages and time off', () => {
  it('sends one reminder after the delay, counted from the prompt, and no more', async () => {
    await createTeamCheckin();
    await tick(RAVI_0930);
    await tick('2026-11-23T04:59:00Z');
    expect(dms('URAVI')).toHaveLength(1);
    expect(await tick('2026-11-23T05:00:00Z')).toMatchObject([
      { kind: 'checkin_reminder', userId: 'URAVI', result: 'sent' },
    ]);
    expect(dms('URAVI').at(-1)?.text).toContain('Reminder: your check-in for <#CTEAM> is still open.');
    await tick('2026-11-23T06:00:00Z');
    await tick('2026-11-23T08:00:00Z');
    expect(dms('URAVI')).toHaveLength(2);
  });

  it('catches up a prompt missed during a short outage, and its reminder waits the full delay', async () => {
    await createTeamCheckin();
    // The app was down from 04:00Z; it comes back at 06:00Z, within the 3h catch-up window.
    expect(await tick('2026-11-23T06:00:00Z')).toMatchObject([{ userId: 'URAVI', result: 'sent' }]);
    await tick('2026-11-23T06:30:00Z');
    expect(dms('URAVI')).toHaveLength(1);
    await tick('2026-11-23T07:00:00Z');
    expect(dms('URAVI')).toHaveLength(2);
  });

  it('records a prompt as missed after the catch-up window instead of sending it late', async () => {
    await createTeamCheckin();
    expect(await tick('2026-11-23T07:01:00Z')).toMatchObject([{ userId: 'URAVI', result: 'missed' }]);
    expect(dms('URAVI')).toHaveLength(0);
    expect((await deliveryRows())[0]).toMatchObject({
      status: 'missed',
      memberId: 'URAVI',
      localDate: '2026-11-23',
    });
  });

  it('never reminds about a past local day', async () => {
    await createTeamCheckin('daily');
    // Ravi's prompt goes out at 09:30 local; the app is then down until 00:30 his next day, so
    // yesterday's reminder is never sent, and today's prompt comes as usual.
    await tick(RAVI_0930);
    await tick('2026-11-23T19:00:00Z');
    await tick('2026-11-24T04:00:00Z');
    expect(dms('URAVI').map((m) => m.text.split('.')[0])).toEqual([
      'Time for your check-in for <#CTEAM>',
      'Time for your check-in for <#CTEAM>',
    ]);
  });

  it('skips people who skip today or are on time off', async () => {
    await createTeamCheckin();
    expect((await command('/standup', 'skip', 'URAVI')).reply.text).toContain('Skipping today');
    const off = await command('/standup', 'off 2026-11-23 2026-11-24', 'UADA');
    expect(off.reply.text).toBe('Time off saved: 23–24 Nov 2026. No check-in prompts then.');
    expect((await command('/standup', 'off list', 'UADA')).reply.text).toContain('23–24 Nov 2026');
    expect(await tick(RAVI_0930)).toMatchObject([{ userId: 'URAVI', result: 'skipped', detail: 'time off' }]);
    await tick(ADA_0930);
    await tick('2026-11-24T04:00:00Z');
    expect(dms('URAVI')).toHaveLength(1);
    await tick('2026-11-24T09:30:00Z');
    expect(dms('UADA')).toHaveLength(0);
    expect((await command('/standup', 'off clear', 'UADA')).reply.text).toContain('Cleared 1');
    const bad = await command('/standup', 'off 2026-11-30 2026-11-20', 'UADA');
    expect(bad.reply.text).toContain('must not be after');
  });

  it('retries a prompt that failed on a Slack 500, and never marks it sent until it is', async () => {
    await createTeamCheckin();
    h.fake.failNext('chat.postMessage', { status: 500 });
    expect(await tick(RAVI_0930)).toMatchObject([{ userId: 'URAVI', result: 'retry' }]);
    expect(dms('URAVI')).toHaveLength(0);
    expect((await deliveryRows())[0]).toMatchObject({ status: 'pending', lastError: 'http_500' });
    expect(await tick('2026-11-23T04:01:00Z')).toMatchObject([{ userId: 'URAVI', result: 'sent' }]);
    expect(dms('URAVI')).toHaveLength(1);
    await tick('2026-11-23T04:02:00Z');
    expect(dms('URAVI')).toHaveLength(1);
  });

  it('retries after a rate limit, waiting at least as long as Retry-After', async () => {
    await createTeamCheckin();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 120 });
    expect(await tick(RAVI_0930)).toMatchObject([{ result: 'retry', detail: 'ratelimited' }]);
    expect(await tick('2026-11-23T04:01:00Z')).toEqual([]);
    expect(await tick('2026-11-23T04:02:00Z')).toMatchObject([{ result: 'sent' }]);
  });

  it('does not resend a prompt that reached Slack before the process could record it', async () => {
    await createTeamCheckin();
    // Slack takes the message but its answer never reaches us (the connection drops).
    h.fake.failNext('chat.postMessage', { dropResponse: true });
    expect(await tick(RAVI_0930)).toMatchObject([{ result: 'retry', detail: 'request_failed' }]);
    expect(dms('URAVI')).toHaveLength(1);
    expect(await tick('2026-11-23T04:01:00Z')).toMatchObject([
      { result: 'sent', detail: 'found already delivered' },
    ]);
    expect(dms('URAVI')).toHaveLength(1);
  });
});

describe('time zones', () => {
  it('follows a Slack zone change from the next local day, never twice on one date', async () => {
    await createTeamCheckin();
    await tick(ADA_0930);
    expect(dms('UADA')).toHaveLength(1);
    // Slack's own record changes, and Slack tells us with a user_change event.
    h.fake.updateUser('UADA', { tz: 'America/Los_Angeles' });
    await h.slack.event({
      type: 'user_change',
      user: { id: 'UADA', name: 'ada', tz: 'America/Los_Angeles', profile: {} },
    });
    await h.fake.waitFor(async () => {
      const [ada] = await db.handle.db.select().from(members).where(eq(members.userId, 'UADA'));
      return ada?.tz === 'America/Los_Angeles';
    });
    // 09:30 in Los Angeles on Monday 23 Nov is 17:30Z: still Monday there, already prompted.
    await tick('2026-11-23T17:30:00Z');
    expect(dms('UADA')).toHaveLength(1);
    await tick('2026-11-24T17:30:00Z');
    expect(dms('UADA')).toHaveLength(2);
    const rows = await db.handle.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.memberId, 'UADA'), eq(deliveries.kind, 'checkin_prompt')));
    expect(rows.map((r) => r.localDate).sort()).toEqual(['2026-11-23', '2026-11-24']);
  });
});

describe('the minute tick', () => {
  it("sends prompts while the top of the hour's users.list sweep still waits on Slack", async () => {
    await createTeamCheckin();
    // Ravi's 09:30 is 04:00Z, the top of an hour: the day's users.list sweep runs in the same tick.
    h.fake.failNext('users.list', { delayMs: 1_500 });
    const ticking = tick(RAVI_0930);
    const prompt = await h.fake.waitFor(() => dms('URAVI')[0]);
    // Both parts claim in the database first, so the sweep may ask Slack a moment after the prompt
    // went out; either way its answer is still 1.5 s away.
    const sweep = await h.fake.waitFor(() => h.fake.callsTo('users.list')[0]);
    expect(h.fake.callsTo('users.list')).toHaveLength(1);
    expect(sweep.response, 'users.list answered before the prompt went out').toBeUndefined();
    expect(prompt.text).toContain('check-in');
    await ticking;
    expect(h.fake.callsTo('users.list')[0]?.response).toMatchObject({ ok: true });
  });
});

describe('daylight saving time, through the scheduler', () => {
  async function minuteTicks(fromIso: string, toIso: string) {
    const outcomes = [];
    for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += 60_000) {
      outcomes.push(...(await tick(new Date(t).toISOString())));
    }
    return outcomes;
  }

  it('sends a time that does not exist (spring forward) once, at the first valid minute after it', async () => {
    h.clock.set('2026-03-01T00:00:00Z');
    h.fake.addUser({ id: 'UNYC', name: 'nyc', tz: 'America/New_York' });
    await command('/standup', 'create <#CDST|dst> 02:30 daily <@UNYC|nyc>', 'UADMIN');
    // 2026-03-08: New York jumps from 02:00 EST to 03:00 EDT (07:00Z); 02:30 never happens.
    const sent = (await minuteTicks('2026-03-08T06:00:00Z', '2026-03-08T08:00:00Z')).filter(
      (o) => o.result === 'sent' && o.kind === 'checkin_prompt',
    );
    // (The week before the window was never ticked, so those days are recorded as missed.)
    expect(sent).toMatchObject([{ kind: 'checkin_prompt', localDate: '2026-03-08' }]);
    const [row] = await db.handle.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.localDate, '2026-03-08'), eq(deliveries.kind, 'checkin_prompt')));
    expect(row?.scheduledAt.toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(row?.sentAt?.toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('sends a time that happens twice (fall back) once', async () => {
    h.clock.set('2026-10-25T00:00:00Z');
    h.fake.addUser({ id: 'UNYC', name: 'nyc', tz: 'America/New_York' });
    await command('/standup', 'create <#CDST|dst> 01:30 daily <@UNYC|nyc>', 'UADMIN');
    // 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    const sent = (await minuteTicks('2026-11-01T05:00:00Z', '2026-11-01T07:00:00Z')).filter(
      (o) => o.result === 'sent' && o.kind === 'checkin_prompt',
    );
    expect(sent).toMatchObject([{ kind: 'checkin_prompt', localDate: '2026-11-01' }]);
    expect(dms('UNYC').filter((m) => m.text.startsWith('Time for'))).toHaveLength(1);
  });

  it("sends at 09:00 in Kathmandu (+05:45) and Chatham (+13:45) on each one's own date", async () => {
    h.clock.set('2026-11-20T00:00:00Z');
    h.fake.addUser({ id: 'UKTM', name: 'ktm', tz: 'Asia/Kathmandu' });
    h.fake.addUser({ id: 'UCHT', name: 'cht', tz: 'Pacific/Chatham' });
    await command('/standup', 'create <#CDST|dst> 09:00 daily <@UKTM|ktm> <@UCHT|cht>', 'UADMIN');
    // 09:00 Tuesday 24 Nov in Chatham is 19:15Z on Monday 23 Nov; in Kathmandu it is 03:15Z on the 24th.
    const sent = async (at: string) => (await tick(at)).filter((o) => o.result === 'sent');
    expect(await sent('2026-11-23T19:14:00Z')).toEqual([]);
    expect(await sent('2026-11-23T19:15:00Z')).toMatchObject([{ userId: 'UCHT', localDate: '2026-11-24' }]);
    expect(await sent('2026-11-24T03:14:00Z')).toEqual([]);
    expect(await sent('2026-11-24T03:15:00Z')).toMatchObject([{ userId: 'UKTM', localDate: '2026-11-24' }]);
  });
});
