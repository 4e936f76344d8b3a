import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { App, LogLevel } from '@slack/bolt';
import { ErrorCode, WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createSlackSender,
  type FakeSlack,
  SLACK_TIERS,
  signSlackRequest,
  startFakeSlack,
} from './fake-slack/index.js';

let fake: FakeSlack;
let client: WebClient;

const quiet = { logLevel: LogLevel.ERROR };

beforeAll(async () => {
  fake = await startFakeSlack();
  client = new WebClient('xoxb-test-token', {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    ...quiet,
  });
});

afterAll(async () => {
  await fake.close();
});

afterEach(() => {
  fake.reset();
});

async function platformError(p: Promise<unknown>): Promise<{ code?: string; data?: { error?: string } }> {
  try {
    await p;
  } catch (err) {
    return err as { code?: string; data?: { error?: string } };
  }
  throw new Error('expected the call to fail');
}

describe('fake Slack Web API', () => {
  it('answers auth.test with the bot identity and records the token', async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, team_id: 'T0001', user_id: 'UBOT', bot_id: 'BBOT' });
    expect(fake.callsTo('auth.test')).toHaveLength(1);
    expect(fake.calls[0]?.token).toBe('xoxb-test-token');
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.apiUrl).toBe(`${fake.url}/api/`);
  });

  it('serves users.info and users.list with cursor pagination', async () => {
    fake.addUser({ id: 'U1', name: 'ana', real_name: 'Ana A', tz: 'Europe/Lisbon', is_admin: true });
    fake.addUser({ id: 'U2', name: 'bo' });
    const info = await client.users.info({ user: 'U1' });
    expect(info.user).toMatchObject({
      id: 'U1',
      name: 'ana',
      real_name: 'Ana A',
      tz: 'Europe/Lisbon',
      is_admin: true,
    });
    expect(typeof info.user?.tz_offset).toBe('number');

    const missing = await platformError(client.users.info({ user: 'UNOPE' }));
    expect(missing.code).toBe(ErrorCode.PlatformError);
    expect(missing.data?.error).toBe('user_not_found');

    fake.updateUser('U2', { tz: 'America/New_York', deleted: true });
    expect((await client.users.info({ user: 'U2' })).user).toMatchObject({
      tz: 'America/New_York',
      deleted: true,
    });

    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.users.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      for (const m of page.members ?? []) if (m.id) ids.push(m.id);
      cursor = page.response_metadata?.next_cursor || undefined;
      pages += 1;
    } while (cursor);
    // The directory is seeded with the bot user and slackbot, as in a real workspace.
    expect(ids.sort()).toEqual(['U1', 'U2', 'UBOT', 'USLACKBOT']);
    expect(pages).toBe(2);
  });

  it('posts to a user as a DM and returns it from conversations.history with metadata', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Check-in*' } }];
    const metadata = { event_type: 'punchcard_checkin', event_payload: { day: '2024-11-19' } };
    const posted = await client.chat.postMessage({ channel: 'U1', text: 'Check-in', blocks, metadata });
    expect(posted.channel).toBe('DU1');
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);

    const call = await fake.waitForCall('chat.postMessage');
    expect(call.args.blocks).toEqual(blocks);
    expect(call.args.metadata).toEqual(metadata);

    await client.chat.postMessage({ channel: 'U1', text: 'second' });
    const history = await client.conversations.history({
      channel: 'DU1',
      include_all_metadata: true,
      limit: 10,
    });
    expect(history.messages?.map((m) => m.text)).toEqual(['second', 'Check-in']);
    expect(history.messages?.[1]).toMatchObject({ ts: posted.ts, metadata, blocks, bot_id: 'BBOT' });
    expect(fake.messagesIn('DU1')).toHaveLength(2);

    const noText = await platformError(client.chat.postMessage({ channel: 'C1', text: '' }));
    expect(noText.data?.error).toBe('no_text');

    const updated = await client.chat.update({ channel: 'DU1', ts: posted.ts as string, text: 'Edited' });
    expect(updated.ok).toBe(true);
    expect(fake.findMessage('DU1', posted.ts as string)?.text).toBe('Edited');
    const gone = await platformError(client.chat.update({ channel: 'DU1', ts: '1.000000', text: 'x' }));
    expect(gone.data?.error).toBe('message_not_found');

    const eph = await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' });
    expect(eph.message_ts).toBeTruthy();
    expect(fake.ephemerals[0]).toMatchObject({
      channel: 'C1',
      user: 'U1',
      text: 'only you',
      ephemeral: true,
    });

    const opened = await client.conversations.open({ users: 'U2' });
    expect(opened.channel?.id).toBe('DU2');
  });

  it('opens, updates and publishes views', async () => {
    const trigger = fake.triggerId();
    const opened = await client.views.open({
      trigger_id: trigger,
      view: {
        type: 'modal',
        callback_id: 'log_time',
        private_metadata: '{"p":1}',
        title: { type: 'plain_text', text: 'Log time' },
        blocks: [],
      },
    });
    expect(opened.view?.id).toMatch(/^V/);
    expect(opened.view).toMatchObject({
      callback_id: 'log_time',
      private_metadata: '{"p":1}',
      type: 'modal',
    });
    expect(fake.findView('log_time')?.id).toBe(opened.view?.id);

    const reused = await platformError(
      client.views.open({
        trigger_id: trigger,
        view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
      }),
    );
    expect(reused.data?.error).toBe('exchanged_trigger_id');

    const noTrigger = await platformError(
      client.apiCall('views.open', {
        view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
      }),
    );
    expect(noTrigger.data?.error).toBe('invalid_arguments');

    const updated = await client.views.update({
      view_id: opened.view?.id as string,
      hash: opened.view?.hash as string,
      view: {
        type: 'modal',
        callback_id: 'log_time',
        title: { type: 'plain_text', text: 'Saved' },
        blocks: [],
      },
    });
    expect(updated.view?.id).toBe(opened.view?.id);
    expect(updated.view?.hash).not.toBe(opened.view?.hash);

    await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
    expect(fake.homeViews.get('U1')?.type).toBe('home');
  });

  it('records unknown methods and answers ok', async () => {
    const res = await client.apiCall('reactions.add', { channel: 'C1', timestamp: '1.2', name: 'tada' });
    expect(res.ok).toBe(true);
    expect(fake.unknownCalls.map((c) => c.method)).toEqual(['reactions.add']);
  });
});

