/**
 * The yardstick for the `/log` path: a minimal Bolt app on the same Postgres that answers a signed
 * `/log` after one INSERT and one day-total query, and nothing else (no parsing, no member lookup,
 * no Home tab). Its ack latency is what the bench holds Punchcard's confirmations to.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import bolt from '@slack/bolt';
import pg from 'pg';

export interface ReferenceApp {
  url: string;
  stop(): Promise<void>;
}

export async function startReferenceApp(options: {
  databaseUrl: string;
  signingSecret: string;
  slackApiUrl: string;
  /** The same pool size as the app's. */
  poolSize?: number;
}): Promise<ReferenceApp> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
  const receiver = new bolt.HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
  });
  const app = new bolt.App({
    token: 'xoxb-reference',
    receiver,
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: options.slackApiUrl },
    logLevel: bolt.LogLevel.ERROR,
  });
  app.command('/log', async ({ command, ack }) => {
    const teamId = command.team_id;
    await pool.query(
      `insert into time_entries (team_id, user_id, work_date, minutes, category, raw_text, source, idempotency_key)
       values ($1, $2, current_date, 30, 'dev', $3, 'slash', $4)`,
      [teamId, command.user_id, command.text, `ref:${command.trigger_id}`],
    );
    const total = await pool.query<{ total: string | null }>(
      `select sum(minutes) total from time_entries
       where team_id = $1 and user_id = $2 and work_date = current_date and deleted_at is null`,
      [teamId, command.user_id],
    );
    await ack({ response_type: 'ephemeral', text: `Logged 30m · today ${total.rows[0]?.total ?? 0}m` });
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    async stop() {
      await app.stop();
      await pool.end();
    },
  };
}
