import { describe, expect, it } from 'vitest';
import { deliveries, feedback, feedbackReplies } from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read messages and views freely
type Json = any;

let db: TestDatabase;
let h: Harness;

// Monday 16 Nov 2026, 12:00 UTC. UMGR adds acme-web (so manages it); UADA and UBEN are on it; URAVI is not.
const { reply: command } = useE2E(
  {
    env: { DEFAULT_TZ: 'UTC' },
    team: {
      at: '2026-11-16T12:00:00Z',
      people: { UBOSS: 'UTC', UMGR: 'Europe/Berlin', UADA: 'UTC', UBEN: 'UTC', URAVI: 'UTC' },
    },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

const dms = (userId: string) => h.fake.messagesIn(`D${userId}`);
const rows = () => db.handle.db.select().from(feedback).orderBy(feedback.id);
const tickAt = (at: string) => {
  h.clock.set(at);
  return h.app.tick(new Date(at));
};

async function acme() {
  await command('/punchcard', 'role <@UMGR|mina> manager', 'UBOSS');
  expect(
    (await command('/punchcard', 'project add acme-web <#CACME|acme> Acme website', 'UMGR')).text,
  ).toContain('Project added');
  await command('/punchcard', 'project member add acme-web <@UADA|ada> <@UBEN|ben>', 'UMGR');
}

/** `/feedback` as Slack sends it: the modal Slack was asked to open, or the ephemeral reply. */
async function openForm(text: string, userId = 'UMGR'): Promise<{ view: Json | null; reply: Json }> {
  const sent = await h.slack.command({ command: '/feedback', text, userId });
  await h.app.idle();
  const open = h.fake.callsTo('views.open').find((c) => c.args.trigger_id === sent.triggerId);
  const reply = h.fake.responsesTo(sent.responseUrl)[0]?.body ?? sent.body;
  return { view: open?.args.view ?? null, reply };
}

async function submit(
  view: Json,
  wentWell: string,
  toImprove: string,
  rating: string | null,
  userId = 'UMGR',
) {
  const sent = await h.slack.viewSubmission({
    userId,
    view: {
      callback_id: 'feedback_modal',
      private_metadata: view.private_metadata,
      state: {
        values: {
          went_well: { value: { type: 'plain_text_input', value: wentWell } },
          to_improve: { value: { type: 'plain_text_input', value: toImprove } },
          rating: { value: { type: 'static_select', selected_option: rating ? { value: rating } : null } },
        },
      },
    },
  });
  await h.app.idle();
  return sent;
}

async function openHome(userId: string): Promise<string> {
  const before = h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId).length;
  await h.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
  const call = await h.fake.waitFor(
    () => h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId)[before],
  );
  return visibleText((call.args.view as { blocks: never[] }).blocks);
}

/** The feedback DM (the one with the What went well section) a person got. */
const feedbackDm = (userId: string): Json => dms(userId).find((m) => m.text.startsWith('Feedback from'));

