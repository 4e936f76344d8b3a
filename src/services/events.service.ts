import type { EventClaim, ProcessedEventsPort } from './ports.js';

/** Slack retries an event for minutes, not days: event ids older than this are forgotten. */
const EVENT_MEMORY_MS = 24 * 3600_000;

/**
 * How long one attempt holds an event. Longer than any handling takes (a few Web API calls of at
 * most 10 s each, with two retries), shorter than Slack's last retry (about 5 minutes after the
 * first): an attempt cut off by a crash leaves a lease that has run out when that retry comes.
 */
export const EVENT_LEASE_MS = 2 * 60_000;

/**
 * Slack retries an event it thinks we missed (x-slack-retry-num). Each attempt claims the event
 * first; it is recorded as handled only after its handling committed, and released when that
 * failed, so the retry of a failed event is handled and the retry of a handled one is ignored.
 */
export function createEventService(deps: { processedEvents: ProcessedEventsPort }) {
  const { processedEvents } = deps;
  return {
    claim(teamId: string, eventId: string): Promise<EventClaim> {
      return processedEvents.claim(teamId, eventId, EVENT_LEASE_MS);
    },
    finish(teamId: string, eventId: string): Promise<void> {
      return processedEvents.finish(teamId, eventId);
    },
    release(teamId: string, eventId: string): Promise<void> {
      return processedEvents.release(teamId, eventId);
    },
    /** Forgets event ids older than Slack still retries, to keep the table small. */
    forgetOld(now: Date): Promise<void> {
      return processedEvents.prune(new Date(now.getTime() - EVENT_MEMORY_MS));
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;
