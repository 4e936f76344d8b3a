import { describe, expect, it } from 'vitest';
import { kudos } from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

const { reply: command } = useE2E(
  {
    env: { DEFAULT_TZ: 'UTC' },
    team: {
      at: '2026-11-16T12:00:00Z',
      people: { UBOSS: 'UTC', UADA: 'America/New_York', UBEN: 'Europe/London', URAVI: 'Asia/Kolkata' },
    },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

const rows = () => db.handle.db.select().from(kudos).orderBy(kudos.id);

async function openHome(userId: string) {
  const before = h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId).length;
  await h.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
  const call = await h.fake.waitFor(
    () => h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId)[before],
  );
  return visibleText((call.args.view as { blocks: never[] }).blocks);
}
const posts = (channel: string) => h.fake.messagesIn(channel);

describe('/kudos', () => {
  it('posts the kudos where it was typed, naming the giver, and tells the recipient by DM at once', async () => {
    const reply = await command('/kudos', '<@UBEN|ben> for untangling the release', 'UADA');
    expect(reply.text).toContain('Kudos to <@UBEN> posted');
    const [post] = posts('C0GENERAL');
    expect(post?.text).toBe(':tada: Kudos to <@UBEN> from <@UADA>: for untangling the release');
    expect(visibleText(post?.blocks)).toContain('From <@UADA>');
    const [dm] = posts('DUBEN');
    expect(dm?.text).toBe(':tada: <@UADA> gave you kudos in <#C0GENERAL>: for untangling the release');
    expect(await rows()).toMatchObject([
      { giverId: 'UADA', recipientId: 'UBEN', channelId: 'C0GENERAL', text: 'for untangling the release' },
    ]);
  });

  it('thanks several people at once: one post, one DM each, a row each', async () => {
    const reply = await command('/kudos', '<@UBEN|ben> <@URAVI|ravi> <@UBEN|ben> for the launch', 'UADA');
    expect(reply.text).toContain('Kudos to <@UBEN> and <@URAVI> posted');
    expect(posts('C0GENERAL').map((m) => m.text)).toEqual([
      ':tada: Kudos to <@UBEN> and <@URAVI> from <@UADA>: for the launch',
    ]);
    expect(posts('DUBEN')).toHaveLength(1);
    expect(posts('DURAVI')).toHaveLength(1);
    expect((await rows()).map((r) => r.recipientId)).toEqual(['UBEN', 'URAVI']);
  });

  it('keeps what was typed and escapes it once when drawn: no broadcast, no markup, mentions kept', async () => {
    // Slack sends &, < and > as entities, and @channel as <!channel>.
    await command(
      '/kudos',
      '<@UBEN|ben> for &lt;b&gt;fixing&lt;/b&gt; A &amp; B with <@URAVI|ravi> <!channel>',
      'UADA',
    );
    const [row] = await rows();
    expect(row?.text).toBe('for <b>fixing</b> A & B with <@URAVI> @channel');
    const text = posts('C0GENERAL')[0]?.text;
    expect(text).toContain('for &lt;b&gt;fixing&lt;/b&gt; A &amp; B with <@URAVI> @channel');
    expect(text).not.toContain('&amp;lt;');
    expect(text).not.toContain('<!channel>');
  });

  it("sends the kudos to the recipient's DM when the bot cannot post where it was typed", async () => {
    for (const error of ['not_in_channel', 'channel_not_found']) {
      h.fake.failNext('chat.postMessage', { error });
      const reply = await command('/kudos', '<@UBEN|ben> for the review', 'UADA');
      expect(reply.text).toContain("I can't post in <#C0GENERAL>, so I sent the kudos to <@UBEN> by DM");
    }
    expect(posts('C0GENERAL')).toHaveLength(0);
    expect(posts('DUBEN').map((m) => m.text)).toEqual([
      ":tada: <@UADA> gave you kudos (I couldn't post it in <#C0GENERAL>, so it's here): for the review",
      ":tada: <@UADA> gave you kudos (I couldn't post it in <#C0GENERAL>, so it's here): for the review",
    ]);
    expect(await rows()).toHaveLength(2);
  });

  it('posts the longest kudos to the most people in payloads Slack accepts', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `UPEER${i}`);
    for (const id of ids) h.fake.addUser({ id, name: `peer-${id}`, tz: 'UTC' });
    const what = 'a\n'.repeat(250).trim(); // 499 characters, 250 lines
    const reply = await command('/kudos', `${ids.map((id) => `<@${id}|p>`).join(' ')} ${what}`, 'UADA');
    expect(reply.text).toContain('posted');
    expect(await rows()).toHaveLength(10);
    expect(await openHome('UPEER0')).toContain('Kudos this month');
  });

  it('takes the kudos back when it cannot be posted anywhere, and says nothing was saved', async () => {
    h.fake.failNext('chat.postMessage', { error: 'internal_error' });
    const reply = await command('/kudos', '<@UBEN|ben> for the review', 'UADA');
    expect(reply.text).toContain('nothing was saved');
    expect(await rows()).toHaveLength(0);
  });

  it.each([
    ['', 'UADA', '*Kudos*'],
    ['for the launch', 'UADA', 'Name who the kudos is for, with @.'],
    ['@nobody for the launch', 'UADA', "I don't know `@nobody`"],
    ['<@UGHOST|ghost> for the launch', 'UADA', "I can't find <@UGHOST> in this workspace."],
    ['<@UADA|ada> for being me', 'UADA', "you can't give them to yourself"],
    ['<@UBEN|ben> <@UADA|ada> for us', 'UADA', "you can't give them to yourself"],
    ['<@UDEPLOY|deploybot> for deploying', 'UADA', 'is a bot: kudos are for people.'],
    ['<@UBEN|ben>', 'UADA', 'Say what the kudos is for'],
    [`<@UBEN|ben> ${'x'.repeat(501)}`, 'UADA', "That's 501 characters; kudos can be at most 500 characters."],
    [`<@UBEN|ben> for ${'&amp;'.repeat(100)}`, 'UADA', 'kudos can be at most 500 characters'],
  ])(
    'refuses `/kudos %s` with a friendly error and an example, saving and posting nothing',
    async (text, user, says) => {
      h.fake.addUser({ id: 'UDEPLOY', name: 'deploybot', is_bot: true });
      const reply = await command('/kudos', text, user);
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.text).toContain(says);
      if (text !== '') expect(reply.text).toMatch(/Try: `\/kudos @/);
      expect(await rows()).toHaveLength(0);
      expect(posts('C0GENERAL')).toHaveLength(0);
      expect(posts('DUBEN')).toHaveLength(0);
    },
  );

  it("allows 20 kudos a day per giver in the giver's own day, counted per person thanked, all or none", async () => {
    // 07:00 in New York: Ada's day began at 05:00Z.
    h.clock.set('2026-11-16T12:00:00Z');
    for (let i = 0; i < 9; i += 1)
      await command('/kudos', `<@UBEN|ben> <@URAVI|ravi> for thing ${i}`, 'UADA');
    expect(await rows()).toHaveLength(18);
    // Three more would pass 20: refused whole.
    const three = await command('/kudos', '<@UBEN|ben> <@URAVI|ravi> <@UBOSS|boss> for more', 'UADA');
    expect(three.text).toContain("That's 3 kudos, and you have 2 left today (at most 20 a day).");
    expect(await rows()).toHaveLength(18);
    const two = await command('/kudos', '<@UBEN|ben> <@URAVI|ravi> for the last two', 'UADA');
    expect(visibleText(two.blocks)).toContain('You can give 0 more today.');
    const over = await command('/kudos', '<@UBEN|ben> for one too many', 'UADA');
    expect(over.text).toContain("You've given 20 kudos today, the most in a day.");
    expect(over.text).toContain('Give more tomorrow.');
    expect(await rows()).toHaveLength(20);
    // Someone else's count is their own.
    expect((await command('/kudos', '<@UADA|ada> for all the kudos', 'UBEN')).text).toContain('posted');
    // 23:59 in New York is still the same day; at midnight there it is a new one.
    h.clock.set('2026-11-17T04:59:00Z');
    expect((await command('/kudos', '<@UBEN|ben> for still today', 'UADA')).text).toContain(
      'the most in a day',
    );
    h.clock.set('2026-11-17T05:00:00Z');
    expect((await command('/kudos', '<@UBEN|ben> for a new day', 'UADA')).text).toContain('posted');
  });

  it('gives at most 20 a day even when the same person sends many at once', async () => {
    const sent = await Promise.all(
      Array.from({ length: 24 }, (_, i) => command('/kudos', `<@UBEN|ben> for burst ${i}`, 'UADA')),
    );
    expect(sent.filter((r) => r.text.includes('posted'))).toHaveLength(20);
    expect(await rows()).toHaveLength(20);
    expect(posts('C0GENERAL')).toHaveLength(20);
  });

  it("shows the kudos a person received this month on their Home tab, and nobody else's", async () => {
    // October's kudos is not this month's (16 Nov in Ben's London).
    h.clock.set('2026-10-30T12:00:00Z');
    await command('/kudos', '<@UBEN|ben> for the October release', 'UADA');
    h.clock.set('2026-11-16T12:00:00Z');
    await command('/kudos', '<@UBEN|ben> for &lt;b&gt;the demo&lt;/b&gt;', 'UADA');
    await command('/kudos', '<@UBEN|ben> <@URAVI|ravi> for the on-call week', 'UBOSS');
    const ben = await openHome('UBEN');
    expect(ben).toContain('Kudos this month');
    expect(ben).toContain(':tada: from *boss*: for the on-call week');
    expect(ben).toContain(':tada: from *ada*: for &lt;b&gt;the demo&lt;/b&gt;');
    expect(ben).not.toContain('October release');
    expect(ben.indexOf('on-call week')).toBeLessThan(ben.indexOf('the demo'));
    const ada = await openHome('UADA');
    expect(ada).toContain('None yet this month.');
    expect(ada).not.toContain('the demo');
  });
});
