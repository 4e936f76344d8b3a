/**
 * The app as its own process for the fault tests: the compiled app (bench/app-child.mjs, the bench's
 * driver) against a fake Slack in the test process and a Postgres database, ticked at chosen instants
 * over IPC, killed with SIGKILL or stopped with SIGTERM as `docker stop` does, and started again.
 */
import { type AppProcess, startAppProcess } from '../../../bench/app-process.js';
import { paceInside } from '../../../src/sandbox/slack/rate-limits.js';
import type { FakeSlack } from '../../support/fake-slack/index.js';
import { SIGNING_SECRET } from '../../support/harness.js';

export type { AppProcess };

/**
 * Starts the app (resolves once it listens on its own port). It paces its Slack calls inside the
 * fake's rate limits when the fake has them on, as the bench does.
 */
export function startApp(input: { fake: FakeSlack; databaseUrl: string; now: Date }): Promise<AppProcess> {
  const limits = input.fake.rateLimits;
  return startAppProcess({
    databaseUrl: input.databaseUrl,
    slackApiUrl: input.fake.apiUrl,
    signingSecret: SIGNING_SECRET,
    now: input.now.toISOString(),
    pacing: limits ? { ...paceInside(limits), perMinute: {} } : false,
  });
}

/** `kill -9`: no handler runs, nothing is flushed; resolves once the process is gone. */
export async function killHard(app: AppProcess): Promise<void> {
  app.kill('SIGKILL');
  await app.exited;
}

/** SIGTERM, as `docker stop` sends it: resolves with how the process ended and how long it took. */
export async function terminate(
  app: AppProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = performance.now();
  app.kill('SIGTERM');
  const ended = await app.exited;
  return { ...ended, ms: performance.now() - started };
}
