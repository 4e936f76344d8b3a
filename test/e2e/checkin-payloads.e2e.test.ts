import { describe, expect, it } from 'vitest';
import { checkinResponses, checkins } from '../../src/db/schema.js';
import { MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH } from '../../src/domain/checkin-questions.js';
import { slackLength } from '../../src/domain/text-length.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { answerFormState, button, visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

const { command } = useE2E(
  { team: { at: '2026-11-23T02:00:00Z', people: { UADMIN: 'UTC', URAVI: 'Asia/Kolkata' } } },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

// Monday 23 Nov 2026, 09:30 in Kolkata.
const RAVI_0930 = '2026-11-23T04:00:00Z';

const dms = (userId: string) => h.fake.messagesIn(`D${userId}`);
const teamPosts = () => h.fake.messagesIn('CTEAM');
const answers = answerFormState;

async function checkin(questions?: string[]) {
  const { reply } = await command('/standup', 'create <#CTEAM|team> 09:30 mon-fri <@URAVI|ravi>', 'UADMIN');
  expect(reply.text).toContain('Check-in created.');
  if (questions) await db.handle.db.update(checkins).set({ questions });
  h.clock.set(RAVI_0930);
  await h.app.tick(new Date(RAVI_0930));
  expect(dms('URAVI')).toHaveLength(1);
}

/** A DM reply as Slack sends it: the text in Slack's markup. Waits for the app's next message. */
async function dm(text: string) {
  const before = dms('URAVI').length + teamPosts().length;
  const sent = await h.slack.event({
    type: 'message',
    channel: 'DURAVI',
    channel_type: 'im',
    user: 'URAVI',
    text,
    ts: `${Date.now() / 1000}`,
  });
  expect(sent.status).toBe(200);
  await h.fake.waitFor(() => dms('URAVI').length + teamPosts().length > before);
}

/** Clicks Edit on the channel post and returns the form Slack was asked to open. */
async function openEditForm() {
  const post = await h.fake.waitFor(() => teamPosts()[0]);
  const calls = h.fake.callsTo('views.open').length;
  await h.slack.action({
    userId: 'URAVI',
    actionId: 'standup_edit_answers',
    value: button(post.blocks, 'standup_edit_answers').value,
    channelId: 'CTEAM',
    messageTs: post.ts,
  });
  await h.fake.waitFor(() => h.fake.callsTo('views.open').length > calls);
  return h.fake.callsTo('views.open').at(-1)?.args.view as {
    private_metadata: string;
    blocks: Array<{ block_id?: string; element?: { initial_value?: string; max_length?: number } }>;
  };
}

async function submitForm(privateMetadata: string, values: string[]) {
  return h.slack.viewSubmission({
    userId: 'URAVI',
    view: {
      callback_id: 'standup_answers_modal',
      private_metadata: privateMetadata,
      state: { values: answers(values) },
    },
  });
}

const everythingPosted = () => {
  const post = teamPosts()[0];
  return `${post?.text}\n${JSON.stringify(post?.blocks)}`;
};

describe('check-in answers reach the channel safely', () => {
  it('turns @channel, @here, @everyone and user groups in DM answers into plain words', async () => {
    await checkin();
    await dm('<!channel> deploy is down');
    await dm('<!here> and <!everyone> please look, <!subteam^S0ALL|@team>');
    await dm('Blocked by <@UBOB|bob>, see <#CDEV|dev>');
    const post = await h.fake.waitFor(() => teamPosts()[0]);
    const shown = visibleText(post.blocks);
    expect(shown).toContain('@channel deploy is down');
    expect(shown).toContain('@here and @everyone please look, @team');
    // Naming a person or a channel still works: it notifies no one beyond that person.
    expect(shown).toContain('Blocked by <@UBOB>, see <#CDEV>');
    expect(everythingPosted()).not.toMatch(/<!/);
  });

  it('shows where a disguised link really goes', async () => {
    await checkin();
    await dm('Log in at <https://evil.example|https://acme.slack.com/sso>');
    await dm('b');
    await dm('no');
    const post = await h.fake.waitFor(() => teamPosts()[0]);
    expect(visibleText(post.blocks)).toContain('Log in at https://acme.slack.com/sso (https://evil.example)');
    expect(everythingPosted()).not.toContain('|https://acme.slack.com/sso>');
  });

  it('escapes a form answer once, however often it is edited', async () => {
    await checkin();
    await dm('R&amp;D &lt;b&gt;');
    await dm('b');
    await dm('no');
    await h.fake.waitFor(() => dms('URAVI').find((m) => m.text.startsWith('Thanks!')));
    expect(visibleText(teamPosts()[0]?.blocks)).toContain('R&amp;D &lt;b&gt;');
    for (let round = 0; round < 2; round++) {
      const form = await openEditForm();
      expect(form.blocks.find((b) => b.block_id === 'q_0')?.element?.initial_value).toBe('R&D <b>');
      await submitForm(form.private_metadata, ['R&D <b>', 'b', 'no']);
      await h.fake.waitFor(() => h.fake.callsTo('chat.update').length === round + 1);
    }
    const shown = visibleText(teamPosts()[0]?.blocks);
    expect(shown).toContain('R&amp;D &lt;b&gt;');
    expect(shown).not.toContain('&amp;amp;');
    const [row] = await db.handle.db.select().from(checkinResponses);
    expect(row?.answers[0]).toBe('R&D <b>');
  });
});

describe('check-in answers within what Slack accepts', () => {
  it('refuses a DM answer over the limit, saves nothing, and takes a shorter one for the same question', async () => {
    await checkin();
    await dm('x'.repeat(MAX_ANSWER_LENGTH + 1));
    const reply = dms('URAVI').at(-1);
    expect(reply?.text).toContain(
      `That answer is ${(MAX_ANSWER_LENGTH + 1).toLocaleString('en-US')} characters long`,
    );
    expect(reply?.text).toContain('Nothing was saved');
    const [row] = await db.handle.db.select().from(checkinResponses);
    expect(row?.answers).toEqual([]);
    await dm('short');
    const [after] = await db.handle.db.select().from(checkinResponses);
    expect(after?.answers).toEqual(['short']);
    expect(dms('URAVI').at(-1)?.text).toBe('What are you working on today?');
  });

  it('shows a form answer over the limit as an error beside its field', async () => {
    await checkin();
    const prompt = dms('URAVI')[0];
    await h.slack.action({
      userId: 'URAVI',
      actionId: 'standup_open_form',
      value: button(prompt?.blocks, 'standup_open_form').value,
      channelId: 'DURAVI',
      messageTs: prompt?.ts,
    });
    const open = await h.fake.waitForCall('views.open');
    const view = open.args.view as { private_metadata: string };
    const refused = await submitForm(view.private_metadata, ['ok', '&'.repeat(200), 'no']);
    expect(refused.body).toMatchObject({ response_action: 'errors' });
    expect(refused.body.errors.q_1).toContain(`keep each answer to ${MAX_ANSWER_LENGTH} or fewer`);
    expect(teamPosts()).toEqual([]);
  });

  it('posts ten of the longest questions with ten of the longest answers, and edits them, as Slack accepts', async () => {
    const questions = Array.from({ length: 10 }, (_, i) => {
      const head = i === 9 ? 'Anything blocking you? ' : `Question ${i + 1} `;
      let q = head;
      while (slackLength(`${q}&x`) <= MAX_QUESTION_LENGTH) q += '&x';
      return q;
    });
    await checkin(questions);
    const longest = Array.from({ length: 9 }, (_, i) => `${i}${'R&D '.repeat(99)}R&D`);
    // The blocker answer is quoted line by line in the post: the most lines it can have.
    const blocker = `Blocked${'\nx'.repeat(396)}`;
    for (const a of [...longest, blocker]) {
      expect(slackLength(a)).toBeLessThanOrEqual(MAX_ANSWER_LENGTH);
      await dm(a.replace(/&/g, '&amp;'));
    }
    const post = await h.fake.waitFor(() => teamPosts()[0]);
    const shown = visibleText(post.blocks);
    for (const a of longest) expect(shown).toContain(a.replace(/&/g, '&amp;'));
    expect(shown).toContain(':rotating_light: *Blocker — Anything blocking you?');

    const form = await openEditForm();
    const q0 = form.blocks.find((b) => b.block_id === 'q_0')?.element;
    expect(q0?.initial_value).toBe(longest[0]);
    await submitForm(form.private_metadata, [...longest.slice(0, 8), 'changed', blocker]);
    await h.fake.waitFor(() => h.fake.callsTo('chat.update').length === 1);
    expect(visibleText(teamPosts()[0]?.blocks)).toContain('changed');
    // (useE2E fails the test if Slack would have refused any of these payloads.)
  });

  it('/standup help states the answer and question limits, in a reply Slack accepts', async () => {
    const { reply } = await command('/standup', 'help', 'URAVI');
    const shown = visibleText(reply.blocks);
    expect(shown).toContain(`up to ${MAX_ANSWER_LENGTH} characters each`);
    expect(shown).toContain(`${MAX_QUESTION_LENGTH} characters each`);
  });

  it('opens the settings form when a stored reminder or catch-up is not one of the usual choices', async () => {
    await checkin();
    await db.handle.db.update(checkins).set({ reminderMinutes: 45, catchUpMinutes: 100 });
    const sent = await h.slack.command({ command: '/standup', text: 'edit <#CTEAM|team>', userId: 'UADMIN' });
    const open = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === sent.triggerId);
    const view = open.args.view as {
      blocks: Array<{ block_id?: string; element?: { options?: unknown[]; initial_option?: unknown } }>;
    };
    const reminder = view.blocks.find((b) => b.block_id === 'reminder')?.element;
    const catchUp = view.blocks.find((b) => b.block_id === 'catch_up')?.element;
    expect(reminder?.initial_option).toEqual({
      text: { type: 'plain_text', text: 'After 45 min' },
      value: '45',
    });
    expect(reminder?.options).toContainEqual(reminder?.initial_option);
    expect(catchUp?.options).toContainEqual(catchUp?.initial_option);
  });

  it('lists 30 check-ins of 60 people each in one message Slack accepts, naming the rest by count', async () => {
    const people = Array.from({ length: 60 }, (_, i) => `<@UP${String(i).padStart(3, '0')}|p${i}>`).join(' ');
    for (let i = 0; i < 30; i++) {
      const { reply } = await command('/standup', `create <#CT${i}|t${i}> 09:30 mon-fri ${people}`, 'UADMIN');
      expect(reply.text).toContain('Check-in created.');
    }
    const { reply } = await command('/standup', 'list', 'UADMIN');
    const shown = visibleText(reply.blocks);
    expect(shown).toContain('and 40 more');
    const listed = (shown.match(/<#CT\d+>/g) ?? []).length;
    if (listed < 30) expect(shown).toContain(`…and ${30 - listed} more check-ins`);
  });
});
