import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { timeEntries } from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { TEAM_ID } from '../support/harness.js';
import { logFormState } from '../support/slack-ui.js';
import type { TestDatabase } from '../support/test-db.js';

/**
 * Tried as a hostile workspace member would: values Slack hands back (button values,
 * private_metadata, view state) built by hand. Each is refused with a friendly message, never
 * "Something went wrong", never a stall, and never a request to a host Slack did not name.
 */
let db: TestDatabase;
let h: Harness;

const { command } = useE2E(
  {
    env: { ADMIN_USER_IDS: 'UBOSS' },
    team: {
      at: '2026-11-25T12:00:00Z',
      people: { UADA: 'Europe/London', URAVI: 'Asia/Kolkata', UBOSS: { tz: 'UTC', is_admin: false } },
    },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);
beforeEach(async () => {
  h.logs.length = 0;
});

const entriesOf = (userId: string) =>
  db.handle.db
    .select()
    .from(timeEntries)
    .where(and(eq(timeEntries.teamId, TEAM_ID), eq(timeEntries.userId, userId)));

async function click(actionId: string, value: string, userId = 'UADA') {
  const sent = await h.slack.action({ userId, actionId, value });
  expect(sent.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: tests read the reply freely
  const reply: any = await h.fake.waitForResponse(sent.responseUrl as string);
  return reply;
}

const SOMETHING_WENT_WRONG = /something went wrong/i;

/** The warnings logged for values from Slack that did not fit their schema, by listener. */
const refusedValues = () =>
  h.logs
    .map((l) => JSON.parse(l) as { level: string; msg: string; where?: string })
    .filter((l) => l.level === 'warn' && l.msg === 'a value from Slack did not fit its schema: refused')
    .map((l) => l.where);

describe('button values are parsed, not trusted', () => {
  it('answers a timesheet page button spanning 9,999 years at once, with a friendly message', async () => {
    const started = Date.now();
    const reply = await click('timesheet_page_next', '|UADA|0001-01-01|9999-12-31|0');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(reply.text).toContain('out of date');
    expect(reply.text).not.toMatch(SOMETHING_WENT_WRONG);
    const health = await fetch(`http://127.0.0.1:${h.app.port}/healthz`);
    expect(health.status).toBe(200);
  });

  it.each([
    ['a date that does not exist', '|UADA|2026-02-30|2026-03-05|0'],
    ['a reversed range', '|UADA|2026-11-30|2026-11-01|0'],
    ['a range of 367 days', '|UADA|2025-01-01|2026-01-02|0'],
    ['a page in the billions', '|UADA|2026-11-23|2026-11-29|99999999999'],
    ['a user id that is not one', "|U' OR 1=1|2026-11-23|2026-11-29|0"],
    ['too few parts', 'UADA|2026-11-23'],
  ])('refuses a timesheet page button with %s, with a warning in the log', async (_name, value) => {
    h.logs.length = 0;
    const reply = await click('timesheet_page_next', value);
    expect(reply.text).toContain('out of date');
    expect(reply.text).not.toMatch(SOMETHING_WENT_WRONG);
    expect(refusedValues()).toEqual(['action:timesheet_page']);
  });

  it.each([['1e400'], ['99999999999999999999'], ['2147483648'], ['-1'], ['12.5'], ['']])(
    'answers Undo with entry id %j as an out-of-date button, not an error',
    async (value) => {
      await command('/log', '2h design', 'UADA');
      h.logs.length = 0;
      const reply = await click('entry_undo', value);
      expect(refusedValues()).toEqual(['action:entry_undo']);
      expect(reply.text).toContain('out of date');
      expect(reply.text).not.toMatch(SOMETHING_WENT_WRONG);
      expect((await entriesOf('UADA'))[0]?.deletedAt).toBeNull();
      expect(h.logs.filter((l) => JSON.parse(l).level === 'error')).toEqual([]);
    },
  );

  it.each([['1e400'], ['99999999999999999999']])(
    'answers Edit with entry id %s without opening anything',
    async (value) => {
      const reply = await click('entry_edit', value);
      expect(reply.text).toContain('out of date');
      expect(h.fake.callsTo('views.open')).toHaveLength(0);
    },
  );

  it('refuses a timesheet entry menu value with an impossible entry id', async () => {
    const sent = await h.slack.action({
      userId: 'UADA',
      actionId: 'timesheet_entry_menu',
      selectedOption: { value: 'delete|99999999999999999999|UADA|2026-11-23|2026-11-29|0' },
    });
    const reply = await h.fake.waitForResponse(sent.responseUrl as string);
    expect(reply.text).toContain('out of date');
    expect(reply.text).not.toMatch(SOMETHING_WENT_WRONG);
    expect(refusedValues()).toContain('action:timesheet_entry_menu');
  });

  it('answers "Edit answers" with an id out of range as an out-of-date button, to the clicker alone', async () => {
    await h.slack.action({ userId: 'UADA', actionId: 'standup_edit_answers', value: '1e400' });
    const ephemeral = await h.fake.waitForCall('chat.postEphemeral');
    expect(ephemeral.args).toMatchObject({ user: 'UADA' });
    expect(ephemeral.args.text).toContain('out of date');
    expect(ephemeral.args.text).not.toMatch(SOMETHING_WENT_WRONG);
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('answers `/milestone update` with a 20-digit id as a friendly mistake', async () => {
    const { reply } = await command('/milestone', 'update 99999999999999999999 done', 'UADA');
    expect(reply.text).toContain('milestone number');
    expect(reply.text).not.toMatch(SOMETHING_WENT_WRONG);
  });
});

describe('private_metadata and view state are parsed, not trusted', () => {
  async function openLogModal(userId = 'UADA') {
    const sent = await h.slack.command({ command: '/log', text: '', userId });
    const open = await h.fake.waitForCall('views.open');
    return { sent, view: open.args.view as { private_metadata: string } };
  }

  it('never posts a reply to a response URL on a host other than Slack’s', async () => {
    const { view } = await openLogModal();
    const metadata = JSON.parse(view.private_metadata);
    const submit = await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        id: 'VEVIL1',
        callback_id: 'log_modal',
        private_metadata: JSON.stringify({ ...metadata, responseUrl: 'http://evil.example:9/steal' }),
        state: { values: logFormState({ duration: '1h', category: 'design', date: '2026-11-25' }) },
      },
    });
    expect(submit.body.response_action).toBe('errors');
    expect(submit.body.errors.duration).toContain('out of date');
    expect(await entriesOf('UADA')).toHaveLength(0);
  });

  it('still replies to the response URL Slack gave when /log opened the modal', async () => {
    const { sent, view } = await openLogModal();
    await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        id: 'VGOOD1',
        callback_id: 'log_modal',
        private_metadata: view.private_metadata,
        state: { values: logFormState({ duration: '1h', category: 'design', date: '2026-11-25' }) },
      },
    });
    expect((await h.fake.waitForResponse(sent.responseUrl)).text).toContain('Logged 1h to design');
  });

  it.each([
    ['an entry id of 1e400', { responseUrl: null, channelId: null, entryId: '1e400' }],
    ['a 20-digit entry id', { responseUrl: null, channelId: null, entryId: 1e20 }],
    ['no entry id', { responseUrl: null, channelId: null }],
    [
      'a timesheet range of 9,999 years',
      {
        responseUrl: null,
        channelId: null,
        entryId: 1,
        sheet: { subjectId: 'UADA', from: '0001-01-01', to: '9999-12-31', page: 0 },
      },
    ],
  ])('refuses an edit form whose metadata carries %s, saving nothing', async (_name, metadata) => {
    await command('/log', '2h design', 'UADA');
    const submit = await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        callback_id: 'entry_edit_modal',
        private_metadata: JSON.stringify(metadata),
        state: { values: logFormState({ duration: '1h', category: 'design', date: '2026-11-25' }) },
      },
    });
    expect(submit.status).toBe(200);
    expect(submit.body.response_action).toBe('errors');
    expect(submit.body.errors.duration).toContain('out of date');
    expect((await entriesOf('UADA'))[0]?.minutes).toBe(120);
  });

  it('refuses a log form whose state is not what the modal sends', async () => {
    const { view } = await openLogModal();
    const submit = await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        callback_id: 'log_modal',
        private_metadata: view.private_metadata,
        state: {
          values: {
            ...logFormState({ duration: '1h', category: 'design', date: '2026-11-25' }),
            note: { value: { type: 'plain_text_input', value: { $gt: '' } } },
          },
        },
      },
    });
    expect(submit.body.response_action).toBe('errors');
    expect(submit.body.errors.duration).toContain('out of date');
    expect(await entriesOf('UADA')).toHaveLength(0);
  });

  it('refuses a check-in form whose metadata names response 1e400', async () => {
    const submit = await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        callback_id: 'standup_answers_modal',
        private_metadata: JSON.stringify({ responseId: '1e400' }),
        state: { values: { q_0: { value: { type: 'plain_text_input', value: 'shipping' } } } },
      },
    });
    expect(submit.body.response_action).toBe('errors');
    expect(submit.body.errors.q_0).toContain('out of date');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('refuses check-in settings whose metadata points replies at another host', async () => {
    const submit = await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        callback_id: 'standup_settings_modal',
        private_metadata: JSON.stringify({ checkinId: 1, responseUrl: 'https://evil.example/hook' }),
        state: { values: {} },
      },
    });
    expect(submit.body.response_action).toBe('errors');
    expect(submit.body.errors.questions).toContain('out of date');
  });
});

