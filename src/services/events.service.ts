import type { ProcessedEventsPort } from './ports.js';

/** Slack retries an event for minutes, not days: event ids older than this are forgotten. */
const EVENT_MEMORY_MS = 24 * 3600_000;

/** Slack retries an event it thinks we missed (x-slack-retry-num): each event id is handled once. */
export function createEventService(deps: { processedEvents: ProcessedEventsPort }) {
  const { processedEvents } = deps;
  return {
    /** True the first time an event id is seen in a workspace; false for Slack's retries of it. */
    claim(teamId: string, eventId: string): Promise<boolean> {
      return processedEvents.claim(teamId, eventId);
    },
    /** Forgets event ids older than Slack still retries, to keep the table small. */
    forgetOld(now: Date): Promise<void> {
      return processedEvents.prune(new Date(now.getTime() - EVENT_MEMORY_MS));
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;
