import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { scrape } from '../support/prometheus.js';
import { button, logFormState, visibleText } from '../support/slack-ui.js';

let h: Harness;

// The app as `SLACK_APP_TOKEN` starts it: Bolt's SocketModeReceiver opens a connection with
// apps.connections.open, and every command, click, submission and event arrives as an envelope it acks.
useE2E(
  {
    socketMode: true,
    team: {
      at: '2026-11-24T15:00:00Z',
      people: { UADA: { real_name: 'Ada Lovelace', tz: 'Europe/London' } },
    },
  },
  (ctx) => {
    ({ h } = ctx);
  },
);

describe('Socket Mode', () => {
  it('connects with the app-level token and takes no HTTP requests', async () => {
    await h.restart();
    const opened = h.fake.callsTo('apps.connections.open');
    expect(opened.map((c) => c.token)).toEqual(['xapp-1-test-app-token']);
    expect(h.fake.socketMode.connected).toBe(true);
    const post = await fetch(`http://127.0.0.1:${h.app.port}/slack/events`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(404);
  });

  it('serves GET /metrics on the health port, counting what arrived as envelopes', async () => {
    await h.restart();
    const sent = await h.slack.command({ command: '/log', text: '1h design', userId: 'UADA' });
    await h.fake.waitForResponse(sent.responseUrl);
    const m = await scrape(h.app.port);
    expect(m.status).toBe(200);
    expect(m.value('punchcard_slack_requests_total', { kind: 'command', listener: '/log' })).toBe(1);
    expect(m.value('punchcard_slack_ack_seconds_count', { kind: 'command', listener: '/log' })).toBe(1);
  });

  it('refuses to open a connection with a bot token, as Slack does', async () => {
    const res = await fetch(`${h.fake.apiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test-token' },
    });
    expect(await res.json()).toEqual({ ok: false, error: 'not_allowed_token_type' });
  });

  it('/log 2h design confirms, and Undo on the confirmation removes it', async () => {
    const sent = await h.slack.command({ command: '/log', text: '2h design', userId: 'UADA' });
    expect(sent.status).toBe(200);
    const reply = await h.fake.waitForResponse(sent.responseUrl);
    expect(reply.text).toBe('Logged 2h to design for Tue 24 Nov · today 2h');
    const click = await h.slack.action({
      userId: 'UADA',
      actionId: 'entry_undo',
      value: button(reply.blocks, 'entry_undo').value,
    });
    const undone = await h.fake.waitForResponse(click.responseUrl as string);
    expect(undone.replace_original).toBe(true);
    expect(undone.text).toBe('Undone: removed 2h of design on Tue 24 Nov.');
  });

  it("a form's field errors come back in the envelope's ack", async () => {
    await h.slack.command({ command: '/log', text: '', userId: 'UADA' });
    const open = await h.fake.waitForCall('views.open');
    const view = open.args.view as { private_metadata: string };
    const submit = await h.slack.viewSubmission({
      userId: 'UADA',
      view: {
        callback_id: 'log_modal',
        private_metadata: view.private_metadata,
        state: { values: logFormState({ duration: 'soon', category: 'design', date: '2026-11-24' }) },
      },
    });
    expect(submit.body.response_action).toBe('errors');
    expect(Object.keys(submit.body.errors)).toEqual(['duration']);
  });

  it('an Events API envelope (app_home_opened) draws the Home tab', async () => {
    await h.slack.event({ type: 'app_home_opened', user: 'UADA', channel: 'DUADA', tab: 'home' });
    const publish = await h.fake.waitForCall('views.publish');
    expect(publish.args.user_id).toBe('UADA');
    await h.app.idle();
    expect(visibleText(h.fake.homeViews.get('UADA')?.blocks)).toContain('Tue 24 Nov (today)');
  });
});
