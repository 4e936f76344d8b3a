/**
 * The control plane, for driving the fake from another process: `/_fake/<action>` with a JSON body.
 *
 * GET health, GET state, POST reset, POST users, POST channels, POST fail ({ method, fault, times? }),
 * POST response-url, POST trigger-id, GET rate-limits, POST rate-limits (`true`, `false` or the limits:
 * { perChannel?, workspace?, perMinute? }, see rate-limits.ts).
 */
import type { FakeSlack } from './fake.js';
import type { RateLimitOptions } from './rate-limits.js';
import type { FakeChannelInput, FakeUserInput, Fault } from './types.js';
import { int, isRecord } from './util.js';

type Answer = [number, Record<string, unknown>];

function state(fake: FakeSlack): Record<string, unknown> {
  return {
    ok: true,
    calls: fake.calls,
    unknownCalls: fake.unknownCalls,
    responses: fake.responses,
    rejectedResponses: fake.rejectedResponses,
    violations: fake.violations,
    rateLimited: fake.rateLimited,
    messages: fake.messages,
    ephemerals: fake.ephemerals,
    views: [...fake.views.values()],
    homeViews: Object.fromEntries(fake.homeViews),
    uploadedFiles: fake.uploadedFiles.map((f) => ({ ...f, content: f.content.toString('base64') })),
    users: [...fake.users.values()],
  };
}

function rateLimits(fake: FakeSlack): Record<string, unknown> {
  return {
    ok: true,
    enabled: fake.rateLimits !== null,
    limits: fake.rateLimits,
    count: fake.rateLimitedCount,
  };
}

function setRateLimits(fake: FakeSlack, input: unknown): Answer {
  if (typeof input !== 'boolean' && !isRecord(input)) {
    return [400, { ok: false, error: 'expected true, false or { perChannel?, workspace?, perMinute? }' }];
  }
  try {
    fake.setRateLimits(input as boolean | RateLimitOptions);
  } catch (err) {
    return [400, { ok: false, error: err instanceof Error ? err.message : String(err) }];
  }
  return [200, rateLimits(fake)];
}

export function control(fake: FakeSlack, route: string, input: unknown): Answer {
  const list = Array.isArray(input) ? input : [input];
  switch (route) {
    case 'GET health':
      return [200, { ok: true }];
    case 'GET state':
      return [200, state(fake)];
    case 'POST reset':
      fake.reset();
      return [200, { ok: true }];
    case 'POST users':
      for (const u of list) {
        if (isRecord(u) && typeof u.id === 'string') fake.addUser(u as unknown as FakeUserInput);
      }
      return [200, { ok: true }];
    case 'POST channels':
      for (const c of list) {
        if (isRecord(c) && typeof c.id === 'string') fake.addChannel(c as unknown as FakeChannelInput);
      }
      return [200, { ok: true }];
    case 'POST fail': {
      const b = isRecord(input) ? input : {};
      if (typeof b.method !== 'string' || !isRecord(b.fault)) {
        return [400, { ok: false, error: 'expected { method, fault, times? }' }];
      }
      fake.failNext(b.method, b.fault as Fault, int(b.times, 1));
      return [200, { ok: true }];
    }
    case 'POST response-url':
      return [200, { ok: true, url: fake.responseUrl() }];
    case 'POST trigger-id':
      return [200, { ok: true, trigger_id: fake.triggerId() }];
    case 'GET rate-limits':
      return [200, rateLimits(fake)];
    case 'POST rate-limits':
      return setRateLimits(fake, input);
    default:
      return [404, { ok: false, error: 'unknown_control', route }];
  }
}
