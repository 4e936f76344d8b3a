import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SubcommandWords } from '../../../domain/subcommand.js';
import type { SlackMessage } from '../../blocks/message.js';
import { deliver, type ListenerDeps, type Reply, sendReply, settle, teamIdOf } from '../context.js';

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
 * In a burst (every slot for Slack requests taken), a slash command's answer may keep its ack waiting
 * until this long after the request reached the app: the answer then goes back as the ack's body, one
 * response instead of an ack and a response_url post, so the app keeps up with more requests. Well
 * inside Slack's 3 seconds, counting the wait for a slot. Outside a burst the ack goes at once, with
 * the answer only when it needed no waiting (help, a mistake in the text), and anything else follows
 * on the response_url: acks stay quick while the app is busy with other work (a tick's sends).
 */
export const ACK_BY_MS = 1_000;

/** The context key under which the app's first middleware (src/slack/app.ts) notes when a request came. */
export const RECEIVED_AT = 'punchcardReceivedAt';

/** When the request reached the app (`performance.now()`); now, when nothing noted it. */
function receivedAt(context: Record<string, unknown>): number {
  const at = context[RECEIVED_AT];
  return typeof at === 'number' ? at : performance.now();
}

const TOO_SLOW = Symbol('too slow');

/** Resolves with `promise`'s value, or with TOO_SLOW after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TOO_SLOW> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TOO_SLOW>((resolve) => {
    timer = setTimeout(() => resolve(TOO_SLOW), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The Bolt listener for a slash command: split the text with the command's grammar, route it, and
 * answer (errors included) as an ephemeral reply: in the ack when it is ready in time (see
 * ACK_BY_MS), else on the response_url after an empty ack.
 */
export function commandListener(
  deps: ListenerDeps,
  command: `/${string}`,
  split: (text: string) => SubcommandWords,
  router: Router,
): Middleware<SlackCommandMiddlewareArgs> {
  return async ({ command: payload, ack, respond, client, context }) => {
    const where = `command:${command}`;
    let acked: Promise<void> | null = null;
    const ackOnce = () => {
      acked ??= ack();
      return acked;
    };
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
      // Earlier messages go to the response_url, so the ack goes first and the last message after them.
      sendEarlier: async (reply) => {
        await ackOnce();
        await sendReply(deps, respond, where, { response_type: 'ephemeral', ...reply });
      },
    };
    const settled = settle(deps, where, () => route(router, call));
    const wait = deps.saturated() ? ACK_BY_MS - (performance.now() - receivedAt(context)) : 0;
    const quick = await within(settled, Math.max(0, wait));
    if (quick !== TOO_SLOW && acked === null) {
      // replace_original means nothing in an ack: there is no original yet.
      if (!quick) return ack();
      const { replace_original: _, ...reply } = quick;
      return ack({ response_type: 'ephemeral', ...reply });
    }
    await ackOnce();
    await deliver(deps, respond, where, await settled);
  };
}