describe('check-in settings state', () => {
  async function openSettings() {
    await command('/standup', 'create <#CTEAM|team> 09:00 mon-fri <@UADA|ada>', 'UBOSS');
    const sent = await h.slack.command({ command: '/standup', text: 'edit <#CTEAM|team>', userId: 'UBOSS' });
    const open = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === sent.triggerId);
    return (open.args.view as { private_metadata: string }).private_metadata;
  }
  const values = (over: Record<string, unknown> = {}) => ({
    questions: { value: { type: 'plain_text_input', value: 'What shipped?' } },
    time: { value: { type: 'timepicker', selected_time: '08:15' } },
    days: { value: { type: 'checkboxes', selected_options: [{ value: '1' }] } },
    participants: { value: { type: 'multi_users_select', selected_users: ['UADA'] } },
    reminder: { value: { type: 'static_select', selected_option: { value: '60' } } },
    catch_up: { value: { type: 'static_select', selected_option: { value: '180' } } },
    zone_mode: { value: { type: 'radio_buttons', selected_option: { value: 'own' } } },
    zone: { value: { type: 'plain_text_input', value: null } },
    ...over,
  });

  it.each([
    ['a reminder of 99,999 minutes', { reminder: { value: { selected_option: { value: '9999' } } } }],
    ['a catch-up window of a week', { catch_up: { value: { selected_option: { value: '10080' } } } }],
    ['an eighth weekday', { days: { value: { selected_options: [{ value: '8' }] } } }],
    ['a participant that is not a user id', { participants: { value: { selected_users: ["U1' --"] } } }],
  ])('refuses settings with %s, saving nothing', async (_name, over) => {
    const metadata = await openSettings();
    const submit = await h.slack.viewSubmission({
      userId: 'UBOSS',
      view: {
        callback_id: 'standup_settings_modal',
        private_metadata: metadata,
        state: { values: values(over) },
      },
    });
    expect(submit.body.response_action).toBe('errors');
    expect(submit.body.errors.questions).toContain('out of date');
    const { reply } = await command('/standup', 'list', 'UBOSS');
    expect(JSON.stringify(reply)).toContain('09:00');
  });

  it('saves settings as the modal sends them', async () => {
    const metadata = await openSettings();
    const submit = await h.slack.viewSubmission({
      userId: 'UBOSS',
      view: {
        callback_id: 'standup_settings_modal',
        private_metadata: metadata,
        state: { values: values() },
      },
    });
    expect(submit.status).toBe(200);
    expect(submit.body).toBe('');
    await h.app.idle();
    const { reply } = await command('/standup', 'list', 'UBOSS');
    expect(JSON.stringify(reply)).toContain('08:15');
  });
});

