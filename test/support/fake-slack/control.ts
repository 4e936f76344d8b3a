/**
 * The control plane, for driving the fake from another process: `/_fake/<action>` with a JSON body.
 *
 * GET health, GET state, POST reset, POST users, POST channels, POST fail ({ method, fault, times? }),
 * POST response-url, POST trigger-id.
 */
import type { FakeSlack } from './fake.js';
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
    messages: fake.messages,
    ephemerals: fake.ephemerals,
    views: [...fake.views.values()],
    homeViews: Object.fromEntries(fake.homeViews),
    uploadedFiles: fake.uploadedFiles.map((f) => ({ ...f, content: f.content.toString('base64') })),
    users: [...fake.users.values()],
  };
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
    default:
      return [404, { ok: false, error: 'unknown_control', route }];
  }
}
