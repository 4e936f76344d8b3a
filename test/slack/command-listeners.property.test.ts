import type { AllMiddlewareArgs, Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { systemClock } from '../../src/services/ports.js';
import { feedbackCommand } from '../../src/slack/listeners/commands/feedback/index.js';
import { kudosCommand } from '../../src/slack/listeners/commands/kudos/index.js';
import { logCommand } from '../../src/slack/listeners/commands/log/index.js';
import { milestoneCommand } from '../../src/slack/listeners/commands/milestone/index.js';
import { punchcardCommand } from '../../src/slack/listeners/commands/punchcard/index.js';
import { standupCommand } from '../../src/slack/listeners/commands/standup/index.js';
import { timesheetCommand } from '../../src/slack/listeners/commands/timesheet/index.js';
import type { ListenerDeps } from '../../src/slack/listeners/context.js';
import { backticksBalanced, hasLoneSurrogate, hostileText, longText } from '../support/hostile-text.js';

/*
 * The real Bolt listeners of every slash command, called with generated text, fake ack/respond and
 * no services: each call answers exactly once, with text, and never leaves a rejection behind. A
 * route that needs a service or the Slack client finds one that throws (it answers "Something went
 * wrong", logged); every other route (help, unknown words, missing arguments) must answer without
 * logging an error.
 */

const RUNS = { numRuns: 2_000 };

type Listener = (deps: ListenerDeps) => Middleware<SlackCommandMiddlewareArgs>;
const COMMANDS: Array<[`/${string}`, Listener]> = [
  ['/log', logCommand],
  ['/timesheet', timesheetCommand],
  ['/standup', standupCommand],
  ['/milestone', milestoneCommand],
  ['/punchcard', punchcardCommand],
  ['/kudos', kudosCommand],
  ['/feedback', feedbackCommand],
];

/** Anything asked of it is recorded, and throws. */
function untouchable(touched: string[], name: string): unknown {
  return new Proxy(
    {},
    {
      get(_, key) {
        touched.push(`${name}.${String(key)}`);
        throw new Error(`${name} was used: ${String(key)}`);
      },
    },
  );
}

async function call(listener: Listener, command: string, text: string) {
  const touched: string[] = [];
  const errors: string[] = [];
  const replies: Array<{ text?: unknown }> = [];
  let acks = 0;
  const deps = {
    services: untouchable(touched, 'services'),
    logger: createLogger({
      level: 'debug',
      sink: (line) => {
        if (/"level":"(error|warn)"/.test(line)) errors.push(line);
      },
    }),
    home: { changed: () => touched.push('home') },
    responseUrlHosts: [],
    saturated: () => false,
    clock: systemClock,
  } as unknown as ListenerDeps;
  const args = {
    command: {
      command,
      text,
      team_id: 'T0001',
      user_id: 'UALICE',
      channel_id: 'CTEAM',
      trigger_id: '1.2.3',
      response_url: 'https://hooks.slack.com/commands/T0001/1/x',
    },
    context: { teamId: 'T0001' },
    client: untouchable(touched, 'client'),
    ack: async (response?: { text?: unknown }) => {
      acks += 1;
      if (response) replies.push(response);
    },
    respond: async (message: { text?: unknown }) => {
      replies.push(message);
    },
  } as unknown as SlackCommandMiddlewareArgs & AllMiddlewareArgs;
  await listener(deps)(args);
  return { replies, acks, touched, errors };
}

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onRejection);
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
});

const text = fc.oneof({ weight: 6, arbitrary: hostileText }, { weight: 1, arbitrary: longText });

function expectOneReply(outcome: Awaited<ReturnType<typeof call>>, input: string): { text: string } {
  expect(outcome.acks).toBe(1);
  expect(outcome.replies).toHaveLength(1);
  const reply = outcome.replies[0] as { text?: unknown };
  expect(typeof reply.text).toBe('string');
  const replyText = reply.text as string;
  expect(replyText.trim()).not.toBe('');
  if (!hasLoneSurrogate(input)) expect(hasLoneSurrogate(replyText), replyText).toBe(false);
  // Nothing went wrong unless a service (or Slack) was asked for, which here throws on purpose.
  if (outcome.touched.length === 0) expect(outcome.errors).toEqual([]);
  return { text: replyText };
}