describe('/feedback', () => {
  it('opens a form for a manager of a project the person is on, and delivers it privately by DM at once', async () => {
    await acme();
    const { view } = await openForm('<@UADA|ada>');
    expect(view.blocks.filter((b: Json) => b.type === 'input').map((b: Json) => b.label.text)).toEqual([
      'What went well',
      'What to improve',
      'Rating',
    ]);
    expect(view.blocks.find((b: Json) => b.block_id === 'rating').optional).toBe(true);
    const sent = await submit(view, 'Clear notes & <b>tidy</b> PRs', 'Flag blockers early\n<!channel>', '4');
    expect(sent.body).toBeFalsy();
    const dm = feedbackDm('UADA');
    const text = visibleText(dm.blocks);
    expect(text).toContain('*Feedback from <@UMGR>*');
    expect(text).toContain('*What went well*\nClear notes &amp; &lt;b&gt;tidy&lt;/b&gt; PRs');
    expect(text).toContain('*What to improve*\nFlag blockers early\n&lt;!channel&gt;');
    expect(text).toContain('★★★★☆ 4/5');
    expect(JSON.stringify(dm.blocks)).toContain('"action_id":"feedback_ack"');
    expect(await rows()).toMatchObject([
      {
        managerId: 'UMGR',
        personId: 'UADA',
        wentWell: 'Clear notes & <b>tidy</b> PRs',
        toImprove: 'Flag blockers early\n<!channel>',
        rating: 4,
        dmChannelId: 'DUADA',
        messageTs: dm.ts,
      },
    ]);
    // Nobody else got it.
    expect(h.fake.messagesIn('CACME').filter((m) => m.text.includes('Feedback'))).toHaveLength(0);
    expect(dms('UBEN')).toHaveLength(dms('UBEN').filter((m) => !m.text.includes('Feedback')).length);
  });

  it('lets the person acknowledge it (once) and reply in its thread; the manager hears of both at once', async () => {
    await acme();
    const { view } = await openForm('<@UADA|ada>');
    await submit(view, 'Good demos', 'Write more tests', null);
    const dm = feedbackDm('UADA');
    // Only the person may acknowledge.
    await h.slack.action({
      userId: 'UBEN',
      actionId: 'feedback_ack',
      value: String((await rows())[0]?.id),
      channelId: 'DUADA',
      messageTs: dm.ts,
    });
    await h.app.idle();
    expect((await rows())[0]?.acknowledgedAt).toBeNull();
    await h.slack.action({
      userId: 'UADA',
      actionId: 'feedback_ack',
      value: String((await rows())[0]?.id),
      channelId: 'DUADA',
      messageTs: dm.ts,
    });
    await h.app.idle();
    expect((await rows())[0]?.acknowledgedAt).not.toBeNull();
    const redrawn = h.fake.findMessage('DUADA', dm.ts);
    expect(JSON.stringify(redrawn?.blocks)).not.toContain('feedback_ack');
    expect(visibleText(redrawn?.blocks as never)).toContain('You acknowledged this feedback.');
    const told = () => dms('UMGR').map((m) => m.text);
    expect(told()).toContain(':white_check_mark: <@UADA> acknowledged your feedback of Mon 16 Nov.');
    // A reply in the DM's thread is kept (once, even when Slack redelivers it) and passed on.
    const reply = {
      type: 'message',
      channel: 'DUADA',
      channel_type: 'im',
      user: 'UADA',
      text: 'Thanks &amp; will do &lt;3',
      ts: '1795000000.000100',
      thread_ts: dm.ts,
    };
    await h.slack.event(reply);
    await h.slack.event(reply);
    await h.app.idle();
    expect(await db.handle.db.select().from(feedbackReplies)).toMatchObject([
      { userId: 'UADA', text: 'Thanks & will do <3' },
    ]);
    expect(told().filter((t) => t.includes('replied'))).toEqual([
      ':speech_balloon: <@UADA> replied to your feedback of Mon 16 Nov:\nThanks &amp; will do &lt;3',
    ]);
  });

  it('shows the history on both Home tabs and to admins, and to nobody else', async () => {
    await acme();
    const { view } = await openForm('<@UADA|ada>');
    await submit(view, 'secret-went-well', 'secret-to-improve', '5');
    const ada = await openHome('UADA');
    expect(ada).toContain(':memo: *From <@UMGR>*');
    expect(ada).toContain('secret-went-well');
    const mina = await openHome('UMGR');
    expect(mina).toContain(':memo: *To <@UADA>*');
    expect(mina).toContain('secret-to-improve');
    const boss = await openHome('UBOSS');
    expect(boss).toContain('All feedback');
    expect(boss).toContain('<@UMGR> → <@UADA>');
    const ben = await openHome('UBEN');
    expect(ben).not.toContain('secret-went-well');
    expect(ben).toContain('No feedback yet.');
  });

  it.each([
    [
      '<@UADA|ada>',
      'UBEN',
      'Only a manager of a project <@UADA> is on (or a workspace admin) can give them feedback.',
    ],
    [
      '<@URAVI|ravi>',
      'UMGR',
      'Only a manager of a project <@URAVI> is on (or a workspace admin) can give them feedback.',
    ],
    ['<@UMGR|mina>', 'UMGR', "you can't send it to yourself"],
    ['<@UDEPLOY|deploybot>', 'UMGR', 'is a bot: feedback is for people.'],
    ['<@UGHOST|ghost>', 'UMGR', "I can't find <@UGHOST> in this workspace."],
    ['@nobody', 'UMGR', "I don't know `@nobody`"],
    ['<@UADA|ada> great work', 'UMGR', 'Name one person: the feedback itself goes in the form'],
  ])(
    'refuses `/feedback %s` by %s with a friendly error and an example, opening nothing',
    async (text, userId, says) => {
      h.fake.addUser({ id: 'UDEPLOY', name: 'deploybot', is_bot: true });
      await acme();
      const { view, reply } = await openForm(text, userId);
      expect(view).toBeNull();
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.text).toContain(says);
      expect(reply.text).toContain('Try: `');
      expect(await rows()).toHaveLength(0);
    },
  );

  it('fits the longest feedback, of many short lines, in a DM, a reply notice and the Home tab Slack accepts', async () => {
    await acme();
    const { view } = await openForm('<@UADA|ada>');
    const longest = 'ab\n'.repeat(666).trim(); // 1,997 characters, 666 lines
    await submit(view, longest, `&${'ab\n'.repeat(664).trim()}`, '1');
    expect(await rows()).toHaveLength(1);
    const dm = feedbackDm('UADA');
    await h.slack.event({
      type: 'message',
      channel: 'DUADA',
      channel_type: 'im',
      user: 'UADA',
      text: 'x\n'.repeat(1000).trim(),
      ts: '1795000000.000200',
      thread_ts: dm.ts,
    });
    await h.app.idle();
    expect(dms('UMGR').filter((m) => m.text.includes('replied'))).toHaveLength(1);
    expect(await openHome('UADA')).toContain('Went well');
    // The afterEach hook fails the test if Slack would have refused any of these payloads.
  });

  it('lets admins give anyone feedback', async () => {
    await acme();
    const { view } = await openForm('<@URAVI|ravi>', 'UBOSS');
    await submit(view, 'Fast', 'Slower', null, 'UBOSS');
    expect(feedbackDm('URAVI')).toBeDefined();
  });

  it('shows a mistake in the form under its field and saves nothing', async () => {
    await acme();
    const { view } = await openForm('<@UADA|ada>');
    const empty = await submit(view, '   ', 'x', null);
    expect(empty.body).toEqual({
      response_action: 'errors',
      errors: { went_well: 'Write a sentence or two here.' },
    });
    const long = await submit(view, 'ok', 'y'.repeat(2001), null);
    expect(long.body).toMatchObject({
      response_action: 'errors',
      errors: { to_improve: expect.stringContaining('at most 2,000 characters') },
    });
    expect(await rows()).toHaveLength(0);
    expect(feedbackDm('UADA')).toBeUndefined();
  });

  it('keeps nothing when the DM cannot be delivered, and tells the manager', async () => {
    await acme();
    const { view } = await openForm('<@UADA|ada>');
    h.fake.failNext('chat.postMessage', { error: 'internal_error' });
    await submit(view, 'a', 'b', null);
    expect(await rows()).toHaveLength(0);
    const told = h.fake.responsesTo(view.private_metadata && JSON.parse(view.private_metadata).responseUrl);
    expect(JSON.stringify(told)).toContain('nothing was saved');
  });
});

