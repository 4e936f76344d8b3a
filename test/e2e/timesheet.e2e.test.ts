import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, members, timeEntries } from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { button, elements, visibleText } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

// Wednesday 25 Nov 2026, 12:00 UTC. The week is Mon 23 – Sun 29 Nov.
const { command } = useE2E(
  {
    env: { ADMIN_USER_IDS: 'UBOSS' },
    team: {
      at: '2026-11-25T12:00:00Z',
      people: {
        UADA: 'Europe/London',
        URAVI: 'Asia/Kolkata',
        UMGR: 'America/New_York',
        UBOSS: { tz: 'UTC', is_admin: false },
        UOWNER: 'UTC',
      },
    },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

async function seedAdaWeek() {
  await command('/log', '2h design mon', 'UADA');
  await command('/log', '1h30m acme-web fix login mon', 'UADA');
  await command('/log', '45m meetings standup & sync', 'UADA');
  await command('/log', '3h design last week 2026-11-18', 'UADA');
}

describe('/timesheet', () => {
  it("shows this week's days, categories, total and each entry with its note", async () => {
    await seedAdaWeek();
    const { reply } = await command('/timesheet', '', 'UADA');
    const text = visibleText(reply.blocks);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Your timesheet' } });
    expect(text).toContain('this week (23–29 Nov 2026)');
    expect(text).toContain('*Total 4h 15m*');
    expect(text).toContain('Mon 23 Nov  3h 30m');
    expect(text).toContain('Tue 24 Nov  0m');
    expect(text).toContain('Wed 25 Nov (today)  45m');
    expect(text).toContain('Sun 29 Nov  0m');
    expect(text).toContain('design  2h\nacme-web  1h 30m\nmeetings  45m');
    expect(text).toContain('*Mon 23 Nov* · 1h 30m · acme-web\nfix login');
    // Slack mrkdwn needs & escaped; the person sees "standup & sync".
    expect(text).toContain('*Wed 25 Nov* · 45m · meetings\nstandup &amp; sync');
    expect(text).not.toContain('3h · design');
    expect(elements(reply.blocks).filter((e) => e.element.action_id === 'timesheet_entry_menu')).toHaveLength(
      3,
    );
  });

  it('shows last week, a month and an explicit range', async () => {
    await seedAdaWeek();
    const last = await command('/timesheet', 'last week', 'UADA');
    expect(visibleText(last.reply.blocks)).toContain('last week (16–22 Nov 2026)');
    expect(visibleText(last.reply.blocks)).toContain('*Total 3h*');
    const month = await command('/timesheet', 'month', 'UADA');
    expect(visibleText(month.reply.blocks)).toContain('*Total 7h 15m*');
    const range = await command('/timesheet', '2026-11-18..2026-11-23', 'UADA');
    expect(visibleText(range.reply.blocks)).toContain('*Total 6h 30m*');
  });

  it('says so when nothing is logged', async () => {
    const { reply } = await command('/timesheet', 'last month', 'UADA');
    expect(visibleText(reply.blocks)).toContain('No time logged in this range yet');
  });

  it('explains a range it cannot read', async () => {
    const { reply } = await command('/timesheet', 'fortnight', 'UADA');
    expect(reply.text).toContain('Try:');
    expect(reply.text).toContain('/timesheet last week');
  });

  it('deletes an entry from the menu, redraws the sheet, and Undo brings it back', async () => {
    await seedAdaWeek();
    const { reply } = await command('/timesheet', '', 'UADA');
    const menu = elements(reply.blocks).find((e) => e.element.action_id === 'timesheet_entry_menu')?.element;
    const del = menu.options.find((o: { text: { text: string } }) => o.text.text === 'Delete');
    const click = await h.slack.action({
      userId: 'UADA',
      actionId: 'timesheet_entry_menu',
      selectedOption: del,
    });
    const redrawn = await h.fake.waitForResponse(click.responseUrl as string);
    expect(redrawn.replace_original).toBe(true);
    expect(visibleText(redrawn.blocks)).toContain('Deleted 2h of design on Mon 23 Nov.');
    expect(visibleText(redrawn.blocks)).toContain('*Total 2h 15m*');

    const undo = button(redrawn.blocks, 'entry_restore', 'Undo');
    const restore = await h.slack.action({ userId: 'UADA', actionId: 'entry_restore', value: undo.value });
    const back = await h.fake.waitForResponse(restore.responseUrl as string);
    expect(visibleText(back.blocks)).toContain('Restored 2h of design on Mon 23 Nov.');
    expect(visibleText(back.blocks)).toContain('*Total 4h 15m*');
    const audits = await db.handle.db.select().from(auditLog);
    expect(audits.map((a) => a.action)).toEqual(['delete', 'restore']);
  });

  it('edits an entry from the menu and redraws the sheet it came from', async () => {
    await seedAdaWeek();
    const { reply, responseUrl } = await command('/timesheet', '', 'UADA');
    const menu = elements(reply.blocks).find((e) => e.element.action_id === 'timesheet_entry_menu')?.element;
    const edit = menu.options.find((o: { text: { text: string } }) => o.text.text === 'Edit');
    await h.slack.action({
      userId: 'UADA',
      actionId: 'timesheet_entry_menu',
      selectedOption: edit,
      responseUrl,
    });
    const open = await h.fake.waitForCall('views.open');
    const view = open.args.view as { private_metadata: string };
    await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        callback_id: 'entry_edit_modal',
        private_metadata: view.private_metadata,
        state: {
          values: {
            duration: { value: { type: 'plain_text_input', value: '4h' } },
            category: { value: { type: 'plain_text_input', value: 'design' } },
            date: { value: { type: 'datepicker', selected_date: '2026-11-23' } },
            note: { value: { type: 'plain_text_input', value: null } },
          },
        },
      },
    });
    const redrawn = await h.fake.waitForResponse(responseUrl, { n: 2 });
    expect(visibleText(redrawn.blocks)).toContain('*Total 6h 15m*');
    expect(visibleText(redrawn.blocks)).toContain('Mon 23 Nov  5h 30m');
  });

  it('pages a long list of entries instead of cutting it', async () => {
    for (let i = 0; i < 25; i += 1) {
      await db.handle.db.insert(timeEntries).values({
        teamId: 'T0001',
        userId: 'UADA',
        workDate: '2026-11-10',
        minutes: 10,
        category: `task${i}`,
        source: 'slash',
      });
    }
    await db.handle.db.insert(members).values({ teamId: 'T0001', userId: 'UADA', tz: 'Europe/London' });
    const { reply } = await command('/timesheet', 'month', 'UADA');
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    expect(visibleText(reply.blocks)).toContain('Entries 1–20 of 25');
    const next = button(reply.blocks, 'timesheet_page_next');
    const click = await h.slack.action({
      userId: 'UADA',
      actionId: 'timesheet_page_next',
      value: next.value,
    });
    const page2 = await h.fake.waitForResponse(click.responseUrl as string);
    expect(visibleText(page2.blocks)).toContain('Entries 21–25 of 25');
    expect(visibleText(page2.blocks)).toContain('task24');
  });
});

