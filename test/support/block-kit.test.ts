import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMessage, checkView } from '../../src/sandbox/slack/block-kit.js';
import { type FakeSlack, startFakeSlack } from './fake-slack/index.js';

const md = (text: string) => ({ type: 'mrkdwn', text });
const plain = (text: string) => ({ type: 'plain_text', text });
const section = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'section',
  text: md(text),
  ...extra,
});
const button = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'b',
  text: plain(text),
  ...extra,
});
const option = (text: string, value: string) => ({ text: plain(text), value });
const x = (n: number) => 'x'.repeat(n);
const modal = (extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: plain('Log time'),
  submit: plain('Save'),
  blocks: [],
  ...extra,
});
const input = (element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'input',
  block_id: 'in',
  label: plain('Note'),
  element,
  ...extra,
});

/** The json-pointer paths of the problems Slack would report, or null when it accepts the message. */
function messagePaths(body: Parameters<typeof checkMessage>[0]) {
  const r = checkMessage(body);
  return r
    ? { error: r.error, paths: r.messages.map((m) => /json-pointer:([^\]]+)/.exec(m)?.[1] ?? '') }
    : null;
}
function viewPaths(view: unknown) {
  const r = checkView(view);
  return r
    ? { error: r.error, paths: r.messages.map((m) => /json-pointer:([^\]]+)/.exec(m)?.[1] ?? '') }
    : null;
}

