import cron, { type ScheduledTask } from 'node-cron';
import { SCHEDULER_STALE_MS, type TickRecord } from '../health.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import type { Clock } from '../services/ports.js';

export interface Scheduler {
  start(): void;
  /** Stops ticking and waits for a tick in progress to finish. */
  stop(): Promise<void>;
  /** Whether it runs, and how its ticks went (for /healthz); null when it was never started. */
  record(): TickRecord | null;
}

/**
 * One node-cron task ticks every minute and asks each service what is due now. Jobs hold no
 * logic: the claim-before-send rules live in the services, so `cli tick --at` runs the same code.
 */
export interface SchedulerTiming {
  /** node-cron expression (default every minute; a sixth, leading field counts seconds). */
  cron: string;
  /** Without a successful tick for this long, /healthz reports the scheduler down (default 3 ticks). */
  staleMs: number;
}

export const MINUTE_TICKS: SchedulerTiming = { cron: '* * * * *', staleMs: SCHEDULER_STALE_MS };

export function createScheduler(deps: {
  services: Services;
  clock: Clock;
  logger: Logger;
  /** Runs one tick (default `services.tick.runTick`; the app's is timed for GET /metrics). */
  runTick?: Services['tick']['runTick'];
  timing?: SchedulerTiming;
}): Scheduler {
  const { services, clock, logger } = deps;
  const runTick = deps.runTick ?? services.tick.runTick;
  const timing = deps.timing ?? MINUTE_TICKS;
  let task: ScheduledTask | null = null;
  let running: Promise<void> | null = null;

  let record: TickRecord | null = null;

  const tick = async () => {
    // A slow tick is never overlapped by the next one in this process; other processes are kept
    // apart by the database claims.
    if (running) return;
    running = (async () => {
      const ticks = record;
      if (ticks) {
        ticks.lastTickStartedAt = Date.now();
        ticks.ticking = true;
      }
      try {
        const outcomes = await runTick(clock.now());
        if (ticks) {
          ticks.lastSuccessAt = Date.now();
          ticks.lastTickError = null;
        }
        if (outcomes.length > 0)
          logger.info(
            { outcomes: outcomes.length, sent: outcomes.filter((o) => o.result === 'sent').length },
            'tick',
          );
      } catch (error) {
        // The next minute's tick tries again: whatever was due and not sent is still due then.
        if (ticks)
          ticks.lastTickError =
            error instanceof Error ? (error.message.split('\n')[0] ?? 'failed') : 'failed';
        logger.error({ err: error }, 'scheduler tick failed');
      } finally {
        if (ticks) {
          ticks.lastTickEndedAt = Date.now();
          ticks.ticking = false;
        }
        running = null;
      }
    })();
    await running;
  };

  return {
    start() {
      record = {
        staleMs: timing.staleMs,
        startedAt: Date.now(),
        lastTickStartedAt: null,
        lastTickEndedAt: null,
        lastTickError: null,
        lastSuccessAt: null,
        ticking: false,
      };
      task = cron.schedule(timing.cron, tick, { name: 'punchcard-tick', noOverlap: true });
    },
    record: () => record,
    async stop() {
      await task?.stop();
      await task?.destroy();
      task = null;
      if (running) await running;
    },
  };
}