describe('roles', () => {
  it("refuses a contractor who asks for someone else's timesheet", async () => {
    await seedAdaWeek();
    const { reply } = await command('/timesheet', '<@UADA|ada>', 'URAVI');
    expect(reply.text).toContain('You can only see your own timesheet');
    expect(JSON.stringify(reply)).not.toContain('design');
  });

  it("lets a manager read a member's timesheet, without edit buttons", async () => {
    await seedAdaWeek();
    await command('/punchcard', 'role <@UMGR|mina> manager', 'UBOSS');
    // A manager sees the members of the projects they manage (least privilege): Mina adds Ada to hers.
    await command('/punchcard', 'project add acme-web <#CACME|acme>', 'UMGR');
    await command('/punchcard', 'project member add acme-web <@UADA|ada>', 'UMGR');
    const { reply } = await command('/timesheet', 'this week <@UADA|ada>', 'UMGR');
    expect(reply.blocks[0].text.text).toBe('Timesheet for ada');
    expect(visibleText(reply.blocks)).toContain('*Total 4h 15m*');
    expect(elements(reply.blocks)).toHaveLength(0);
  });

  it('lets an admin grant roles, audits each change, and treats workspace owners as admins', async () => {
    const granted = await command('/punchcard', 'role <@URAVI|ravi> manager', 'UOWNER');
    expect(granted.reply.text).toContain('<@URAVI> is now a *manager* (was contractor).');
    const [ravi] = await db.handle.db.select().from(members).where(eq(members.userId, 'URAVI'));
    expect(ravi?.role).toBe('manager');
    const audits = await db.handle.db.select().from(auditLog);
    expect(audits).toMatchObject([
      {
        entity: 'member',
        action: 'role_change',
        actorId: 'UOWNER',
        subjectUserId: 'URAVI',
        before: { role: 'contractor' },
        after: { role: 'manager' },
      },
    ]);
    const again = await command('/punchcard', 'role <@URAVI|ravi> manager', 'UOWNER');
    expect(again.reply.text).toContain('already a *manager*');
    expect(await db.handle.db.select().from(auditLog)).toHaveLength(1);
  });

  it('refuses role changes from non-admins and explains bad role commands', async () => {
    const refused = await command('/punchcard', 'role <@URAVI|ravi> admin', 'UADA');
    expect(refused.reply.text).toContain('Only Punchcard admins can change roles.');
    const badRole = await command('/punchcard', 'role <@URAVI|ravi> boss', 'UBOSS');
    expect(badRole.reply.text).toContain('`boss` is not a role.');
    expect(badRole.reply.text).toContain('/punchcard role @alice manager');
    const noUser = await command('/punchcard', 'role manager', 'UBOSS');
    expect(noUser.reply.text).toContain('Name one person and one role.');
    expect(await db.handle.db.select().from(auditLog)).toHaveLength(0);
  });

  it('tells people their role and zone', async () => {
    const { reply } = await command('/punchcard', 'whoami', 'URAVI');
    expect(reply.text).toBe(
      'You are a *contractor* in Punchcard. Your days follow *Asia/Kolkata* (your Slack timezone).',
    );
  });
});
