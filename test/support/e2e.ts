import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { type Harness, startHarness } from './harness.js';
import { type Person, type Seat, seedTeam } from './team.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read a reply's text and blocks freely
type Json = any;

/** What every e2e file drives the app with, bound to its own app and database. */
export interface E2E {
  /** A slash command as Slack sends it; resolves once the app has answered on its response_url. */
  command(name: string, text: string, userId: string): ReturnType<typeof runCommand>;
  /** The same, for when only the reply matters. */
  reply(name: string, text: string, userId: string): Promise<Json>;
}

/**
 * The end-to-end set-up every e2e file shares: one database for the file and the real app on it,
 * started before the tests and stopped after. `use` receives both once they are up.
 */
export function useE2E(
  options: {
    env?: Record<string, string>;
    /** Slack's rate limits for the fake and the app (see startHarness); off by default. */
    rateLimits?: Parameters<typeof startHarness>[0]['rateLimits'];
    /** The app's Web API client settings (see startHarness). */
    slackClientOptions?: Parameters<typeof startHarness>[0]['slackClientOptions'];
    /** Reach the app over Socket Mode instead of signed HTTP requests. */
    socketMode?: boolean;
    /** Before each test: an empty database and fake Slack, the clock at `at`, these people (see team.ts). */
    team?: { at?: string; people: Partial<Record<Person, Seat>> };
  },
  use: (ctx: { db: TestDatabase; h: Harness }) => void,
): E2E {
  let db: TestDatabase | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    h = await startHarness({
      database: db.handle,
      ...(options.env ? { env: options.env } : {}),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      ...(options.slackClientOptions ? { slackClientOptions: options.slackClientOptions } : {}),
      ...(options.socketMode ? { socketMode: true } : {}),
    });
    use({ db, h });
  });
  // Work a listener does after its reply (a Home tab redraw) must not spill into the next test.
  beforeEach(async () => {
    await h?.app.idle();
    if (options.team && db && h) await seedTeam({ db, h }, options.team);
  });
  // Every payload the app sent must be one real Slack accepts: the fake refuses the others (as Slack
  // would) and keeps them here, so a refusal the app only logs still fails the test that caused it.
  afterEach(async () => {
    if (!h) return;
    await h.app.idle();
    const refused = h.fake.violations
      .splice(0)
      .map((v) => ({ method: v.method, error: v.error, messages: v.messages }));
    expect(refused, 'payloads Slack would refuse').toEqual([]);
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });
  const started = (): Harness => {
    if (!h) throw new Error('the app is not started yet: drive it from a test or a hook');
    return h;
  };
  return {
    command: (name, text, userId) => runCommand(started(), name, text, userId),
    reply: async (name, text, userId) => (await runCommand(started(), name, text, userId)).reply,
  };
}

/** A slash command sent as Slack sends it; resolves once the app has answered on its response_url. */
export async function runCommand(h: Harness, name: string, text: string, userId: string) {
  const sent = await h.slack.command({ command: name, text, userId });
  expect(sent.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: tests read the reply's text and blocks freely
  const reply: any = await h.fake.waitForResponse(sent.responseUrl);
  return { ...sent, reply };
}
