import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { elements, visibleText } from '../support/slack-ui.js';

let h: Harness;

// Wednesday 25 Nov 2026.
const { reply: command } = useE2E(
  { team: { at: '2026-11-25T12:00:00Z', people: { UBOSS: 'UTC', UMGR: 'UTC', UADA: 'UTC', UBEN: 'UTC' } } },
  (ctx) => {
    ({ h } = ctx);
  },
);

async function openHome(userId: string) {
  const before = h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId).length;
  await h.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
  const call = await h.fake.waitFor(
    () => h.fake.callsTo('views.publish').filter((c) => c.args.user_id === userId)[before],
  );
  return call.args.view as { type: string; blocks: never[] };
}

async function seed() {
  await command('/punchcard', 'role <@UMGR|mina> manager', 'UBOSS');
  await command('/punchcard', 'project add acme-web <#CACME|acme> Acme', 'UBOSS');
  await command('/milestone', 'add acme-web 2026-11-20 Launch checkout <@UADA|ada>', 'UBOSS');
  await command('/milestone', 'add acme-web 2026-12-20 Invoices <@UBEN|ben>', 'UBOSS');
  await command('/standup', 'create <#CTEAM|team> 09:00 daily <@UADA|ada> <@UBEN|ben>', 'UBOSS');
  await command('/log', '2h acme-web secret-ada-note mon', 'UADA');
  await command('/log', '3h design secret-ben-note', 'UBEN');
}

describe('App Home', () => {
  it("shows a member their week, today's check-in and their milestones, with buttons", async () => {
    await seed();
    const view = await openHome('UADA');
    const text = visibleText(view.blocks);
    expect(view.type).toBe('home');
    expect(text).toContain('23–29 Nov 2026 · total *2h*');
    expect(text).toContain('Mon 23 Nov  2h');
    expect(text).toContain('Wed 25 Nov (today)  0m');
    expect(text).toContain('<#CTEAM> at 09:00: :hourglass_flowing_sand: not answered yet');
    expect(text).toContain('Launch checkout');
    expect(text).not.toContain('Invoices');
    expect(text).not.toContain('Your team');
    expect(elements(view.blocks).map((e) => e.element.action_id)).toEqual([
      'open_log_modal',
      'home_answer_checkin',
    ]);
  });

  it('updates after each change the member makes', async () => {
    await seed();
    const homeText = (c: { args: Record<string, unknown> }) =>
      visibleText((c.args.view as { blocks: never[] }).blocks);
    expect(visibleText((await openHome('UADA')).blocks)).toContain('total *2h*');
    // Once opened, each change redraws the Home tab after its reply.
    await command('/log', '1h30m design', 'UADA');
    const call = await h.fake.waitFor(() =>
      h.fake
        .callsTo('views.publish')
        .find((c) => c.args.user_id === 'UADA' && homeText(c).includes('total *3h 30m*')),
    );
    expect(homeText(call)).toContain('Wed 25 Nov (today)  1h 30m');
  });

  it("shows a manager the team: today's check-ins, hours per person and overdue milestones", async () => {
    await seed();
    // Mina manages acme-web, with Ada and Ben on it: her team is its members.
    await command('/punchcard', 'project manager acme-web <@UMGR|mina>', 'UBOSS');
    await command('/punchcard', 'project member add acme-web <@UADA|ada> <@UBEN|ben>', 'UBOSS');
    // Counted on the overdue milestone (started today): Ben's hour today; not Ada's Monday, before it started.
    await command('/log', '1h acme-web', 'UBEN');
    const view = await openHome('UMGR');
    const text = visibleText(view.blocks);
    expect(text).toContain('Your team');
    expect(text).toContain('<#CTEAM>: 0/2 — done nobody yet; waiting on <@UADA> <@UBEN>');
    expect(text).toContain('<@UBEN>  4h\n<@UADA>  2h');
    expect(text).toContain(':warning: :spiral_calendar_pad: *#1* `acme-web` · Launch checkout');
    expect(text).toContain('1h logged since it started');
    expect(text).not.toContain('Invoices');
  });
});

describe("a contractor never reads others' data", () => {
  it('through any command, button or the Home tab', async () => {
    await seed();
    const leaks = (value: unknown) => {
      const json = JSON.stringify(value);
      return json.includes('secret-ben-note') || json.includes('3h design') || json.includes('<@UBEN>  3h');
    };
    // Commands.
    const attempts: Array<[string, string]> = [
      ['/timesheet', '<@UBEN|ben>'],
      ['/timesheet', 'last month <@UBEN|ben>'],
      ['/punchcard', 'digest preview <#CTEAM|team>'],
      ['/punchcard', 'digest preview <#CACME|acme>'],
    ];
    for (const [name, text] of attempts) {
      const reply = await command(name, text, 'UADA');
      expect(leaks(reply), `${name} ${text}`).toBe(false);
      expect(reply.text).toMatch(/only|Only/);
    }
    // Buttons carrying someone else's ids: a timesheet page for Ben, and Ben's entry.
    const page = await h.slack.action({
      userId: 'UADA',
      actionId: 'timesheet_page_next',
      value: '|UBEN|2026-11-01|2026-11-30|0',
    });
    const pageReply = await h.fake.waitForResponse(page.responseUrl as string);
    expect(leaks(pageReply)).toBe(false);
    expect(pageReply.text).toContain('You can only see your own timesheet');
    const edit = await h.slack.action({ userId: 'UADA', actionId: 'entry_edit', value: '2' });
    expect((await h.fake.waitForResponse(edit.responseUrl as string)).text).toContain(
      'Only the person who logged',
    );
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
    const menu = await h.slack.action({
      userId: 'UADA',
      actionId: 'timesheet_entry_menu',
      selectedOption: { value: 'delete|2|UBEN|2026-11-23|2026-11-29|0' },
    });
    expect((await h.fake.waitForResponse(menu.responseUrl as string)).text).toContain(
      'Only the person who logged',
    );
    // Check-in answers of someone else.
    // (Refusals for buttons on shared channel posts go to the clicker alone, as an ephemeral message.)
    await h.slack.action({
      userId: 'UADA',
      actionId: 'standup_edit_answers',
      value: '1',
      channelId: 'CTEAM',
    });
    const refusal = await h.fake.waitForCall('chat.postEphemeral', (c) => c.args.user === 'UADA');
    expect(leaks(refusal.args)).toBe(false);
    expect(String(refusal.args.text)).toMatch(/belongs to someone else|no longer exists/);
    // Home tab.
    expect(leaks(await openHome('UADA'))).toBe(false);
    // And Ben's data is untouched.
    const sheet = await command('/timesheet', '', 'UBEN');
    expect(JSON.stringify(sheet)).toContain('secret-ben-note');
  });
});
