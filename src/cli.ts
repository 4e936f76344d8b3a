import { parseArgs } from 'node:util';
import {
  type DatabaseConfig,
  describeConfigProblems,
  loadDatabaseConfig,
  loadWorkerConfig,
} from './config.js';
import { type DatabaseHandle, openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { createRepositories } from './db/repositories/index.js';
import { createLogger } from './logger.js';
import { databaseOptions } from './server.js';
import { checkExportRange, createExportService } from './services/export.service.js';
import { createServices } from './services/index.js';
import { createMemberService } from './services/members.service.js';
import { type SlackDirectory, systemClock } from './services/ports.js';
import type { AnyOutcome } from './services/tick.js';
import { createChannelMessenger } from './slack/channel-messenger.js';
import { createCheckinMessenger } from './slack/checkin-messenger.js';
import { createSlackClient, slackClientOptions } from './slack/client.js';
import { createSlackDirectory } from './slack/directory.js';

const USAGE = `Punchcard operator commands: npm run -s cli -- <command>  (-s keeps npm's banner out of the output)

  migrate                 apply the migrations in migrations/ to the configured database
  tick [--at <ISO time>]  run one scheduler pass as if the clock read that instant (default: now),
                          against the configured database and Slack, print what it did, and exit
  export --from <date> --to <date> [--team T…] [--user U…]
                          write the time entries in that range as CSV to stdout (the same
                          columns as /timesheet export); --team is needed only when the
                          database holds several workspaces
  help                    this text

Settings come from the environment, as for npm start (DATABASE_URL or DATA_DIR; SLACK_BOT_TOKEN for tick).
`;

const KIND_NAMES: Record<string, string> = {
  standup_prompt: 'check-in prompt',
  standup_reminder: 'check-in reminder',
  milestone_overdue: 'overdue milestone alert',
  budget_alert: 'budget alert',
  silent_contractor: 'silent contractor alert',
  weekly_digest: 'weekly digest',
};

function describeOutcome(o: AnyOutcome): string {
  const what = KIND_NAMES[o.kind] ?? o.kind;
  const detail = o.detail ? ` (${o.detail})` : '';
  if ('userId' in o)
    return `${o.result.padEnd(7)} ${what} to ${o.userId} for <#${o.channelId}> on ${o.localDate}${detail}`;
  if ('week' in o)
    return `${o.result.padEnd(7)} ${what} in <#${o.channelId}> for the week of ${o.week}${detail}`;
  return `${o.result.padEnd(7)} ${what} in <#${o.channelId}> (${o.subject})${detail}`;
}

/** Opens and migrates the configured database for one command, and always closes it. */
async function withDatabase<T>(
  config: Pick<DatabaseConfig, 'DATABASE_URL' | 'DATA_DIR'>,
  fn: (database: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(databaseOptions(config));
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

function configProblems(problems: string[]): number {
  process.stderr.write(`${describeConfigProblems(problems)}\n`);
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      at: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      team: { type: 'string' },
      user: { type: 'string' },
    },
  });
  const [command = 'help'] = positionals;
  switch (command) {
    case 'migrate': {
      const loaded = loadDatabaseConfig();
      if (!loaded.ok) return configProblems(loaded.problems);
      return withDatabase(loaded.config, async (database) => {
        process.stdout.write(`migrations applied (${database.kind})\n`);
        return 0;
      });
    }
    case 'tick': {
      const at = typeof values.at === 'string' ? new Date(values.at) : new Date();
      if (Number.isNaN(at.getTime())) {
        process.stderr.write(
          `--at needs an ISO instant such as 2026-03-09T13:00:00Z (got "${values.at}").\n`,
        );
        return 2;
      }
      const loaded = loadWorkerConfig();
      if (!loaded.ok) return configProblems(loaded.problems);
      const { config } = loaded;
      const logger = createLogger({
        level: config.LOG_LEVEL,
        sink: (line) => process.stderr.write(`${line}\n`),
      });
      return withDatabase(config, async (database) => {
        const client = createSlackClient(
          config.SLACK_BOT_TOKEN,
          slackClientOptions({ apiUrl: config.SLACK_API_URL }),
        );
        const services = createServices({
          repos: createRepositories({ db: database.db }),
          directory: createSlackDirectory(client),
          messenger: createCheckinMessenger(client),
          channels: createChannelMessenger(client),
          clock: { now: () => at },
          defaultTz: config.DEFAULT_TZ,
          logger,
          adminUserIds: config.ADMIN_USER_IDS,
        });
        const outcomes = await services.scheduler.runTick(at);
        const summary = outcomes.length === 0 ? 'nothing due' : `${outcomes.length} item(s)`;
        process.stdout.write(`tick at ${at.toISOString()}: ${summary}\n`);
        for (const o of outcomes) process.stdout.write(`${describeOutcome(o)}\n`);
        return 0;
      });
    }
    case 'export': {
      const loaded = loadDatabaseConfig();
      if (!loaded.ok) return configProblems(loaded.problems);
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      const range = checkExportRange(str(values.from) ?? '', str(values.to) ?? '');
      if (!range.ok) {
        process.stderr.write(`${range.error.message}\nTry: ${range.error.hint.replace(/`/g, '')}\n`);
        return 2;
      }
      return withDatabase(loaded.config, async (database) => {
        const repos = createRepositories({ db: database.db });
        const refuse = async (): Promise<never> => {
          throw new Error('cli export reads the database only; it never looks people up in Slack');
        };
        const noSlack: SlackDirectory = { getProfile: refuse, listProfiles: refuse };
        const members = createMemberService({ repos, adminUserIds: [], directory: noSlack });
        const result = await createExportService({ repos, members, clock: systemClock }).forCli({
          ...range.value,
          ...(str(values.team) ? { teamId: str(values.team) } : {}),
          ...(str(values.user) ? { userId: str(values.user) } : {}),
        });
        if (!result.ok) {
          process.stderr.write(`${result.error.message}\nTry: ${result.error.hint.replace(/`/g, '')}\n`);
          return 2;
        }
        process.stdout.write(result.value.csv);
        return 0;
      });
    }
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`punchcard cli failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
