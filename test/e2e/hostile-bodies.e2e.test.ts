import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { MAX_BODY_BYTES } from '../../src/slack/request-guard.js';
import { signSlackRequest } from '../support/fake-slack/index.js';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/harness.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

// Request bodies Slack never sends reach the app signed (as if the signing secret leaked, or Slack
// misbehaved) or not: each gets a 4xx at once and one warning, and the database is never touched.
// "Never touched" is counted: the app's store is this file's database behind a proxy that counts
// every use of it, so one query (or one transaction begun) anywhere shows.

let db: TestDatabase;
let h: Harness;
let touches = 0;

/** The same database, counting every property the app reads off it (every query starts with one). */
function counted(handle: DatabaseHandle): DatabaseHandle {
  const proxy = new Proxy(handle.db, {
    get(target, property, receiver) {
      touches += 1;
      return Reflect.get(target, property, receiver);
    },
  });
  return { ...handle, db: proxy };
}

beforeAll(async () => {
  db = await createTestDatabase();
  h = await startHarness({ database: counted(db.handle) });
});
afterAll(async () => {
  await h?.close();
  await db?.close();
});
beforeEach(async () => {
  await h.app.idle();
  h.logs.length = 0;
  h.fake.reset();
  h.fake.addUser({ id: 'UADA', name: 'ada', tz: 'UTC' });
});

const url = () => `http://127.0.0.1:${h.app.port}/slack/events`;

/** Posts `body` as `contentType`, signed as Slack signs (unless `signed: false`). */
async function post(body: string, contentType: string | null, signed = true) {
  const headers: Record<string, string> = signed
    ? { ...signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) }
    : {};
  if (contentType !== null) headers['content-type'] = contentType;
  const started = performance.now();
  const res = await fetch(url(), { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - started, text };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = 'application/x-www-form-urlencoded';

const warnings = () =>
  h.logs
    .map((line) => JSON.parse(line))
    .filter((l) => l.level === 'warn' || l.level === 'error')
    .map((l) => `${l.level}: ${l.msg}`);

/** Runs `send`, then asserts its status, one warning matching `logged`, and no use of the database. */
async function refused(send: () => Promise<{ status: number; ms: number }>, status: number, logged: RegExp) {
  const before = touches;
  const sent = await send();
  await h.app.idle();
  expect(sent.status).toBe(status);
  // At once: not after Bolt's 3 s wait for an ack that never comes.
  expect(sent.ms).toBeLessThan(1000);
  expect(touches - before, 'database uses').toBe(0);
  expect(warnings()).toHaveLength(1);
  expect(warnings()[0]).toMatch(logged);
}

describe('request bodies Slack never sends', () => {
  it('counts a real /log’s use of the database (the counter can see one)', async () => {
    const before = touches;
    const sent = await h.slack.command({ command: '/log', text: '1h design', userId: 'UADA' });
    expect(sent.status).toBe(200);
    expect((await h.fake.waitForResponse(sent.responseUrl)).text).toContain('Logged 1h to design');
    expect(touches).toBeGreaterThan(before);
  });

  it(`refuses a body declared over ${MAX_BODY_BYTES} bytes with 413, unread`, async () => {
    const body = form({
      payload: JSON.stringify({ type: 'block_actions', pad: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    await refused(() => post(body, FORM), 413, /^warn: request refused: body over the size limit/);
  });

  it('refuses a body that grows over the limit without declaring its length with 413, reading no further', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES + chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    await refused(
      async () => {
        const started = performance.now();
        const res = await fetch(url(), {
          method: 'POST',
          headers: { 'content-type': FORM },
          body: stream,
          duplex: 'half',
        } as RequestInit);
        await res.arrayBuffer();
        return { status: res.status, ms: performance.now() - started };
      },
      413,
      /^warn: request refused: body over the size limit/,
    );
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['multipart/form-data', 'multipart/form-data; boundary=x'],
    ['no content type', null],
  ])('refuses a signed event posted as %s with 415', async (_name, contentType) => {
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0001',
      event_id: 'EvHOSTILE',
      event: { type: 'app_home_opened', user: 'UADA', tab: 'home' },
    });
    await refused(
      () => post(body, contentType),
      415,
      /^warn: request refused: not a content type Slack sends/,
    );
  });

  it('refuses malformed payload= JSON with 400', async () => {
    await refused(
      () => post(form({ payload: '{"type":"block_actions","user":{"id":"UADA"' }), FORM),
      400,
      /^warn: request refused: malformed JSON/,
    );
  });

  it.each([
    ['null', 'null'],
    ['an array', '[{"type":"block_actions"}]'],
    ['a number', '5'],
    ['a string', '"block_actions"'],
  ])('refuses a payload= that is %s with 400', async (_name, payload) => {
    await refused(
      () => post(form({ payload }), FORM),
      400,
      /^warn: request refused: JSON that is not an object/,
    );
  });

  it.each([
    [
      'an unknown payload type',
      FORM,
      form({ payload: JSON.stringify({ type: 'made_up', user: { id: 'UADA' } }) }),
    ],
    ['a payload with no type', FORM, form({ payload: JSON.stringify({ user: { id: 'UADA' } }) })],
    ['form fields that are no command', FORM, form({ hello: 'world' })],
    ['an event callback with no event', 'application/json', JSON.stringify({ type: 'event_callback' })],
  ])('refuses %s with 400 at once', async (_name, contentType, body) => {
    await refused(() => post(body, contentType), 400, /^warn: signed payload of an unknown type refused/);
  });

  it('refuses an unsigned hostile body without reading what it says: 401', async () => {
    await refused(
      () => post(form({ payload: JSON.stringify({ type: 'made_up' }) }), FORM, false),
      401,
      /^warn: Failed to parse and verify the request data/,
    );
  });

  it('takes a command whose content type carries a charset, as Slack may send it', async () => {
    const responseUrl = h.fake.responseUrl();
    const body = form({
      command: '/log',
      text: '2h design',
      user_id: 'UADA',
      user_name: 'ada',
      team_id: 'T0001',
      team_domain: 'punchcard-test',
      channel_id: 'DUADA',
      channel_name: 'directmessage',
      api_app_id: 'A0001',
      token: 'fake-verification-token',
      trigger_id: '123.456.charset',
      response_url: responseUrl,
    });
    const sent = await post(body, `${FORM}; charset=utf-8`);
    expect(sent.status).toBe(200);
    // The answer comes in the ack when it is ready at once, else on the response URL.
    const reply = sent.text ? JSON.parse(sent.text) : await h.fake.waitForResponse(responseUrl);
    expect(reply.text).toContain('Logged 2h to design');
    expect(warnings()).toEqual([]);
  });
});
