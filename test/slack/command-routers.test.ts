import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { Services } from '../../src/services/index.js';
import { systemClock } from '../../src/services/ports.js';
import {
  CHECKIN_HELP,
  FEEDBACK_HELP,
  INVOICE_HELP,
  KUDOS_HELP,
  LOG_HELP,
  MILESTONE_HELP,
  PUNCHCARD_HELP,
  TIMESHEET_HELP,
} from '../../src/slack/blocks/help.blocks.js';
import { escapeMrkdwn } from '../../src/slack/blocks/text.js';
import { FEEDBACK } from '../../src/slack/listeners/commands/feedback/index.js';
import { INVOICE } from '../../src/slack/listeners/commands/invoice/index.js';
import { KUDOS } from '../../src/slack/listeners/commands/kudos/index.js';
import { LOG } from '../../src/slack/listeners/commands/log/index.js';
import { MILESTONE, milestoneCommand } from '../../src/slack/listeners/commands/milestone/index.js';
import { DIGEST } from '../../src/slack/listeners/commands/punchcard/digest.js';
import { PUNCHCARD, punchcardCommand } from '../../src/slack/listeners/commands/punchcard/index.js';
import { PROJECT } from '../../src/slack/listeners/commands/punchcard/project.js';
import {
  ACK_BY_MS,
  commandListener,
  RECEIVED_AT,
  type Router,
} from '../../src/slack/listeners/commands/router.js';
import { STANDUP, standupCommand } from '../../src/slack/listeners/commands/standup/index.js';
import { TIME_OFF } from '../../src/slack/listeners/commands/standup/off.js';
import { TIMESHEET } from '../../src/slack/listeners/commands/timesheet/index.js';
import type { ListenerDeps } from '../../src/slack/listeners/context.js';

/** The code spans of a help text. */
const spans = (help: string) => [...help.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

/**
 * The subcommand words a help text names after `prefix` (`/standup` → `join`, `off`, …); the
 * command alone is the word ''. Placeholders and examples (`#channel`, `2026-12-24`) are not words.
 */
function wordsNamed(help: string, prefixes: string[]): Set<string> {
  const words = new Set<string>();
  for (const span of spans(help)) {
    for (const prefix of prefixes) {
      if (span === prefix) words.add('');
      const word = span.startsWith(`${prefix} `) ? span.slice(prefix.length + 1).split(' ')[0] : undefined;
      if (word && /^[a-z]+(-[a-z]+)*$/.test(word)) words.add(word);
    }
  }
  return words;
}

const advertised = (router: Router) =>
  new Set(Object.keys(router.routes).filter((word) => router.routes[word]?.usage !== undefined));

const routers: Array<{ name: string; router: Router; help: string; prefixes: string[] | null }> = [
  { name: '/standup', router: STANDUP, help: CHECKIN_HELP, prefixes: ['/standup'] },
  { name: '/standup off', router: TIME_OFF, help: CHECKIN_HELP, prefixes: ['/standup off'] },
  { name: '/punchcard', router: PUNCHCARD, help: PUNCHCARD_HELP, prefixes: ['/punchcard'] },
  {
    name: '/punchcard project',
    router: PROJECT,
    help: PUNCHCARD_HELP,
    prefixes: ['/punchcard project', 'project'],
  },
  { name: '/punchcard digest', router: DIGEST, help: PUNCHCARD_HELP, prefixes: ['/punchcard digest'] },
  { name: '/milestone', router: MILESTONE, help: MILESTONE_HELP, prefixes: ['/milestone'] },
  // `/kudos` and `/feedback` read free text after their names (`/kudos @ada for …`), like `/log`.
  { name: '/kudos', router: KUDOS, help: KUDOS_HELP, prefixes: null },
  { name: '/feedback', router: FEEDBACK, help: FEEDBACK_HELP, prefixes: null },
  { name: '/invoice', router: INVOICE, help: INVOICE_HELP, prefixes: ['/invoice'] },
  { name: '/timesheet', router: TIMESHEET, help: TIMESHEET_HELP, prefixes: ['/timesheet'] },
  // `/log`'s help is examples of free text (`/log mon 45m …`), not subcommand words.
  { name: '/log', router: LOG, help: LOG_HELP, prefixes: null },
];

describe('slash command routers and their help', () => {
  it.each(routers.filter((r) => r.prefixes))(
    '$name: every subcommand the help names has a route, and every route with a usage is in the help',
    ({ router, help, prefixes }) => {
      expect(advertised(router)).toEqual(wordsNamed(help, prefixes ?? []));
    },
  );

  it.each(routers)('$name: each route shows its usage in the help exactly as written', ({ router, help }) => {
    for (const { usage } of Object.values(router.routes))
      if (usage) expect(spans(help)).toContain(usage.slice(1, -1));
  });

  it.each(routers)(
    '$name: a route the help does not show is `help` or another name for one it shows',
    ({ router }) => {
      const shown = Object.values(router.routes).filter((r) => r.usage);
      for (const [word, { usage, run }] of Object.entries(router.routes)) {
        if (usage || word === 'help') continue;
        expect([router.routes.help?.run, ...shown.map((r) => r.run)], `route '${word}'`).toContain(run);
      }
    },
  );
});

/** A slash command as Bolt hands it to a listener, with ack and respond that record what they get. */
function slashCommand(command: string, text: string) {
  const acks: unknown[] = [];
  const replies: Array<{ text?: string; response_type?: string }> = [];
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
    // An answer in the ack is shown as a response_url post is: both are the command's replies.
    ack: async (response?: { text?: string; response_type?: string }) => {
      acks.push(response);
      if (response) replies.push(response);
    },
    respond: async (message: { text?: string; response_type?: string }) => {
      replies.push(message);
    },
  };
  return { args: args as unknown as SlackCommandMiddlewareArgs & AllMiddlewareArgs, acks, replies };
}

