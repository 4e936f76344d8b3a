import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';

let h: Harness;

const { command } = useE2E(
  { env: { LOG_LEVEL: 'debug' }, team: { people: { UADA: 'Europe/London' } } },
  (ctx) => {
    ({ h } = ctx);
  },
);

describe('LOG_LEVEL=debug', () => {
  it('prints debug lines, from Bolt and the Web API client too', async () => {
    h.logs.length = 0;
    await command('/log', '1h design', 'UADA');
    await h.app.idle();
    const debug = h.logs.map((l) => JSON.parse(l)).filter((l) => l.level === 'debug');
    expect(debug.length).toBeGreaterThan(0);
    expect(debug.some((l) => l.component === 'bolt')).toBe(true);
    // The Web API client shares Bolt's logger.
    expect(debug.some((l) => String(l.msg).startsWith("apiCall('users.info')"))).toBe(true);
  });
});