describe('the log modal’s double-submit key', () => {
  it("is the person's own: another person's view id never shows their entry", async () => {
    const ada = await h.slack.command({ command: '/log', text: '', userId: 'UADA' });
    const open = await h.fake.waitForCall('views.open');
    const metadata = (open.args.view as { private_metadata: string }).private_metadata;
    await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        id: 'VSHARED01',
        callback_id: 'log_modal',
        private_metadata: metadata,
        state: {
          values: logFormState({
            duration: '2h',
            category: 'design',
            date: '2026-11-25',
            note: 'secret client work',
          }),
        },
      },
    });
    await h.fake.waitForResponse(ada.responseUrl);

    const ravi = await h.slack.command({ command: '/log', text: '', userId: 'URAVI' });
    const raviOpen = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === ravi.triggerId);
    const raviView = raviOpen.args.view as { private_metadata: string };
    await h.slack.viewSubmission({
      userId: 'URAVI',
      view: {
        id: 'VSHARED01',
        callback_id: 'log_modal',
        private_metadata: raviView.private_metadata,
        state: { values: logFormState({ duration: '30m', category: 'research', date: '2026-11-25' }) },
      },
    });
    const reply = await h.fake.waitForResponse(ravi.responseUrl);
    expect(reply.text).toContain('Logged 30m to research');
    expect(JSON.stringify(reply)).not.toContain('secret client work');
    expect(await entriesOf('URAVI')).toMatchObject([{ minutes: 30, category: 'research', note: null }]);
    expect(await entriesOf('UADA')).toMatchObject([{ minutes: 120, note: 'secret client work' }]);
  });
});

