import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import {
  type DatabaseConfig,
  describeConfigProblems,
  loadDatabaseConfig,
  loadPersonConfig,
  loadWorkerConfig,
} from './config.js';
import { backupEmbeddedStore, restoreEmbeddedStore } from './db/backup.js';
import { type DatabaseHandle, databaseOptions, describeStore, openDatabase } from './db/client.js';
import {
  type MigrationReport,
  migrateDatabase,
  readSchemaState,
  requireCurrentSchema,
} from './db/migrate.js';
import { createRepositories } from './db/repositories/index.js';
import { StoreProblem } from './db/store-problem.js';
import { invoicesCsv, parseInvoiceQuery } from './domain/invoice-csv.js';
import { createLogger } from './logger.js';
import { checkExportRange, createExportService } from './services/export.service.js';
import { createServices } from './services/index.js';
import { createMemberService } from './services/members.service.js';
import { type SlackDirectory, systemClock } from './services/ports.js';
import { createPrivacyService } from './services/privacy.service.js';
import type { AnyOutcome } from './services/tick.js';

const USAGE = `Punchcard operator commands: npm run -s cli -- <command>  (or node dist/cli.js <command>)

  migrate                 create the database if needed and apply the migrations in migrations/
  tick [--at <ISO time>]  run one tick (the minute pass of scheduled sends) as if the clock
                          read that instant (default: now), against the configured database
                          and Slack, print what it did, and exit
  export --from <date> --to <date> [--team T…] [--user U…]
                          write the time entries in that range as CSV to stdout (the same
                          columns as /timesheet export); --team is needed only when the
                          database holds several workspaces
  invoices [--status S] [--from <date>] [--to <date>] [--team T]
                          invoices as CSV for accounting, one row per invoice and currency
                          (number, member, status, dates, reference, total); --from and --to
                          filter on the submission date; S is submitted, approved, rejected,
                          paid or void
  person export <user-id> [--team T] [--out <file>]
                          everything Punchcard holds about one person (profile, roles, entries,
                          check-in answers, time off, milestones, audit) as JSON, to stdout or a file
  person erase <user-id> [--team T] [--yes]
                          erase a person (GDPR art. 17): their name, answers, notes and Slack id go;
                          their time entries stay under a pseudonym ("former member 7"). Asks to
                          confirm on a terminal; --yes for scripts
  backup <file>           embedded store only: write DATA_DIR to <file> (.tar.gz), bot stopped
  restore <file>          embedded store only: recreate DATA_DIR from <file>; DATA_DIR must not hold a database
  help                    this text

Settings come from the environment, as for npm start (DATABASE_URL or DATA_DIR; SLACK_BOT_TOKEN for tick).
Every command but migrate and restore refuses a database that does not exist, and creates nothing.
With Postgres, back up with pg_dump and restore with pg_restore (README → Operations).
`;

const KIND_NAMES: Record<string, string> = {
  checkin_prompt: 'check-in prompt',
  checkin_reminder: 'check-in reminder',
  milestone_overdue: 'overdue milestone alert',
  budget_alert: 'budget alert',
  silent_contractor: 'silent contractor alert',
  weekly_digest: 'weekly digest',
  onboarding_item_due: 'onboarding item reminder',
  onboarding_untouched: 'untouched onboarding flag',
  feedback_reminder: 'feedback reminder',
  invoice_approval: 'invoice approval request',
  invoice_overdue: 'overdue invoice alert',
};

function describeOutcome(o: AnyOutcome): string {
  const what = KIND_NAMES[o.kind] ?? o.kind;
  const detail = o.detail ? ` (${o.detail})` : '';
  if ('userId' in o)
    return `${o.result.padEnd(7)} ${what} to ${o.userId} for <#${o.channelId}> on ${o.localDate}${detail}`;
  if ('memberId' in o) return `${o.result.padEnd(7)} ${what} to ${o.memberId} (${o.subjectId})${detail}`;
  if ('week' in o)
    return `${o.result.padEnd(7)} ${what} in <#${o.channelId}> for the week of ${o.week}${detail}`;
  return `${o.result.padEnd(7)} ${what} in <#${o.channelId}> (${o.subject})${detail}`;
}

/**
 * Opens the configured database for one command, and always closes it. `create` may create the
 * store and migrate it (`migrate`); `write` needs an existing store and brings it up to date
 * (`tick`); `read` needs an existing store at this build's schema and changes nothing (`export`).
 */
