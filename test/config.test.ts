import { describe, expect, it } from 'vitest';
import { describeConfigProblems, loadConfig, loadDatabaseConfig } from '../src/config.js';

const valid = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

/** Each setting with a wrong value, and the words an operator should read about it. */
const WRONG: Array<[Record<string, string>, string]> = [
  [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be debug, info, warn or error (got "loud")'],
  [{ PORT: 'abc' }, 'PORT must be a port number'],
  [{ PORT: '70000' }, 'PORT must be a port number'],
  [{ PORT: '1.5' }, 'PORT must be a port number'],
  [{ SLACK_BOT_TOKEN: 'abc' }, 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-'],
  [{ SLACK_APP_TOKEN: 'abc' }, 'SLACK_APP_TOKEN must be an app-level token starting with xapp-'],
  [{ SLACK_API_URL: 'slack' }, 'SLACK_API_URL must be a URL such as https://slack.com/api/'],
  [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL must be a postgres:// connection string'],
  [{ ADMIN_USER_IDS: 'bob' }, 'ADMIN_USER_IDS must be Slack user IDs like U012ABCDEF'],
  [{ SLACK_CONCURRENCY: '0' }, 'SLACK_CONCURRENCY must be a whole number from 1 to 500'],
  [{ SLACK_CONCURRENCY: 'lots' }, 'SLACK_CONCURRENCY must be a whole number from 1 to 500'],
  [{ SLACK_CONCURRENCY: '2.5' }, 'SLACK_CONCURRENCY must be a whole number from 1 to 500'],
  [{ DEFAULT_TZ: 'Mars/Olympus' }, 'DEFAULT_TZ must be an IANA time zone such as Europe/Berlin'],
];

describe('settings', () => {
  it.each(WRONG)(
    'a wrong %j is reported in Punchcard words, never the validation library’s',
    (env, words) => {
      const loaded = loadConfig({ ...valid, ...env });
      expect(loaded.ok).toBe(false);
      const problems = loaded.ok ? [] : loaded.problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(words);
      // zod's own phrasing ("Invalid option: expected one of …", "Too big: …") must never leak out.
      expect(problems[0]).not.toMatch(/Invalid|expected|Too (big|small)|received/);
    },
  );

  it('the operator commands report a wrong LOG_LEVEL the same way', () => {
    const loaded = loadDatabaseConfig({ LOG_LEVEL: 'loud' });
    expect(loaded.ok ? [] : loaded.problems).toEqual([
      'LOG_LEVEL must be debug, info, warn or error (got "loud")',
    ]);
  });

  it('reads a valid environment with its defaults', () => {
    const loaded = loadConfig(valid);
    expect(loaded.ok && loaded.config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      SLACK_CONCURRENCY: 20,
    });
  });

  it('npm start ends its list of problems by pointing at the sandbox; the CLI does not', () => {
    const start = describeConfigProblems(['SLACK_BOT_TOKEN is missing'], { trySandbox: true }).split('\n');
    expect(start.at(-1)).toBe('To try Punchcard without Slack, run: npm run sandbox -- --demo');
    expect(describeConfigProblems(['SLACK_BOT_TOKEN is missing'])).not.toContain('sandbox');
  });
});