describe('feedback reminders', () => {
  it('DMs the manager who is due, every N weeks at 09:00 their time, exactly once across ticks and a restart', async () => {
    await acme();
    const set = await command('/punchcard', 'feedback-reminder acme-web every 2 weeks', 'UMGR');
    expect(set.text).toContain('Feedback reminder for `acme-web` set: every 2 weeks');
    expect(set.text).toContain('The first comes Mon 30 Nov.');
    // Ben had feedback a week before the reminder: not due. Ada never had any.
    h.clock.set('2026-11-23T12:00:00Z');
    const { view } = await openForm('<@UBEN|ben>');
    await submit(view, 'a', 'b', null);
    const reminders = () => dms('UMGR').filter((m) => m.text.startsWith('Feedback due'));
    // 08:59 in Berlin is too early; 09:00 Berlin (08:00Z) is the time.
    expect(await tickAt('2026-11-30T07:59:00Z')).toEqual([]);
    expect(reminders()).toHaveLength(0);
    expect(await tickAt('2026-11-30T08:00:00Z')).toMatchObject([
      { kind: 'feedback_reminder', result: 'sent', memberId: 'UMGR' },
    ]);
    expect(await tickAt('2026-11-30T08:01:00Z')).toEqual([]);
    await h.restart();
    expect(await tickAt('2026-11-30T09:30:00Z')).toEqual([]);
    expect(reminders()).toHaveLength(1);
    const text = visibleText(reminders()[0]?.blocks as never);
    expect(text).toContain('*Feedback due* on `acme-web` (every 2 weeks)');
    expect(text).toContain('• <@UADA> · no feedback yet');
    expect(text).not.toContain('<@UBEN>');
    expect(
      (await db.handle.db.select().from(deliveries)).filter((d) => d.kind === 'feedback_reminder'),
    ).toMatchObject([
      { kind: 'feedback_reminder', memberId: 'UMGR', localDate: '2026-11-30', status: 'sent' },
    ]);
    // Two weeks on, both are due again... unless they had feedback since.
    await tickAt('2026-12-14T08:00:00Z');
    expect(reminders()).toHaveLength(2);
    expect(visibleText(reminders()[1]?.blocks as never)).toContain('<@UBEN> · last feedback Mon 23 Nov');
    // Off stops them.
    expect((await command('/punchcard', 'feedback-reminder acme-web off', 'UMGR')).text).toContain('stopped');
    await tickAt('2026-12-28T08:00:00Z');
    expect(reminders()).toHaveLength(2);
  });

  it.each([
    [
      'feedback-reminder acme-web every 2 weeks',
      'UADA',
      "Only `acme-web`'s managers and workspace admins can set its feedback reminders.",
    ],
    ['feedback-reminder nope every 2 weeks', 'UMGR', 'There is no project `nope`.'],
    ['feedback-reminder acme-web sometimes', 'UMGR', "I can't read `sometimes` as how often."],
    ['feedback-reminder acme-web every 99 weeks', 'UMGR', 'Remind every 1 to 52 weeks.'],
    ['feedback-reminder', 'UMGR', 'Name the project key first'],
  ])('refuses `/punchcard %s` by %s with a friendly error', async (text, userId, says) => {
    await acme();
    const reply = await command('/punchcard', text, userId);
    expect(reply.text).toContain(says);
    expect(reply.response_type).toBe('ephemeral');
  });
});
