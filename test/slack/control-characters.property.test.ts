import type { AnyMiddlewareArgs } from '@slack/bolt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findControlCharacter } from '../../src/domain/text.js';
import { createLogger } from '../../src/logger.js';
import { systemClock } from '../../src/services/ports.js';
import type { ListenerDeps } from '../../src/slack/listeners/context.js';
import { controlCharacterGuard } from '../../src/slack/listeners/control-characters.js';
import { hostileText } from '../support/hostile-text.js';

/*
 * Control characters are stopped before any listener: a command or a form with one is answered
 * (once, saying which) and goes no further; anything else goes on untouched.
 */

const deps = {
  logger: createLogger({ level: 'error', sink: () => undefined }),
  clock: systemClock,
} as unknown as ListenerDeps;

async function guard(body: Record<string, unknown>) {
  const acks: unknown[] = [];
  const replies: Array<{ text?: string }> = [];
  let nexts = 0;
  const args = {
    body,
    ack: async (response?: unknown) => {
      acks.push(response);
    },
    respond: async (message: { text?: string }) => {
      replies.push(message);
    },
    next: async () => {
      nexts += 1;
    },
  } as unknown as AnyMiddlewareArgs;
  await controlCharacterGuard(deps)(args as Parameters<ReturnType<typeof controlCharacterGuard>>[0]);
  return { acks, replies, nexts };
}

describe('the control character guard on hostile text', () => {
  it('a command with a control character is answered once and stops there; any other goes on', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const { acks, replies, nexts } = await guard({ command: '/log', text });
        const code = findControlCharacter(text);
        if (code === null) expect({ acks, replies, nexts }).toEqual({ acks: [], replies: [], nexts: 1 });
        else {
          expect(nexts).toBe(0);
          expect(acks).toEqual([undefined]);
          expect(replies).toHaveLength(1);
          expect(replies[0]?.text).toContain(code);
          expect(replies[0]?.text).toContain('`/log help`');
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('a form is refused with an error under each field holding one, and only those', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), hostileText), async (fields) => {
        const values = Object.fromEntries(
          Object.entries(fields).map(([block, value]) => [
            block,
            { input: { type: 'plain_text_input', value } },
          ]),
        );
        const { acks, nexts } = await guard({ type: 'view_submission', view: { state: { values } } });
        const bad = Object.entries(fields).filter(([, v]) => findControlCharacter(v) !== null);
        if (bad.length === 0) expect({ acks, nexts }).toEqual({ acks: [], nexts: 1 });
        else {
          expect(nexts).toBe(0);
          expect(acks).toHaveLength(1);
          const { errors } = acks[0] as { errors: Record<string, string> };
          expect(Object.keys(errors).sort()).toEqual(bad.map(([b]) => b).sort());
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