/** No services at all: these answers come from the router alone (a service call would fail the test). */
function deps(saturated = false) {
  const logs: string[] = [];
  const listenerDeps = {
    services: {} as Services,
    logger: createLogger({ level: 'debug', sink: (line) => logs.push(line) }),
    home: { changed: () => undefined },
    responseUrlHosts: [],
    saturated: () => saturated,
    clock: systemClock,
  } as unknown as ListenerDeps;
  return { listenerDeps, logs };
}

describe('slash command listeners, called directly', () => {
  it('answers a /standup word it does not know in the ack, with the friendly error and where to look', async () => {
    const { listenerDeps, logs } = deps();
    const { args, acks, replies } = slashCommand('/standup', 'frobnicate now');
    await standupCommand(listenerDeps)(args);
    expect(acks).toEqual([replies[0]]);
    expect(replies).toHaveLength(1);
    // replace_original means nothing in an ack (there is no original yet): left out.
    expect(replies[0]).toEqual({
      response_type: 'ephemeral',
      text: expect.any(String),
      blocks: expect.any(Array),
    });
    expect(replies[0]?.text).toBe(
      "I don't know `/standup frobnicate`.\nTry: `/standup help`, or `/standup create #team 09:30 mon-fri @alice @bob`",
    );
    expect(logs).toEqual([]);
  });

  // Words are matched lower-cased, so these are the names every object has that a person could type.
  it.each(['constructor', '__proto__'])(
    'treats `%s` as a word like any other, not as something every object has',
    async (word) => {
      const cases = [
        { listener: standupCommand, command: '/standup', text: word, expected: `/standup ${word}` },
        { listener: milestoneCommand, command: '/milestone', text: word, expected: `/milestone ${word}` },
        { listener: punchcardCommand, command: '/punchcard', text: word, expected: `/punchcard ${word}` },
        {
          listener: punchcardCommand,
          command: '/punchcard',
          text: `project ${word}`,
          expected: `/punchcard project ${word}`,
        },
      ];
      for (const { listener, command, text, expected } of cases) {
        const { listenerDeps } = deps();
        const { args, replies } = slashCommand(command, text);
        await listener(listenerDeps)(args);
        expect(replies.map((r) => r.text?.split('\n')[0])).toEqual([`I don't know \`${expected}\`.`]);
      }
    },
  );

  it('answers `help` in any case with the help, escaped as Slack needs it', async () => {
    const { listenerDeps } = deps();
    const { args, replies } = slashCommand('/standup', 'HELP');
    await standupCommand(listenerDeps)(args);
    expect(replies.map((r) => r.text)).toEqual([escapeMrkdwn(CHECKIN_HELP)]);

    const milestone = slashCommand('/milestone', '');
    await milestoneCommand(listenerDeps)(milestone.args);
    expect(milestone.replies.map((r) => r.text)).toEqual([escapeMrkdwn(MILESTONE_HELP)]);
  });

  it('shows a subcommand its own usage when the channel is missing', async () => {
    const { listenerDeps } = deps();
    for (const word of ['edit', 'delete', 'join', 'leave']) {
      const { args, replies } = slashCommand('/standup', `${word} team`);
      await standupCommand(listenerDeps)(args);
      expect(replies.map((r) => r.text)).toEqual([
        `Name the check-in’s channel, like \`#team\`.\nTry: \`/standup ${word} #team\``,
      ]);
    }
  });

  it('answers a nested word it does not know with that level’s hint', async () => {
    const { listenerDeps } = deps();
    const { args, replies } = slashCommand('/punchcard', 'project frobnicate');
    await punchcardCommand(listenerDeps)(args);
    expect(replies.map((r) => r.text)).toEqual([
      "I don't know `/punchcard project frobnicate`.\nTry: `/punchcard project add acme-web #acme Acme website`",
    ]);
  });

  describe('where the answer goes: the ack or the response_url', () => {
    /** Runs a command whose answer takes `ms` (a query, a Slack call), `sendEarlier` first when asked. */
    const run = async (ms: number, saturated: boolean, earlier = false) => {
      const { args, acks, replies } = slashCommand('/slow', '');
      args.context[RECEIVED_AT] = performance.now();
      const { listenerDeps } = deps(saturated);
      await commandListener(listenerDeps, '/slow', () => ({ word: null, args: [], rest: '' }), {
        routes: {},
        otherwise: async (call) => {
          if (earlier) await call.sendEarlier({ text: 'first part', blocks: [] });
          await new Promise((resolve) => setTimeout(resolve, ms));
          return { text: `done after ${ms} ms`, blocks: [] };
        },
      })(args);
      return { acks, replies };
    };

    it('acks at once when slots are free, and the answer follows on the response_url', async () => {
      const { acks, replies } = await run(10, false);
      expect(acks).toEqual([undefined]);
      expect(replies).toEqual([{ response_type: 'ephemeral', text: 'done after 10 ms', blocks: [] }]);
    });

    it('in a burst, puts an answer ready in time in the ack itself', async () => {
      const { acks, replies } = await run(5, true);
      expect(acks).toEqual([{ response_type: 'ephemeral', text: 'done after 5 ms', blocks: [] }]);
      expect(replies).toEqual(acks);
    });

    it('in a burst, waits for a slower answer to put it in the ack', async () => {
      const { acks, replies } = await run(200, true);
      expect(acks).toEqual([{ response_type: 'ephemeral', text: 'done after 200 ms', blocks: [] }]);
      expect(replies).toEqual(acks);
    });

    it('in a burst, acks empty by ACK_BY_MS after the request came and posts the answer after it', async () => {
      // The request waited for a slot until 50 ms before the deadline; the answer takes 150 ms more.
      const order: string[] = [];
      const { args, acks, replies } = slashCommand('/slow', '');
      args.context[RECEIVED_AT] = performance.now() - (ACK_BY_MS - 50);
      const ack = args.ack;
      args.ack = async (response) => {
        order.push('ack');
        return ack(response);
      };
      await commandListener(deps(true).listenerDeps, '/slow', () => ({ word: null, args: [], rest: '' }), {
        routes: {},
        otherwise: async () => {
          await new Promise((resolve) => setTimeout(resolve, 150));
          order.push('answer ready');
          return { text: 'done after 150 ms', blocks: [] };
        },
      })(args);
      expect(order).toEqual(['ack', 'answer ready']);
      expect(acks).toEqual([undefined]);
      expect(replies.map((r) => r.text)).toEqual(['done after 150 ms']);
    });

    it('acks before sending earlier messages, and sends the last after them', async () => {
      const { acks, replies } = await run(5, true, true);
      expect(acks).toEqual([undefined]);
      expect(replies.map((r) => r.text)).toEqual(['first part', 'done after 5 ms']);
    });
  });
});