describe('fault injection', () => {
  it('429 makes a client with rejectRateLimitedCalls throw a rate-limited error', async () => {
    const strict = new WebClient('xoxb-t', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      ...quiet,
    });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const err = (await platformError(strict.chat.postMessage({ channel: 'C1', text: 'hi' }))) as {
      code?: string;
      retryAfter?: number;
    };
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect(err.retryAfter).toBe(7);
    // Only the next call fails.
    expect((await strict.chat.postMessage({ channel: 'C1', text: 'hi' })).ok).toBe(true);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(fake.messages).toHaveLength(1);
  });

  it('a 500 fault surfaces as an HTTP error', async () => {
    fake.failNext('users.info', { status: 500 });
    const err = (await platformError(client.users.info({ user: 'U1' }))) as {
      code?: string;
      statusCode?: number;
    };
    expect(err.code).toBe(ErrorCode.HTTPError);
    expect(err.statusCode).toBe(500);
  });

  it('an error fault answers ok:false with that error', async () => {
    fake.failNext('chat.postMessage', { error: 'not_in_channel' }, 2);
    for (let i = 0; i < 2; i++) {
      const err = await platformError(client.chat.postMessage({ channel: 'C1', text: 'hi' }));
      expect(err.data?.error).toBe('not_in_channel');
    }
    expect((await client.chat.postMessage({ channel: 'C1', text: 'hi' })).ok).toBe(true);
  });

  it('a hang fault times out a client', async () => {
    const impatient = new WebClient('xoxb-t', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      timeout: 200,
      ...quiet,
    });
    fake.failNext('auth.test', { hang: true });
    const started = Date.now();
    const err = await platformError(impatient.auth.test());
    expect(err.code).toBe(ErrorCode.RequestError);
    expect(Date.now() - started).toBeLessThan(2000);
    // waitForCall ignores calls a fault swallowed.
    await expect(fake.waitForCall('auth.test', undefined, 50)).rejects.toThrow(/timed out after 50 ms/);
  });
});

