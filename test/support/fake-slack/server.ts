/**
 * A stand-in for Slack's Web API, response_urls and file upload URLs, served over plain node:http.
 *
 * Used by end-to-end tests (in process, through index.ts), and as its own process by a local sandbox or a
 * load/fault benchmark: `tsx test/support/fake-slack/server.ts [--port 4100]`, then drive it through the
 * `/_fake/*` control endpoints (control.ts). It deliberately imports nothing from vitest.
 *
 * Files: types.ts (public types), state.ts (what the fake knows), methods/ (Web API handlers by family),
 * faults.ts (failNext), http.ts + http-body.ts (the HTTP surface), control.ts (`/_fake/*`), fake.ts (the
 * FakeSlack class), block-kit.ts (Slack's payload limits), requests.ts (signed requests to the app).
 */
import { pathToFileURL } from 'node:url';
import { startFakeSlack } from './fake.js';
import { int } from './util.js';

export { FakeSlack, startFakeSlack } from './fake.js';
export type {
  BlockKitViolation,
  FakeChannelInput,
  FakeSlackOptions,
  FakeUserInput,
  FakeView,
  Fault,
  RecordedCall,
  RecordedResponse,
  StoredEphemeral,
  StoredMessage,
  UploadedFile,
} from './types.js';

// Run as a separate process: `tsx test/support/fake-slack/server.ts [--port 4100]`
const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const i = process.argv.indexOf('--port');
  const port = int(i !== -1 ? process.argv[i + 1] : process.env.FAKE_SLACK_PORT, 0);
  const fake = await startFakeSlack({ port, record: process.env.FAKE_SLACK_RECORD !== '0' });
  process.stdout.write(`FAKE_SLACK_URL=${fake.url}\nFAKE_SLACK_API_URL=${fake.apiUrl}\n`);
  const stop = () => {
    fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
