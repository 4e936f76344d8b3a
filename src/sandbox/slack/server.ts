/**
 * A stand-in for Slack's Web API, response_urls and file upload URLs, served over plain node:http.
 *
 * Used by end-to-end tests (in process, through index.ts), and as its own process by a local sandbox or a
 * load/fault benchmark: `tsx src/sandbox/slack/server.ts [--port 4100] [--rate-limits [json]]`, then
 * drive it through the `/_fake/*` control endpoints (control.ts). `--rate-limits` turns on Slack's rate
 * limits (rate-limits.ts), with the defaults or with the JSON limits that follow it. It deliberately imports
 * nothing from vitest.
 *
 * Files: types.ts (public types), state.ts (what the fake knows), methods/ (Web API handlers by family),
 * faults.ts (failNext), rate-limits.ts, http.ts + http-body.ts (the HTTP surface), control.ts (`/_fake/*`),
 * fake.ts (the FakeSlack class), block-kit.ts (Slack's payload limits), requests.ts (signed requests to the app).
 */
import { pathToFileURL } from 'node:url';
import { startFakeSlack } from './fake.js';
import type { RateLimitOptions } from './rate-limits.js';
import { int } from './util.js';

export { FakeSlack, startFakeSlack } from './fake.js';
export {
  DEFAULT_RATE_LIMITS,
  type Rate,
  type RateLimitOptions,
  type RateLimitScope,
  SLACK_TIERS,
} from './rate-limits.js';
export type {
  BlockKitViolation,
  FakeChannelInput,
  FakeSlackOptions,
  FakeUserInput,
  FakeView,
  Fault,
  RateLimitedCall,
  RecordedCall,
  RecordedResponse,
  StoredEphemeral,
  StoredMessage,
  UploadedFile,
} from './types.js';

/** `--rate-limits` alone: the defaults; followed by a JSON object: those limits. */
function rateLimitsArg(argv: string[]): boolean | RateLimitOptions {
  const i = argv.indexOf('--rate-limits');
  if (i === -1) return false;
  const next = argv[i + 1];
  return next?.trimStart().startsWith('{') ? (JSON.parse(next) as RateLimitOptions) : true;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const i = process.argv.indexOf('--port');
  const port = int(i !== -1 ? process.argv[i + 1] : process.env.FAKE_SLACK_PORT, 0);
  const fake = await startFakeSlack({
    port,
    record: process.env.FAKE_SLACK_RECORD !== '0',
    rateLimits: rateLimitsArg(process.argv),
  });
  process.stdout.write(`FAKE_SLACK_URL=${fake.url}\nFAKE_SLACK_API_URL=${fake.apiUrl}\n`);
  const stop = () => {
    fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