async function withDatabase<T>(
  config: Pick<DatabaseConfig, 'DATABASE_URL' | 'DATA_DIR'>,
  access: 'create' | 'write' | 'read',
  fn: (database: DatabaseHandle, report: MigrationReport | null) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({ ...databaseOptions(config), mustExist: access !== 'create' });
  try {
    if (access === 'read') {
      await requireCurrentSchema(database);
      return await fn(database, null);
    }
    if (access === 'write') {
      const state = await readSchemaState(database);
      if (state.version === 0) await requireCurrentSchema(database); // says "holds no Punchcard data"
    }
    return await fn(database, await migrateDatabase(database));
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
      out: { type: 'string' },
      status: { type: 'string' },
      yes: { type: 'boolean' },
    },
  });
  const [command = 'help'] = positionals;
  switch (command) {
    case 'migrate': {
      const loaded = loadDatabaseConfig();
      if (!loaded.ok) return configProblems(loaded.problems);
      return withDatabase(loaded.config, 'create', async (database, report) => {
        const applied = report?.applied ?? 0;
        process.stdout.write(
          `${applied} migration${applied === 1 ? '' : 's'} applied; the ${describeStore(database)} is at schema version ${report?.version} (${report?.tag})\n`,
        );
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
      return withDatabase(config, 'write', async (database) => {
        // Slack's client is loaded only for the commands that talk to Slack: an export or a backup
        // starts lighter without it.
        const [{ createSlackClient, slackClientOptions }, slackAdapters] = await Promise.all([
          import('./slack/client.js'),
          import('./slack/adapters.js'),
        ]);
        const {
          createSlackDirectory,
          createCheckinMessenger,
          createChannelMessenger,
          createOnboardingMessenger,
          createInvoiceMessenger,
        } = slackAdapters;
        const client = createSlackClient(
          config.SLACK_BOT_TOKEN,
          slackClientOptions({ apiUrl: config.SLACK_API_URL }),
        );
        const services = createServices({
          store: createRepositories({ db: database.db }),
          directory: createSlackDirectory(client),
          messenger: createCheckinMessenger(client),
          channels: createChannelMessenger(client),
          onboardingMessenger: createOnboardingMessenger(client),
          invoiceMessenger: createInvoiceMessenger(client, logger),
          clock: { now: () => at },
          defaultTz: config.DEFAULT_TZ,
          logger,
          adminUserIds: config.ADMIN_USER_IDS,
          retentionDays: config.RETENTION_DAYS,
        });
        const outcomes = await services.tick.runTick(at);
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
      return withDatabase(loaded.config, 'read', async (database) => {
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
        for await (const chunk of result.value.chunks) await writeOut(chunk);
        return 0;
      });
    }
    case 'invoices': {
      const loaded = loadDatabaseConfig();
      if (!loaded.ok) return configProblems(loaded.problems);
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      const query = parseInvoiceQuery({
        status: str(values.status),
        from: str(values.from),
        to: str(values.to),
      });
      if (!query.ok) {
        process.stderr.write(`${query.error.message}\nTry: ${query.error.hint.replace(/`/g, '')}\n`);
        return 2;
      }
      return withDatabase(loaded.config, 'read', async (database) => {
        const repos = createRepositories({ db: database.db });
        const docs = await repos.invoices.forAccounting({ teamId: str(values.team) ?? null, ...query.value });
        // Names per workspace, one query each (a member id is unique within its workspace).
        const people = new Map<string, Set<string>>();
        for (const { invoice } of docs)
          people.set(invoice.teamId, (people.get(invoice.teamId) ?? new Set()).add(invoice.userId));
        const names = new Map<string, string>();
        for (const [teamId, ids] of people)
          for (const m of await repos.members.findMany(teamId, [...ids])) names.set(m.userId, m.displayName);
        await writeOut(invoicesCsv(docs, names));
        return 0;
      });
    }
    case 'person':
      return person(positionals.slice(1), values);
    case 'backup':
    case 'restore': {
      const loaded = loadDatabaseConfig();
      if (!loaded.ok) return configProblems(loaded.problems);
      const [, file] = positionals;
      if (loaded.config.DATABASE_URL) {
        process.stderr.write(
          command === 'backup'
            ? 'backup is for the embedded store; with Postgres (DATABASE_URL) use pg_dump:\nTry: pg_dump --format=custom --file punchcard.dump "$DATABASE_URL"\n'
            : 'restore is for the embedded store; with Postgres (DATABASE_URL) use pg_restore:\nTry: pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" punchcard.dump\n',
        );
        return 2;
      }
      if (!file) {
        process.stderr.write(
          `${command} needs a file name.\nTry: npm run cli -- ${command} punchcard-${command === 'backup' ? new Date().toISOString().slice(0, 10) : '2026-11-30'}.tar.gz\n`,
        );
        return 2;
      }
      const dataDir = loaded.config.DATA_DIR;
      if (command === 'backup') {
        const { bytes } = await backupEmbeddedStore(dataDir, file);
        process.stdout.write(`backed up ${resolve(dataDir)} to ${resolve(file)} (${bytes} bytes)\n`);
        return 0;
      }
      await restoreEmbeddedStore(dataDir, file);
      return withDatabase(loaded.config, 'read', async (database) => {
        const state = await readSchemaState(database);
        process.stdout.write(
          `restored ${resolve(file)} into the ${describeStore(database)} (schema version ${state.version}); start the bot to use it\n`,
        );
        return 0;
      }).catch(async (error: unknown) => {
        // A backup from an older version is fine: the bot (or migrate) brings it up to date.
        if (error instanceof StoreProblem && error.code === 'store.schema_behind') {
          process.stdout.write(
            `restored ${resolve(file)} into ${resolve(dataDir)}; it is from an older version and is migrated when the bot starts\n`,
          );
          return 0;
        }
        throw error;
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

const PERSON_USAGE = `person needs export or erase and a Slack member ID.
Try: npm run -s cli -- person export U012ABCDEF   or   npm run -s cli -- person erase U012ABCDEF
`;

/** Who ran an operator command, for the audit: the account's name. */
function operatorName(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return `cli:${process.env.USER ?? 'operator'}`;
  }
}

/** `person export|erase <user-id>`: a person's data out of the database, or erased from it. */
async function person(args: string[], values: Record<string, string | boolean | undefined>): Promise<number> {
  const [verb, userId] = args;
  if ((verb !== 'export' && verb !== 'erase') || !userId || args.length > 2) {
    process.stderr.write(PERSON_USAGE);
    return 2;
  }
  const loaded = loadPersonConfig();
  if (!loaded.ok) return configProblems(loaded.problems);
  const teamId = typeof values.team === 'string' ? values.team : undefined;
  const say = (error: { message: string; hint: string }) => {
    process.stderr.write(`${error.message}\nTry: ${error.hint.replace(/`/g, '')}\n`);
    return 2;
  };
  if (verb === 'erase' && values.yes !== true && !process.stdin.isTTY) {
    process.stderr.write(
      `person erase asks before erasing anyone, and stdin is not a terminal to ask on: nothing was erased.\nTry: npm run -s cli -- person erase ${userId} --yes\n`,
    );
    return 2;
  }
  return withDatabase(loaded.config, verb === 'export' ? 'read' : 'write', async (database) => {
    const repos = createRepositories({ db: database.db });
    const refuse = async (): Promise<never> => {
      throw new Error('cli person reads the database only; it never looks people up in Slack');
    };
    const noSlack: SlackDirectory = { getProfile: refuse, listProfiles: refuse };
    const members = createMemberService({
      repos,
      adminUserIds: loaded.config.ADMIN_USER_IDS,
      directory: noSlack,
    });
    const privacy = createPrivacyService({
      repos,
      members,
      clock: systemClock,
      adminUserIds: loaded.config.ADMIN_USER_IDS,
    });
    if (verb === 'export') {
      const result = await privacy.exportForOperator({ userId, ...(teamId ? { teamId } : {}) });
      if (!result.ok) return say(result.error);
      if (typeof values.out === 'string') {
        writeFileSync(values.out, result.value, { mode: 0o600 });
        process.stdout.write(`wrote ${userId}'s data to ${resolve(values.out)}\n`);
      } else await writeOut(result.value);
      return 0;
    }
    const target = await privacy.eraseTarget({ userId, ...(teamId ? { teamId } : {}) });
    if (!target.ok) return say(target.error);
    const { displayName, entries, answers } = target.value;
    if (values.yes !== true) {
      const prompt = createInterface({ input: process.stdin, output: process.stdout });
      const typed = await prompt.question(
        `Erase ${userId} (${displayName || 'no name'}) in ${target.value.teamId}? Their name, ${answers} check-in answer(s), notes and Slack id go; ${entries} time entr${entries === 1 ? 'y stays' : 'ies stay'} under a pseudonym. This cannot be undone. Type "erase" to go on: `,
      );
      prompt.close();
      if (typed.trim().toLowerCase() !== 'erase') {
        process.stdout.write('Nothing was erased.\n');
        return 1;
      }
    }
    const done = await privacy.erase({ teamId: target.value.teamId, userId, actorId: operatorName() });
    if (!done.ok) return say(done.error);
    process.stdout.write(
      `erased ${userId} in ${target.value.teamId}: their time entries are kept as ${done.value.pseudonymId} ("${done.value.pseudonymName}")\n`,
    );
    return 0;
  });
}

/** Writes to stdout and waits while the reader is behind (backpressure): a page at a time stays in memory. */
function writeOut(chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    process.stdout.once('error', onError);
    const done = () => {
      process.stdout.off('error', onError);
      resolve();
    };
    if (process.stdout.write(chunk)) done();
    else process.stdout.once('drain', done);
  });
}

/**
 * Exits once stdout is flushed. Writes to a pipe are asynchronous: exiting right after a large
 * `export` would cut it off (`cli export | other-program` lost most rows). A write's callback runs
 * after every write queued before it.
 */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    // A missing, busy or mismatched store is an operator's mistake: its message says what to do.
    if (error instanceof StoreProblem) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`punchcard cli failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
