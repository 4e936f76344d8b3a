import type { Logger } from '../logger.js';
import type { Clock } from '../services/ports.js';

/**
 * How long a reply on a response_url keeps being retried while Slack fails: 5 minutes, well inside
 * the 30 minutes a response_url lasts. Past it the reply is given up (and logged): a confirmation
 * arriving later than that would only confuse.
 */
export const REPLY_RETRY_WINDOW_MS = 5 * 60_000;
/** Waits between attempts: 0.5 s, doubling, at most 15 s (and at least 1 s after a 429). */
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

/** The HTTP status a failed post to a response_url got (Bolt's RespondError, our own), if any. */
function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; status?: unknown } | null;
  const status = e?.statusCode ?? e?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Whether Slack may take the reply later: a 429, a 5xx, or no answer at all (a timeout, a dropped
 * connection). Any other 4xx (an expired or used-up response_url) will not get better.
 */
export function retryableReply(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status === 429 || status >= 500;
}

export interface ReplyRetry {
  clock: Clock;
  logger: Logger;
  /** Real waiting between attempts (tests keep the default; only the window is read off `clock`). */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends a reply, and sends it again while Slack fails in a way that may pass, until it is taken or
 * REPLY_RETRY_WINDOW_MS (by the app's clock) has gone by since the first attempt. Throws the last
 * error when it gives up.
 */
export async function sendWithRetries<T>(
  send: () => Promise<T>,
  options: ReplyRetry & { where: string },
): Promise<T> {
  const { clock, logger, where } = options;
  const sleep = options.sleep ?? realSleep;
  const started = clock.now().getTime();
  let delay = FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const status = statusOf(error);
      const wait = status === 429 ? Math.max(delay, 1000) : delay;
      const waited = clock.now().getTime() - started;
      if (!retryableReply(error) || waited + wait > REPLY_RETRY_WINDOW_MS) throw error;
      logger.warn({ where, attempt, status, retryInMs: wait }, 'reply not taken by Slack yet; will retry');
      await sleep(wait);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }
}
