import { isDatabaseUnavailable } from '../../db/unavailable.js';
import type { DomainError } from '../../domain/result.js';
import type { Logger } from '../../logger.js';
import type { Services } from '../../services/index.js';
import { SlackUnavailableError } from '../../services/members.service.js';
import type { Clock } from '../../services/ports.js';
import {
  DATABASE_UNAVAILABLE,
  errorMessage,
  SLACK_UNAVAILABLE,
  SOMETHING_WENT_WRONG,
} from '../blocks/errors.blocks.js';
import type { SlackMessage } from '../blocks/message.js';
import type { HomeRefresher } from '../home.js';
import { sendWithRetries } from '../reply-retry.js';

export interface ListenerDeps {
  services: Services;
  logger: Logger;
  /** Redraws Home tabs after changes, at most once per person per few seconds. */
  home: HomeRefresher;
  /** Hosts a response URL carried in private_metadata may point at (see payloads.ts). */
  responseUrlHosts: readonly string[];
  /** True while every slot for Slack requests is taken (see work-gate.ts): a burst. */
  saturated(): boolean;
  /** The app's clock: how long a reply has been retried (reply-retry.ts). */
  clock: Clock;
}

/**
 * Call after a change the person made was committed (never after a refusal, help or a repeat):
 * their Home tab is redrawn, coalesced with other changes; it never fails the change itself.
 */
export function afterChange(deps: ListenerDeps, teamId: string, userId: string): void {
  deps.home.changed(teamId, userId);
}

export type Reply = SlackMessage & { replace_original?: boolean; response_type?: 'ephemeral' };
type Send = (message: Reply) => Promise<unknown>;

/**
 * Runs a listener's work and turns an unexpected failure into a friendly reply (logged with its
 * cause) instead of silence. Null when the work answered otherwise (it opened a modal).
 */
export async function settle(
  deps: ListenerDeps,
  where: string,
  work: () => Promise<Reply | null>,
): Promise<Reply | null> {
  try {
    return await work();
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      deps.logger.warn({ where, err: error }, 'database unavailable');
      return { ...DATABASE_UNAVAILABLE, replace_original: false };
    }
    if (error instanceof SlackUnavailableError) {
      deps.logger.warn({ where, err: error }, 'slack unavailable');
      return { ...SLACK_UNAVAILABLE, replace_original: false };
    }
    deps.logger.error({ where, err: error }, 'listener failed');
    return { ...SOMETHING_WENT_WRONG, replace_original: false };
  }
}

/**
 * Sends a reply on the response_url, again and again while Slack fails (a 5xx, a 429, no answer)
 * until it is taken or the retry window is over (reply-retry.ts); throws when it gives up.
 */
export function sendReply(deps: ListenerDeps, send: Send, where: string, reply: Reply): Promise<unknown> {
  return sendWithRetries(() => send(reply), { clock: deps.clock, logger: deps.logger, where });
}

/**
 * Shows a settled reply as an ephemeral message, retried while Slack is failing; a reply given up
 * on is logged.
 */
export async function deliver(
  deps: ListenerDeps,
  send: Send,
  where: string,
  reply: Reply | null,
): Promise<void> {
  if (!reply) return;
  try {
    await sendReply(deps, send, where, { response_type: 'ephemeral', ...reply });
  } catch (error) {
    deps.logger.error({ where, err: error }, 'could not deliver reply');
  }
}

/** The tail every listener shares, after its ack: run the work and show its answer (see settle). */
export async function answer(
  deps: ListenerDeps,
  send: Send,
  where: string,
  work: () => Promise<Reply | null>,
): Promise<void> {
  await deliver(deps, send, where, await settle(deps, where, work));
}

/**
 * A value that came back from Slack (a button's value, a menu option) did not fit its schema: it is
 * refused, never trusted, with a warning in the log (a forged payload or a button from an older
 * version), and the person is told the button is out of date.
 */
export function refuseUntrusted(
  deps: Pick<ListenerDeps, 'logger'>,
  where: string,
  error: Pick<DomainError, 'message' | 'hint'>,
): Reply {
  deps.logger.warn({ where }, 'a value from Slack did not fit its schema: refused');
  return problem(error);
}

/** An expected mistake, shown as a new ephemeral message (never replacing what the person had). */
export function problem(error: Pick<DomainError, 'message' | 'hint'>): Reply {
  return { ...errorMessage(error), replace_original: false };
}

/**
 * The workspace a request comes from, the one id every query is scoped by. Read from Bolt's context,
 * never from a payload field: Bolt finds it for every kind of request (a command's `team_id`, a
 * modal's `view.app_installed_team_id` when opened from a Slack Connect channel, an action's
 * `team.id` or, in an org-wide install where `team` is null, `user.team_id`; an event's
 * `authorizations[0].team_id`), and falls back to the Enterprise Grid org's id only when none exists.
 */
export function teamIdOf(context: { teamId?: string; enterpriseId?: string }): string {
  const teamId = context.teamId ?? context.enterpriseId;
  if (!teamId) throw new Error('request carries no team id');
  return teamId;
}
