import { beforeEach, describe, expect, it } from 'vitest';
import { runCommand, useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

useE2E({ env: { LOG_LEVEL: 'debug' } }, (ctx) => {
  ({ db, h } = ctx);
});
beforeEach(async () => {
  await db.reset();
  h.fake.reset();
  h.fake.addUser({ id: 'UADA', name: 'ada', tz: 'Europe/London' });
});

describe('LOG_LEVEL=debug', () => {
  it('prints debug lines, from Bolt and the Web API client too', async () => {
    h.logs.length = 0;
    await runCommand(h, '/log', '1h design', 'UADA');
    await h.app.idle();
    const debug = h.logs.map((l) => JSON.parse(l)).filter((l) => l.level === 'debug');
    expect(debug.length).toBeGreaterThan(0);
    expect(debug.some((l) => l.component === 'bolt')).toBe(true);
    // The Web API client shares Bolt's logger.
    expect(debug.some((l) => String(l.msg).startsWith("apiCall('users.info')"))).toBe(true);
  });
});
