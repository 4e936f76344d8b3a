import type { AnyMiddlewareArgs, App, Middleware, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../logger.js';
import type { EventService } from '../services/events.service.js';

/**
 * Events API deliveries are answered only after they were handled, so that a failed one is sent
 * again by Slack rather than lost (https://api.slack.com/apis/events-api#retries: a non-2xx answer,
 * or none within 3 seconds, is retried up to 3 times, about at once, after 1 minute and after 5):
 *
 * - handled within EVENT_ANSWER_MS: HTTP 200 (Socket Mode: the envelope is acked);
 * - failed within it: HTTP 500 (Socket Mode: the envelope is left unacked, which Slack retries the
 *   same way, with the envelope's `retry_attempt`), and the event's lease is released, so the retry
 *   handles it;
 * - held by another attempt whose lease still runs: HTTP 503 (Socket Mode: unacked), so Slack tries
 *   again later, when that attempt has finished or its lease has run out;
 * - still running at EVENT_ANSWER_MS: answered 200 then, inside Slack's 3 seconds, keeping the lease
 *   until it ends. Letting Slack time out instead would bring its retry while the first attempt still
 *   runs, and Slack turns off the event subscriptions of an app that keeps failing to answer in time.
 *   Slack does not retry such an event: a listener sees that (`slackWillRetry`) and tells the person
 *   when it fails.
 *
 * Slash commands and interactions keep their own early acks: this applies to `event_callback` only.
 */
export const EVENT_ANSWER_MS = 2_500;

/** Slack sends a failed event again this many times (x-slack-retry-num 1..3). */
export const SLACK_EVENT_RETRIES = 3;

export interface EventDelivery {
  /** handling: not finished; handled: committed; failed: threw (lease released); busy: another attempt holds it; duplicate: handled before. */
  state: 'handling' | 'handled' | 'failed' | 'busy' | 'duplicate';
  /** Slack has had its 200 already (handling outlived EVENT_ANSWER_MS): it will not send the event again. */
  acked: boolean;
}

/** The delivery record a listener's context carries (through Bolt's customProperties). */
function deliveryOf(context: Record<string, unknown>): EventDelivery | undefined {
  const delivery = context.eventDelivery;
  return delivery && typeof delivery === 'object' ? (delivery as EventDelivery) : undefined;
}

/**
 * True when Slack will send this event again if the listener fails now: it has not been answered
 * yet and this is not Slack's last retry. When false, a failing listener should tell the person.
 */
export function slackWillRetry(context: { retryNum?: number } & Record<string, unknown>): boolean {
  const delivery = deliveryOf(context);
  return delivery !== undefined && !delivery.acked && (context.retryNum ?? 0) < SLACK_EVENT_RETRIES;
}

/** The answer an event gets when it was not handled: Slack sends it again. */
export class EventNotHandled extends Error {
  readonly code = 'slack.event_not_handled';
  constructor(readonly state: 'failed' | 'busy') {
    super(state === 'busy' ? 'event is being handled by another attempt' : 'event handling failed');
    this.name = 'EventNotHandled';
  }
  /** HTTP status for Slack: 500 for a failure, 503 while another attempt holds the event. */
  get status(): number {
    return this.state === 'busy' ? 503 : 500;
  }
}

const TOO_SLOW = Symbol('too slow');

function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TOO_SLOW> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TOO_SLOW>((resolve) => {
    timer = setTimeout(() => resolve(TOO_SLOW), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Wraps Bolt's processEvent for Events API callbacks: Bolt acks an event before its listeners run;
 * here that ack is held back and given only once the event was handled (see above). Over HTTP a
 * failure is thrown as EventNotHandled for the receiver's error handler to answer with its status;
 * over Socket Mode the envelope is simply not acked.
 */
export function answerAfterHandling(
  processEvent: App['processEvent'],
  options: { socketMode: boolean; logger: Logger; answerMs?: number },
): (event: ReceiverEvent) => Promise<void> {
  const { socketMode, logger } = options;
  const answerMs = options.answerMs ?? EVENT_ANSWER_MS;
  return async (event) => {
    if ((event.body as { type?: unknown }).type !== 'event_callback') return processEvent(event);
    const delivery: EventDelivery = { state: 'handling', acked: false };
    const eventId = (event.body as { event_id?: unknown }).event_id;
    const running = processEvent({
      ...event,
      // Bolt calls this first thing for an event; the real ack waits for the outcome below.
      ack: async () => undefined,
      customProperties: { ...event.customProperties, eventDelivery: delivery },
    });
    const settled = await within(running, answerMs);
    if (settled === TOO_SLOW) {
      delivery.acked = true;
      await event.ack();
      logger.warn({ eventId, answerMs }, 'event still being handled: answered Slack, handling goes on');
      running.then(
        () => {
          if (delivery.state === 'failed')
            logger.error({ eventId }, 'event failed after Slack was answered: Slack will not send it again');
        },
        (error: unknown) => logger.error({ err: error, eventId }, 'event failed after Slack was answered'),
      );
      return;
    }
    if (delivery.state === 'failed' || delivery.state === 'busy') {
      logger.warn(
        { eventId, state: delivery.state, retry: event.retryNum ?? 0 },
        'event not handled: Slack will send it again',
      );
      // Socket Mode: an envelope left unacked is what Slack retries.
      if (socketMode) return;
      throw new EventNotHandled(delivery.state);
    }
    await event.ack();
  };
}

/**
 * Global middleware: each attempt at an event claims it under a lease before its listeners run,
 * records it as handled once they finished, and releases it when they threw. A retry of a handled
 * event is ignored; a retry of a failed one is handled.
 */
export function eventClaims(deps: {
  events: Pick<EventService, 'claim' | 'finish' | 'release'>;
  logger: Logger;
}): Middleware<AnyMiddlewareArgs> {
  const { events, logger } = deps;
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    const teamId = context.teamId;
    if (typeof eventId !== 'string' || !teamId) return next();
    const delivery = deliveryOf(context);
    const mark = (state: EventDelivery['state']) => {
      if (delivery) delivery.state = state;
    };
    let claim: Awaited<ReturnType<typeof events.claim>>;
    try {
      claim = await events.claim(teamId, eventId);
    } catch (error) {
      mark('failed');
      throw error;
    }
    if (claim !== 'claimed') {
      mark(claim === 'done' ? 'duplicate' : 'busy');
      logger.info(
        { eventId, retry: context.retryNum },
        claim === 'done' ? 'duplicate event ignored' : 'event is being handled by another attempt',
      );
      return;
    }
    try {
      await next();
    } catch (error) {
      mark('failed');
      await events
        .release(teamId, eventId)
        .catch((err: unknown) =>
          logger.warn({ err, eventId }, 'event lease not released: the retry handles it once it runs out'),
        );
      throw error;
    }
    mark('handled');
    await events
      .finish(teamId, eventId)
      .catch((err: unknown) =>
        logger.error({ err, eventId }, 'event handled but not recorded as done: a late retry may repeat it'),
      );
  };
}
