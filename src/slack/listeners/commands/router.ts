import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SubcommandWords } from '../../../domain/subcommand.js';
import type { SlackMessage } from '../../blocks/message.js';
import { answer, type ListenerDeps, type Reply, teamIdOf } from '../context.js';

/** One slash command as a subcommand handler sees it: who typed what, where. */
export interface CommandCall extends SubcommandWords {
  deps: ListenerDeps;
  client: WebClient;
  teamId: string;
  userId: string;
  channelId: string;
  triggerId: string;
  responseUrl: string;
  /** Sends a reply now, ahead of the handler's own (a long list takes several messages). */
  sendEarlier(reply: Reply): Promise<void>;
}

/** A reply to show, or null when the handler answered otherwise (it opened a modal). */
export type Handler = (call: CommandCall) => Promise<Reply | null>;

export interface Subcommand {
  /** What to type, as the command's help shows it; none for `help` itself and other names for a route. */
  usage?: string;
  run: Handler;
}

/** A command's (or a subcommand's) words, each with its handler; a test holds them to the help. */
export interface Router {
  routes: Readonly<Record<string, Subcommand>>;
  /** Text whose word has no route (or that has no word: free text the command reads itself). */
  otherwise: Handler;
}

/** Runs the route for the call's word (any case), else the router's `otherwise`. */
export function route(router: Router, call: CommandCall): Promise<Reply | null> {
  const word = call.word?.toLowerCase();
  // Own properties only: `/standup constructor` must not find Object.prototype.constructor.
  const subcommand =
    word !== undefined && Object.hasOwn(router.routes, word) ? router.routes[word] : undefined;
  return subcommand ? subcommand.run(call) : router.otherwise(call);
}

/** The call one word further in: `/punchcard project add x` → word `add`, args `['x']`. */
export function shift(call: CommandCall, split: (text: string) => SubcommandWords): CommandCall {
  return { ...call, ...split(call.rest) };
}

/** A router for the words after a subcommand (`/punchcard project …`), as a handler of its own. */
export function nested(router: Router, split: (text: string) => SubcommandWords): Handler {
  return (call) => route(router, shift(call, split));
}

/** Sends all but the last message now, in order, and returns the last as the command's reply. */
export async function replyInOrder(call: CommandCall, messages: SlackMessage[]): Promise<Reply | null> {
  for (const message of messages.slice(0, -1)) await call.sendEarlier(message);
  return messages.at(-1) ?? null;
}

/**
 * The Bolt listener for a slash command: ack at once, split the text with the command's grammar,
 * route it, and answer (errors included) as an ephemeral reply.
 */
export function commandListener(
  deps: ListenerDeps,
  command: `/${string}`,
  split: (text: string) => SubcommandWords,
  router: Router,
): Middleware<SlackCommandMiddlewareArgs> {
  return async ({ command: payload, ack, respond, client, context }) => {
    await ack();
    const call: CommandCall = {
      ...split(payload.text),
      deps,
      client,
      // The workspace as Bolt reads it for every kind of request (see teamIdOf), not payload.team_id.
      teamId: teamIdOf(context),
      userId: payload.user_id,
      channelId: payload.channel_id,
      triggerId: payload.trigger_id,
      responseUrl: payload.response_url,
      sendEarlier: async (reply) => {
        await respond({ response_type: 'ephemeral', ...reply });
      },
    };
    await answer(deps, respond, `command:${command}`, () => route(router, call));
  };
}