describe('signed payloads with parts missing', () => {
  it.each([
    ['a button click', { type: 'block_actions', actions: [{ action_id: 'entry_undo', value: '1' }] }],
    [
      'a form submission',
      {
        type: 'view_submission',
        view: { id: 'VNOUSER', callback_id: 'log_modal', private_metadata: '{}', state: { values: {} } },
      },
    ],
  ])('answers %s with no user with 400 and one log line', async (_name, payload) => {
    const sent = await h.slack.interactive(payload);
    expect(sent.status).toBe(400);
    await h.app.idle();
    const lines = h.logs.map((l) => JSON.parse(l)).filter((l) => l.level === 'warn' || l.level === 'error');
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toContain('no user');
  });
});

describe('control characters in what people type', () => {
  const errorLines = () => h.logs.map((l) => JSON.parse(l)).filter((l) => l.level === 'error');

  it('refuses a /log note with a NUL byte, clearly, storing and logging nothing of it', async () => {
    const { reply } = await command('/log', '1h design secret\u0000note', 'UADA');
    expect(reply.text).toContain('control character (U+0000)');
    expect(reply.text).not.toMatch(SOMETHING_WENT_WRONG);
    expect(await entriesOf('UADA')).toHaveLength(0);
    await h.app.idle();
    expect(errorLines()).toEqual([]);
    expect(h.logs.join('\n')).not.toContain('secret');
  });

  it.each([
    ['/milestone', 'add acme-web 2026-12-20 Launch\u0007 day'],
    ['/punchcard', 'project add acme-web <#CACME|acme> Acme\u001b[31m'],
    ['/standup', 'off 2026-12-24\u0000'],
  ])('refuses `%s` text with a control character before doing anything', async (name, text) => {
    const { reply } = await command(name, text, 'UADA');
    expect(reply.text).toContain('control character');
    expect(reply.text).toContain(`${name} help`);
    expect(h.fake.calls).toEqual([]);
  });

  it('shows a control character in the log modal under the input that has it', async () => {
    const sent = await h.slack.command({ command: '/log', text: '', userId: 'UADA' });
    const open = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === sent.triggerId);
    const submit = await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        callback_id: 'log_modal',
        private_metadata: (open.args.view as { private_metadata: string }).private_metadata,
        state: {
          values: logFormState({
            duration: '1h',
            category: 'design',
            date: '2026-11-25',
            note: 'line one\nline two\twith a tab\u0000',
          }),
        },
      },
    });
    expect(submit.body).toEqual({
      response_action: 'errors',
      errors: { note: 'Remove the invisible control character (U+0000) from this text.' },
    });
    expect(await entriesOf('UADA')).toHaveLength(0);
  });

  it('keeps line breaks and tabs in a modal note', async () => {
    const sent = await h.slack.command({ command: '/log', text: '', userId: 'UADA' });
    const open = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === sent.triggerId);
    await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        callback_id: 'log_modal',
        private_metadata: (open.args.view as { private_metadata: string }).private_metadata,
        state: {
          values: logFormState({
            duration: '1h',
            category: 'design',
            date: '2026-11-25',
            note: 'line one\nline two\twith a tab',
          }),
        },
      },
    });
    await h.fake.waitForResponse(sent.responseUrl);
    expect(await entriesOf('UADA')).toMatchObject([{ note: 'line one\nline two\twith a tab' }]);
  });

  it('answers a DM check-in answer with a control character in the DM, saving nothing', async () => {
    await h.slack.event({
      type: 'message',
      channel_type: 'im',
      channel: 'DADA',
      user: 'UADA',
      text: 'done\u0000',
    });
    const reply = await h.fake.waitForCall('chat.postMessage');
    expect(reply.args).toMatchObject({ channel: 'DADA' });
    expect(reply.args.text).toContain('control character (U+0000)');
  });
});