describe('the Block Kit checks the fake Slack applies', () => {
  it('accepts a message with every block kind the app uses, each at its limit', () => {
    const blocks = [
      { type: 'header', text: plain(x(150)) },
      section(x(3000), {
        block_id: x(255),
        accessory: button(x(75), { value: x(2000), url: `https://e.x/${x(2980)}` }),
      }),
      { type: 'section', fields: Array.from({ length: 10 }, () => md(x(200))) },
      { type: 'context', elements: Array.from({ length: 10 }, () => md('ctx')) },
      { type: 'divider' },
      {
        type: 'actions',
        elements: Array.from({ length: 25 }, (_, i) => button('Go', { action_id: `a${i}` })),
      },
      section('menu', {
        accessory: {
          type: 'overflow',
          action_id: 'o',
          options: Array.from({ length: 5 }, (_, i) => option(x(75), `${i}${x(149)}`)),
        },
      }),
    ];
    expect(messagePaths({ text: x(40_000), blocks })).toBeNull();
  });

  it('refuses a section over 3,000 characters, fields over 10 or 2,000, and an empty text', () => {
    expect(messagePaths({ blocks: [section(x(3001))] })).toEqual({
      error: 'invalid_blocks',
      paths: ['/blocks/0/text/text'],
    });
    expect(
      messagePaths({ blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => md('f')) }] }),
    ).toMatchObject({ paths: ['/blocks/0/fields'] });
    expect(messagePaths({ blocks: [{ type: 'section', fields: [md(x(2001))] }] })).toMatchObject({
      paths: ['/blocks/0/fields/0/text'],
    });
    expect(messagePaths({ blocks: [section('')] })).toMatchObject({ paths: ['/blocks/0/text/text'] });
  });

  it('refuses more than 50 blocks in a message and duplicate block ids', () => {
    expect(messagePaths({ blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })).toMatchObject({
      paths: ['/blocks'],
    });
    expect(
      messagePaths({ blocks: [section('a', { block_id: 'same' }), section('b', { block_id: 'same' })] }),
    ).toMatchObject({ paths: ['/blocks/1/block_id'] });
    expect(messagePaths({ blocks: [section('a', { block_id: x(256) })] })).toMatchObject({
      paths: ['/blocks/0/block_id'],
    });
  });

  it('refuses a header over 150 characters or in mrkdwn', () => {
    expect(messagePaths({ blocks: [{ type: 'header', text: plain(x(151)) }] })).toMatchObject({
      paths: ['/blocks/0/text/text'],
    });
    expect(messagePaths({ blocks: [{ type: 'header', text: md('hi') }] })).toMatchObject({
      paths: ['/blocks/0/text/type'],
    });
  });

  it('refuses a context with more than 10 elements and actions with more than 25 or a repeated action_id', () => {
    expect(
      messagePaths({ blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => md('c')) }] }),
    ).toMatchObject({ paths: ['/blocks/0/elements'] });
    expect(
      messagePaths({
        blocks: [
          {
            type: 'actions',
            elements: Array.from({ length: 26 }, (_, i) => button('b', { action_id: `${i}` })),
          },
        ],
      }),
    ).toMatchObject({ paths: ['/blocks/0/elements'] });
    expect(
      messagePaths({ blocks: [{ type: 'actions', elements: [button('a'), button('b')] }] }),
    ).toMatchObject({
      paths: ['/blocks/0/elements/1/action_id'],
    });
  });

  it('refuses button text over 75, value over 2,000, url over 3,000, action_id over 255 and mrkdwn button text', () => {
    const acc = (b: Record<string, unknown>) => messagePaths({ blocks: [section('s', { accessory: b })] });
    expect(acc(button(x(76)))).toMatchObject({ paths: ['/blocks/0/accessory/text/text'] });
    expect(acc(button('b', { value: x(2001) }))).toMatchObject({ paths: ['/blocks/0/accessory/value'] });
    expect(acc(button('b', { url: x(3001) }))).toMatchObject({ paths: ['/blocks/0/accessory/url'] });
    expect(acc(button('b', { action_id: x(256) }))).toMatchObject({
      paths: ['/blocks/0/accessory/action_id'],
    });
    expect(acc({ ...button('b'), text: md('b') })).toMatchObject({
      paths: ['/blocks/0/accessory/text/type'],
    });
  });

  it('refuses option text over 75, value over 150, more than 5 overflow options and more than 100 select options', () => {
    const acc = (b: Record<string, unknown>) => messagePaths({ blocks: [section('s', { accessory: b })] });
    expect(acc({ type: 'overflow', options: [option(x(76), 'v')] })).toMatchObject({
      paths: ['/blocks/0/accessory/options/0/text/text'],
    });
    expect(acc({ type: 'overflow', options: [option('t', x(151))] })).toMatchObject({
      paths: ['/blocks/0/accessory/options/0/value'],
    });
    expect(
      acc({ type: 'overflow', options: Array.from({ length: 6 }, (_, i) => option('t', `${i}`)) }),
    ).toMatchObject({ paths: ['/blocks/0/accessory/options'] });
    expect(
      acc({ type: 'static_select', options: Array.from({ length: 101 }, (_, i) => option('t', `${i}`)) }),
    ).toMatchObject({ paths: ['/blocks/0/accessory/options'] });
  });

  it('refuses checkboxes and radio buttons over 10 options, and initial options not identical to listed ones', () => {
    const ten = Array.from({ length: 10 }, (_, i) => option(`t${i}`, `${i}`));
    const el = (extra: Record<string, unknown>) => viewPaths(modal({ blocks: [input(extra)] }));
    expect(el({ type: 'checkboxes', action_id: 'c', options: ten, initial_options: [ten[3]] })).toBeNull();
    expect(el({ type: 'checkboxes', action_id: 'c', options: [...ten, option('t', '10')] })).toMatchObject({
      paths: ['/view/blocks/0/element/options'],
    });
    expect(
      el({ type: 'radio_buttons', action_id: 'r', options: ten, initial_option: option('other', '3') }),
    ).toMatchObject({ paths: ['/view/blocks/0/element/initial_option'] });
    expect(
      el({ type: 'static_select', action_id: 's', options: ten, initial_option: option('t9', '45') }),
    ).toMatchObject({ paths: ['/view/blocks/0/element/initial_option'] });
  });

  it('refuses a message whose text is over 40,000 characters (msg_too_long)', () => {
    expect(messagePaths({ text: x(40_001) })?.error).toBe('msg_too_long');
  });

  it('refuses a message whose blocks carry more than 12,000 characters of text in all (msg_blocks_too_long)', () => {
    const five = Array.from({ length: 5 }, () => section(x(2500)));
    expect(messagePaths({ blocks: five })?.error).toBe('msg_blocks_too_long');
    expect(messagePaths({ blocks: five.slice(0, 4) })).toBeNull();
  });

  it('refuses a modal with a title, submit or close over 24 characters, or inputs without submit', () => {
    expect(viewPaths(modal())).toBeNull();
    expect(viewPaths(modal({ title: plain(x(25)) }))).toMatchObject({
      error: 'invalid_arguments',
      paths: ['/view/title/text'],
    });
    expect(viewPaths(modal({ submit: plain(x(25)) }))).toMatchObject({ paths: ['/view/submit/text'] });
    expect(viewPaths(modal({ close: plain(x(25)) }))).toMatchObject({ paths: ['/view/close/text'] });
    expect(
      viewPaths({
        type: 'modal',
        title: plain('t'),
        blocks: [input({ type: 'plain_text_input', action_id: 'v' })],
      }),
    ).toMatchObject({ paths: ['/view/submit'] });
  });

  it('refuses more than 100 blocks in a view, private_metadata over 3,000 and callback_id over 255', () => {
    const home = (extra: Record<string, unknown>) => viewPaths({ type: 'home', blocks: [], ...extra });
    expect(home({ blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) })).toBeNull();
    expect(home({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) })).toMatchObject({
      paths: ['/view/blocks'],
    });
    expect(home({ private_metadata: x(3001) })).toMatchObject({ paths: ['/view/private_metadata'] });
    expect(home({ callback_id: x(256) })).toMatchObject({ paths: ['/view/callback_id'] });
  });

  it('refuses input labels and hints over 2,000, max_length over 3,000 and an initial_value past max_length', () => {
    const el = { type: 'plain_text_input', action_id: 'v' };
    expect(viewPaths(modal({ blocks: [input(el, { label: plain(x(2001)) })] }))).toMatchObject({
      paths: ['/view/blocks/0/label/text'],
    });
    expect(viewPaths(modal({ blocks: [input(el, { hint: plain(x(2001)) })] }))).toMatchObject({
      paths: ['/view/blocks/0/hint/text'],
    });
    expect(viewPaths(modal({ blocks: [input({ ...el, max_length: 3001 })] }))).toMatchObject({
      paths: ['/view/blocks/0/element/max_length'],
    });
    expect(
      viewPaths(modal({ blocks: [input({ ...el, max_length: 10, initial_value: x(11) })] })),
    ).toMatchObject({
      paths: ['/view/blocks/0/element/initial_value'],
    });
    expect(
      viewPaths(modal({ blocks: [input({ ...el, max_length: 3000, initial_value: x(3000) })] })),
    ).toBeNull();
  });
});