describe('slash command listeners on hostile text', () => {
  it.each(COMMANDS)('%s answers exactly once, with text, whatever is typed', async (command, listener) => {
    await fc.assert(
      fc.asyncProperty(text, async (input) => {
        expectOneReply(await call(listener, command, input), input);
      }),
      RUNS,
    );
    expect(rejections).toEqual([]);
  });

  it.each(COMMANDS.filter(([c]) => ['/standup', '/milestone', '/punchcard'].includes(c)))(
    '%s: a word it does not know is echoed back safely, with no service asked',
    async (command, listener) => {
      const known =
        /^(|help|\?|join|leave|skip|off|list|create|edit|delete|add|update|done|role|whoami|project|projects|rate|digest)$/i;
      const unknownWord = hostileText.filter((t) => !known.test(t.trim().split(/\s+/)[0] ?? ''));
      await fc.assert(
        fc.asyncProperty(unknownWord, async (input) => {
          const outcome = await call(listener, command, input);
          expect(outcome.touched).toEqual([]);
          const { text: reply } = expectOneReply(outcome, input);
          expect(reply).toMatch(new RegExp(`^I don't know \`${command} `));
          expect(backticksBalanced(reply)).toBe(true);
          expect(reply).toContain(`\nTry: \``);
        }),
        RUNS,
      );
      expect(rejections).toEqual([]);
    },
  );

  // Found by the properties above: the unknown word was cut at 30 UTF-16 units, through an emoji
  // (shrunk: a word of `!` and U+10000 like `¡!𐀀𐀀𐀀𐀀𐀀!𐀀!𐀀!!𐀀!!!𐀀𐀀𐀀`), leaving half of it before the closing backtick.
  it.each([
    ['/standup', standupCommand],
    ['/milestone', milestoneCommand],
  ] as const)('%s echoes a long unknown word without cutting an emoji in half', async (command, listener) => {
    const word = `¡!${'𐀀'.repeat(5)}!𐀀!𐀀!!𐀀!!!𐀀𐀀𐀀`;
    const outcome = await call(listener, command, word);
    expect(expectOneReply(outcome, word).text.split('\n')[0]).toBe(
      `I don't know \`${command} ¡!${'𐀀'.repeat(5)}!𐀀!𐀀!!𐀀!!!𐀀𐀀\`.`,
    );
  });

  it('help, missing channels and missing people are answered by the router alone', async () => {
    const cases = fc.oneof(
      fc.tuple(
        fc.constantFrom(...COMMANDS.filter(([c]) => c !== '/log')),
        fc.constantFrom('help', 'HELP', ' help '),
      ),
      fc.tuple(fc.constant(COMMANDS[0] as [`/${string}`, Listener]), fc.constantFrom('help', '?', ' ? ')),
      fc.tuple(
        fc.constant(COMMANDS[2] as [`/${string}`, Listener]),
        fc
          .tuple(fc.constantFrom('join', 'leave', 'edit', 'delete', 'JOIN'), hostileText)
          .filter(([, t]) => !/^<#[CG][A-Z0-9]+(\|[^>]*)?>$/.test(t.trim().split(/\s+/)[0] ?? ''))
          .map(([w, t]) => `${w} ${t}`),
      ),
      fc.tuple(
        fc.constant(COMMANDS[4] as [`/${string}`, Listener]),
        fc
          .tuple(fc.constantFrom('rate', 'role', 'digest'), hostileText)
          .filter(
            ([, t]) => !/^(<[@#][A-Z0-9]+(\|[^>]*)?>|preview|list)$/i.test(t.trim().split(/\s+/)[0] ?? ''),
          )
          .map(([w, t]) => `${w} ${t}`),
      ),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ([[command, listener], input]) => {
        const outcome = await call(listener, command, input);
        expect(outcome.touched).toEqual([]);
        const { text: reply } = expectOneReply(outcome, input);
        expect(backticksBalanced(reply)).toBe(true);
      }),
      RUNS,
    );
    expect(rejections).toEqual([]);
  });
});
