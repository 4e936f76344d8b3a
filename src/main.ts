import { describeConfigProblems, loadConfig } from './config.js';
import { StoreProblem } from './db/store-problem.js';
import { createLogger } from './logger.js';
import { startPunchcard } from './server.js';
import { exitOnSignals } from './shutdown.js';
import { SlackUnreachable } from './slack/client.js';

const loaded = loadConfig();
if (!loaded.ok) {
  process.stderr.write(`${describeConfigProblems(loaded.problems, { trySandbox: true })}\n`);
  process.exit(1);
}
const { config } = loaded;
const logger = createLogger({ level: config.LOG_LEVEL });

try {
  const running = await startPunchcard({ config, logger });
  exitOnSignals(() => running.stop(), logger);
} catch (error) {
  const err = error as Error & { code?: string; data?: { error?: string } };
  // The usual first-run failures, said plainly in one line; anything else is a bug and is logged whole.
  const reason =
    err instanceof SlackUnreachable
      ? `${err.message}.`
      : err instanceof StoreProblem
        ? err.message
        : err.data?.error === 'invalid_auth' || err.data?.error === 'not_authed'
          ? 'Slack rejected SLACK_BOT_TOKEN (invalid_auth): copy it again from OAuth & Permissions, and reinstall the app if its scopes changed.'
          : err.code === 'EADDRINUSE'
            ? `Port ${config.PORT} is already in use: set PORT to a free one.`
            : err.code === 'ECONNREFUSED'
              ? 'Could not reach the database at DATABASE_URL (connection refused): is Postgres running?'
              : null;
  if (reason === null) logger.error({ err }, 'punchcard failed to start');
  process.stderr.write(`Punchcard failed to start: ${reason ?? err.message}\n`);
  process.exit(1);
}
