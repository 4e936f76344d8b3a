import { IANAZone } from 'luxon';
import { z } from 'zod';

/**
 * The only reader of process.env. Every key is documented where it is declared; an empty string
 * counts as missing, so `SLACK_BOT_TOKEN=` in a .env file is reported instead of half-working.
 */
const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

const MANIFEST_HINT =
  'create the app from manifest.json at https://api.slack.com/apps → Create New App → From a manifest';

const RETENTION_ERROR =
  'must be a whole number of days from 35 to 36500, like RETENTION_DAYS=90 (the scheduler looks back 35 days); leave it unset to keep everything';

const schema = z.object({
  /** Bot token (xoxb-…): OAuth & Permissions → Bot User OAuth Token, after installing the app. */
  SLACK_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string({
        error: `is missing: ${MANIFEST_HINT}, install it, then copy OAuth & Permissions → Bot User OAuth Token (xoxb-…)`,
      })
      .startsWith('xoxb-', {
        error: 'must be a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token)',
      }),
  ),
  /** Signing secret: Basic Information → App Credentials → Signing Secret. Required in HTTP mode. */
  SLACK_SIGNING_SECRET: optionalString,
  /** App-level token (xapp-…) with connections:write: turns on Socket Mode (no public URL needed). */
  SLACK_APP_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .startsWith('xapp-', {
        error:
          'must be an app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write)',
      })
      .optional(),
  ),
  /** Web API base URL, e.g. a test double or GovSlack. Must end with a slash. */
  SLACK_API_URL: z.preprocess(
    emptyToUndefined,
    z
      .url({ error: 'must be a URL such as https://slack.com/api/' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .optional(),
  ),
  /** HTTP port for /slack/events and /healthz. */
  PORT: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  ),
  /** Postgres connection string. Without it Punchcard runs on an embedded Postgres in DATA_DIR. */
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// connection string' })
      .optional(),
  ),
  /** Where the embedded database keeps its files when DATABASE_URL is not set. */
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  /** Extra admins by Slack user ID, comma separated (workspace admins and owners are admins already). */
  ADMIN_USER_IDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(z.string().regex(/^[UW][A-Z0-9]+$/, { error: 'must be Slack user IDs like U012ABCDEF' })),
      ),
  ),
  /** Zone for workspace-wide schedules (overdue alerts); members always use their own Slack zone. */
  DEFAULT_TZ: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), {
        error: 'must be an IANA time zone such as Europe/Berlin',
      })
      .default('UTC'),
  ),
  /** Slack requests worked on at once (see src/slack/work-gate.ts). */
  SLACK_CONCURRENCY: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'must be a whole number from 1 to 500' })
      .int({ error: 'must be a whole number from 1 to 500' })
      .min(1, { error: 'must be a whole number from 1 to 500' })
      .max(500, { error: 'must be a whole number from 1 to 500' })
      .default(20),
  ),
  /**
   * Days to keep check-in answers, processed Slack event ids and the record of scheduled sends;
   * unset keeps them. Time entries and the audit are always kept. At least 35: the scheduler looks
   * back up to 35 days (silent-contractor streaks, digests), and a younger cut would read as silence.
   */
  RETENTION_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: RETENTION_ERROR })
      .int({ error: RETENTION_ERROR })
      .min(35, { error: RETENTION_ERROR })
      .max(36_500, { error: RETENTION_ERROR })
      .optional(),
  ),
  /** debug | info | warn | error */
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z
      .enum(['debug', 'info', 'warn', 'error'], {
        error: (issue) => `must be debug, info, warn or error (got "${String(issue.input)}")`,
      })
      .default('info'),
  ),
});

export type Config = z.infer<typeof schema>;

const databaseSchema = schema.pick({ DATABASE_URL: true, DATA_DIR: true, LOG_LEVEL: true });
export type DatabaseConfig = z.infer<typeof databaseSchema>;
const workerSchema = schema.pick({
  DATABASE_URL: true,
  DATA_DIR: true,
  LOG_LEVEL: true,
  SLACK_BOT_TOKEN: true,
  SLACK_API_URL: true,
  ADMIN_USER_IDS: true,
  DEFAULT_TZ: true,
  RETENTION_DAYS: true,
});
export type WorkerConfig = z.infer<typeof workerSchema>;

function loadPart<T>(
  part: z.ZodType<T>,
  env: NodeJS.ProcessEnv,
): { ok: true; config: T } | { ok: false; problems: string[] } {
  const parsed = part.safeParse(env);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => `${String(i.path[0] ?? 'settings')} ${i.message}`),
  };
}

/** Just the database settings, for operator commands (`cli migrate`) that never talk to Slack. */
export const loadDatabaseConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadPart<DatabaseConfig>(databaseSchema, env);

const personSchema = schema.pick({
  DATABASE_URL: true,
  DATA_DIR: true,
  LOG_LEVEL: true,
  ADMIN_USER_IDS: true,
});
export type PersonConfig = z.infer<typeof personSchema>;

/** The database and ADMIN_USER_IDS (for the effective role), for `cli person export|erase`. */
export const loadPersonConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadPart<PersonConfig>(personSchema, env);

/** Database and Web API settings, for `cli tick`: it sends messages but takes no requests. */
export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadPart<WorkerConfig>(workerSchema, env);

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const parsed = schema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'settings')} ${issue.message}`);
  // Checked beside the schema (not in a refinement) so it is reported together with every other problem.
  if (!emptyToUndefined(env.SLACK_APP_TOKEN) && !emptyToUndefined(env.SLACK_SIGNING_SECRET)) {
    problems.push(
      'SLACK_SIGNING_SECRET is missing: copy Basic Information → App Credentials → Signing Secret (or set SLACK_APP_TOKEN to use Socket Mode instead)',
    );
  }
  if (parsed.success && problems.length === 0) return { ok: true, config: parsed.data };
  return { ok: false, problems };
}

/** The last line `npm start` prints under the problems: a way in without any Slack settings. */
export const TRY_SANDBOX_HINT = 'To try Punchcard without Slack, run: npm run sandbox -- --demo';

export function describeConfigProblems(problems: string[], options: { trySandbox?: boolean } = {}): string {
  return [
    'Punchcard cannot start: some settings are missing or wrong.',
    '',
    ...problems.map((p) => `  • ${p}`),
    '',
    'Set them in the environment (or a .env file you load yourself). New to this? Create the Slack app',
    'from manifest.json (api.slack.com/apps → Create New App → From a manifest), install it to your',
    'workspace, then copy the tokens named above. README.md lists every setting.',
    ...(options.trySandbox ? ['', TRY_SANDBOX_HINT] : []),
  ].join('\n');
}