describe('rate limits', () => {
  /** A fake with Slack's rate limits on, on a clock the test moves, and a client that does not retry a 429. */
  async function limitedFake(rateLimits: Parameters<typeof startFakeSlack>[0] = { rateLimits: true }) {
    const clock = { t: Date.parse('2026-11-24T15:00:00Z') };
    const limited = await startFakeSlack({ now: () => clock.t, ...rateLimits });
    const strict = new WebClient('xoxb-t', {
      slackApiUrl: limited.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      ...quiet,
    });
    return { limited, strict, clock };
  }

  async function rateLimitedError(p: Promise<unknown>): Promise<{ code?: string; retryAfter?: number }> {
    return (await platformError(p)) as { code?: string; retryAfter?: number };
  }

  it('are off unless asked for: a burst into one channel is all posted', async () => {
    for (let i = 0; i < 20; i++) await client.chat.postMessage({ channel: 'C1', text: `line ${i}` });
    expect(fake.messagesIn('C1')).toHaveLength(20);
    expect(fake.rateLimited).toEqual([]);
    expect(fake.rateLimits).toBeNull();
  });

  it('let chat.postMessage burst 3 into a channel, then answer 429 with Retry-After until a second has passed', async () => {
    const { limited, strict, clock } = await limitedFake();
    try {
      for (let i = 0; i < 3; i++) await strict.chat.postMessage({ channel: 'C1', text: `burst ${i}` });

      const err = await rateLimitedError(strict.chat.postMessage({ channel: 'C1', text: 'one too many' }));
      expect(err.code).toBe(ErrorCode.RateLimitedError);
      expect(err.retryAfter).toBe(1);
      // What Slack sends: HTTP 429, Retry-After in whole seconds, ok:false/ratelimited.
      const raw = await fetch(`${limited.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: 'Bearer xoxb-t' },
        body: JSON.stringify({ channel: 'C1', text: 'still too many' }),
      });
      expect(raw.status).toBe(429);
      expect(raw.headers.get('retry-after')).toBe('1');
      expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' });

      expect(limited.messagesIn('C1').map((m) => m.text)).toEqual(['burst 0', 'burst 1', 'burst 2']);
      expect(limited.rateLimited).toMatchObject([
        { method: 'chat.postMessage', scope: 'channel', channel: 'C1', retryAfter: 1 },
        { method: 'chat.postMessage', scope: 'channel', channel: 'C1', retryAfter: 1 },
      ]);
      expect(limited.rateLimitedCount).toBe(2);
      expect(limited.callsTo('chat.postMessage').filter((c) => c.rateLimited)).toHaveLength(2);
      // A refused call was never handled, like one a fault swallowed.
      await expect(
        limited.waitForCall('chat.postMessage', (c) => c.args.text === 'one too many', 50),
      ).rejects.toThrow(/timed out/);

      // About one a second after that.
      clock.t += 1000;
      await strict.chat.postMessage({ channel: 'C1', text: 'a second later' });
      await rateLimitedError(strict.chat.postMessage({ channel: 'C1', text: 'too soon' }));
      clock.t += 999;
      await rateLimitedError(strict.chat.postMessage({ channel: 'C1', text: 'still too soon' }));
      clock.t += 1;
      await strict.chat.postMessage({ channel: 'C1', text: 'two seconds later' });
      expect(limited.messagesIn('C1')).toHaveLength(5);
    } finally {
      await limited.close();
    }
  });

  it('throttle one busy channel without holding back the others; a DM counts as its own conversation', async () => {
    const { limited, strict } = await limitedFake();
    try {
      for (let i = 0; i < 3; i++) await strict.chat.postMessage({ channel: 'CBUSY', text: `busy ${i}` });
      await rateLimitedError(strict.chat.postMessage({ channel: 'CBUSY', text: 'throttled' }));

      for (const channel of ['CQUIET', 'UADA', 'DUADA']) {
        expect((await strict.chat.postMessage({ channel, text: `to ${channel}` })).ok).toBe(true);
      }
      // `UADA` and `DUADA` are the same DM: two of its three.
      expect(limited.messagesIn('DUADA')).toHaveLength(2);
      expect(limited.rateLimited.map((r) => r.channel)).toEqual(['CBUSY']);
    } finally {
      await limited.close();
    }
  });

  it('hold the whole workspace to 100 messages a second across channels', async () => {
    const { limited, strict, clock } = await limitedFake();
    try {
      for (let i = 0; i < 100; i++) await strict.chat.postMessage({ channel: `C${i}`, text: 'hello' });
      const err = await rateLimitedError(strict.chat.postMessage({ channel: 'CFRESH', text: 'hello' }));
      expect(err.retryAfter).toBe(1);
      expect(limited.rateLimited).toMatchObject([{ scope: 'workspace', channel: 'CFRESH' }]);
      // A refused call uses up nothing: the fresh channel still has its own burst once the budget refills.
      clock.t += 10; // 100 a second: one message's worth
      expect((await strict.chat.postMessage({ channel: 'CFRESH', text: 'hello' })).ok).toBe(true);
      await rateLimitedError(strict.chat.postMessage({ channel: 'COTHER', text: 'hello' }));
      expect(limited.messages).toHaveLength(101);
    } finally {
      await limited.close();
    }
  });

  it('limit other methods per minute when given a tier, and start full again after reset', async () => {
    const { limited, strict, clock } = await limitedFake({
      rateLimits: { perMinute: { 'users.info': SLACK_TIERS[2] } },
    });
    try {
      for (let i = 0; i < 20; i++) await strict.users.info({ user: 'UBOT' });
      const err = await rateLimitedError(strict.users.info({ user: 'UBOT' }));
      // 20 a minute: the next call fits in 3 seconds.
      expect(err.retryAfter).toBe(3);
      expect(limited.rateLimited).toMatchObject([{ method: 'users.info', scope: 'method', retryAfter: 3 }]);
      // Methods without a limit, and chat.postMessage within its own, are untouched.
      expect((await strict.auth.test()).ok).toBe(true);
      clock.t += 3000;
      expect((await strict.users.info({ user: 'UBOT' })).ok).toBe(true);
      // 2.4 s to go: Retry-After rounds up, so a client that waits that long gets through.
      clock.t += 600;
      expect((await rateLimitedError(strict.users.info({ user: 'UBOT' }))).retryAfter).toBe(3);
      clock.t += 2400;
      expect((await strict.users.info({ user: 'UBOT' })).ok).toBe(true);

      limited.reset();
      expect(limited.rateLimitedCount).toBe(0);
      expect(limited.rateLimits?.perMinute).toEqual({ 'users.info': 20 });
      for (let i = 0; i < 20; i++) await strict.users.info({ user: 'UBOT' });
    } finally {
      await limited.close();
    }
  });

  it('count refusals even when calls are not recorded (long load runs)', async () => {
    const { limited, strict } = await limitedFake({ rateLimits: true, record: false });
    try {
      for (let i = 0; i < 3; i++) await strict.chat.postMessage({ channel: 'C1', text: `burst ${i}` });
      for (let i = 0; i < 2; i++)
        await rateLimitedError(strict.chat.postMessage({ channel: 'C1', text: 'no' }));
      expect(limited.rateLimitedCount).toBe(2);
      expect(limited.rateLimited).toEqual([]);
      expect(limited.calls).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('can be switched on and off through /_fake/rate-limits', async () => {
    const control = (method: string, body?: unknown) =>
      fetch(`${fake.url}/_fake/rate-limits`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    try {
      expect((await control('GET')).body).toMatchObject({ enabled: false, limits: null, count: 0 });
      const on = await control('POST', { perChannel: { perSecond: 1, burst: 1 } });
      expect(on.body).toMatchObject({
        ok: true,
        enabled: true,
        limits: { perChannel: { perSecond: 1, burst: 1 }, workspace: { perSecond: 100, burst: 100 } },
      });
      await client.chat.postMessage({ channel: 'C1', text: 'first' });
      const raw = await fetch(`${fake.apiUrl}chat.postMessage`, {
        method: 'POST',
        body: 'channel=C1&text=second',
      });
      expect(raw.status).toBe(429);
      expect((await control('GET')).body).toMatchObject({ enabled: true, count: 1 });

      expect((await control('POST', { perChannel: { perSecond: 0, burst: 1 } })).status).toBe(400);
      expect((await control('POST', false)).body).toMatchObject({ enabled: false });
      await client.chat.postMessage({ channel: 'C1', text: 'third' });
      expect(fake.messagesIn('C1').map((m) => m.text)).toEqual(['first', 'third']);
    } finally {
      fake.setRateLimits(false);
    }
  });

  it('are on in the process started with --rate-limits', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '..', '..', 'src', 'sandbox', 'slack', 'server.ts'),
        '--port',
        '0',
        '--rate-limits',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      const url = await fake.waitFor(
        () => /FAKE_SLACK_URL=(\S+)/.exec(out)?.[1],
        15_000,
        'the fake to start',
      );
      const res = await fetch(`${url}/_fake/rate-limits`);
      expect(await res.json()).toMatchObject({
        enabled: true,
        limits: { perChannel: { perSecond: 1, burst: 3 } },
      });
    } finally {
      child.kill();
    }
  });
});

describe('response URLs and files', () => {
  it('records POSTs to response URLs', async () => {
    const url = fake.responseUrl();
    expect(url).toMatch(new RegExp(`^${fake.url}/response/\\d+$`));
    const waiting = fake.waitForResponse(url);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Logged 2h', response_type: 'ephemeral' }),
    });
    expect(res.status).toBe(200);
    expect(await waiting).toEqual({ text: 'Logged 2h', response_type: 'ephemeral' });
    expect(fake.responsesTo(url)).toHaveLength(1);

    fake.failNext('response_url', { status: 404 });
    const failed = await fetch(url, { method: 'POST', body: '{"text":"late"}' });
    expect(failed.status).toBe(404);
    expect(fake.responsesTo(url)).toHaveLength(1);
    expect(fake.rejectedResponses).toHaveLength(1);
  });

  it('stores files uploaded with files.uploadV2', async () => {
    const res = await client.files.uploadV2({
      channel_id: 'C1',
      content: 'date,hours\n2024-11-19,3\n',
      filename: 'hours.csv',
      title: 'Hours',
      initial_comment: 'Weekly export',
    });
    expect(res.ok).toBe(true);
    expect(fake.uploadedFiles).toHaveLength(1);
    const file = fake.uploadedFiles[0];
    expect(file).toMatchObject({
      filename: 'hours.csv',
      title: 'Hours',
      channels: ['C1'],
      initial_comment: 'Weekly export',
    });
    expect(file?.content.toString('utf8')).toBe('date,hours\n2024-11-19,3\n');
  });
});

describe('signing and sending', () => {
  it('signSlackRequest matches the documented Slack example', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618)).toEqual({
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      'x-slack-request-timestamp': '1531420618',
    });
  });

  it('drives a real Bolt app: commands, actions, view submissions, events and bad signatures', async () => {
    const signingSecret = 'test-signing-secret';
    const app = new App({
      token: 'xoxb-bolt',
      signingSecret,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
      ...quiet,
    });
    const seen: string[] = [];
    app.command('/log', async ({ ack, respond, command, client: c }) => {
      await ack();
      seen.push(`command:${command.text}`);
      await respond({ text: `logged ${command.text}` });
      await c.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'log_modal',
          title: { type: 'plain_text', text: 'Log' },
          blocks: [],
        },
      });
    });
    app.action('approve', async ({ ack, respond, body }) => {
      await ack();
      const action = (body as { actions: Array<{ value?: string; block_id: string }> }).actions[0];
      seen.push(`action:${action?.value}:${action?.block_id}`);
      await respond({ replace_original: true, text: 'approved' });
    });
    app.view('log_modal', async ({ ack, view }) => {
      const hours = view.state.values.hours?.input?.value;
      if (hours === 'x') {
        await ack({ response_action: 'errors', errors: { hours: 'Not a number' } });
        return;
      }
      await ack();
      seen.push(`view:${hours}:${view.private_metadata}`);
    });
    app.event('app_home_opened', async ({ event }) => {
      seen.push(`event:${event.user}`);
    });

    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as {
      address(): AddressInfo;
    };
    try {
      const appUrl = `http://127.0.0.1:${server.address().port}/slack/events`;
      const slack = createSlackSender({ appUrl, signingSecret, fake });

      const cmd = await slack.command({ command: '/log', text: '2h', userId: 'U1' });
      expect(cmd.status).toBe(200);
      expect(await fake.waitForResponse(cmd.responseUrl)).toMatchObject({ text: 'logged 2h' });
      const open = await fake.waitForCall('views.open', (c) => c.args.trigger_id === cmd.triggerId);
      expect(open.response?.ok).toBe(true);
      const viewId = fake.findView('log_modal')?.id as string;

      const posted = await client.chat.postMessage({
        channel: 'C1',
        text: 'Approve?',
        blocks: [
          {
            type: 'actions',
            block_id: 'approval',
            elements: [
              {
                type: 'button',
                action_id: 'approve',
                value: 'entry-9',
                text: { type: 'plain_text', text: 'OK' },
              },
            ],
          },
        ],
      });
      const act = await slack.action({
        userId: 'U1',
        actionId: 'approve',
        channelId: 'C1',
        messageTs: posted.ts as string,
      });
      expect(act.status).toBe(200);
      expect(await fake.waitForResponse(act.responseUrl as string)).toMatchObject({ text: 'approved' });

      const bad = await slack.viewSubmission({
        userId: 'U1',
        view: {
          id: viewId,
          callback_id: 'log_modal',
          state: { values: { hours: { input: { value: 'x' } } } },
        },
      });
      expect(bad.body).toEqual({ response_action: 'errors', errors: { hours: 'Not a number' } });
      const good = await slack.viewSubmission({
        userId: 'U1',
        view: {
          callback_id: 'log_modal',
          private_metadata: 'pm',
          state: { values: { hours: { input: { type: 'plain_text_input', value: '3' } } } },
        },
      });
      expect(good.status).toBe(200);
      expect(good.body).toBe('');

      const ev = await slack.event({ type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home' });
      expect(ev.status).toBe(200);
      expect(ev.eventId).toMatch(/^Ev/);
      await fake.waitFor(() => seen.includes('event:U1'), 2000, 'the app_home_opened handler');

      expect(seen).toEqual(['command:2h', 'action:entry-9:approval', 'view:3:pm', 'event:U1']);

      for (const sign of ['wrong', 'none', { ageSeconds: 600 }] as const) {
        const rejected = await slack.command({ command: '/log', text: 'nope', userId: 'U1', sign });
        expect(rejected.status).toBe(401);
      }
      const raw = await slack.raw('{}', { 'x-slack-signature': 'v0=00', 'x-slack-request-timestamp': '1' });
      expect(raw.status).toBe(401);
      expect(seen).not.toContain('command:nope');
    } finally {
      await app.stop();
    }
  });
});