describe('the fake Slack refuses what real Slack refuses', () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeAll(async () => {
    fake = await startFakeSlack({ teamId: 'T1' });
    client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('answers chat.postMessage with invalid_blocks and the offending path, and stores nothing', async () => {
    const err = await client.chat
      .postMessage({ channel: 'C1', text: 'hi', blocks: [section(x(3001))] as never })
      .catch((e: { data: unknown }) => e.data);
    expect(err).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      response_metadata: { messages: [expect.stringContaining('[json-pointer:/blocks/0/text/text]')] },
    });
    expect(fake.messagesIn('C1')).toEqual([]);
    expect(fake.violations.splice(0)).toMatchObject([
      { method: 'chat.postMessage', error: 'invalid_blocks' },
    ]);
  });

  it('answers views.publish with invalid_arguments for a Home tab over 100 blocks', async () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    const err = await client.views
      .publish({ user_id: 'U1', view: { type: 'home', blocks } as never })
      .catch((e: { data: unknown }) => e.data);
    expect(err).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(fake.violations.splice(0)).toMatchObject([{ method: 'views.publish' }]);
  });

  it('answers a response_url post with 400 and keeps it out of the delivered responses', async () => {
    const url = fake.responseUrl();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(fake.responsesTo(url)).toEqual([]);
    expect(fake.violations.splice(0)).toMatchObject([{ method: 'response_url', error: 'invalid_blocks' }]);
  });

  it('can be told not to check, for a test that needs to send what Slack refuses', async () => {
    const lax = await startFakeSlack({ validateBlockKit: false });
    try {
      const web = new WebClient('xoxb-test', { slackApiUrl: lax.apiUrl, retryConfig: { retries: 0 } });
      await expect(
        web.chat.postMessage({ channel: 'C1', text: 'hi', blocks: [section(x(3001))] as never }),
      ).resolves.toMatchObject({ ok: true });
    } finally {
      await lax.close();
    }
  });
});
