import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import type { Clock } from '../services/ports.js';

export interface Scheduler {
  start(): void;
  /** Stops ticking and waits for a tick in progress to finish. */
  stop(): Promise<void>;
}

/**
 * One node-cron task ticks every minute and asks each service what is due now. Jobs hold no
 * logic: the claim-before-send rules live in the services, so `cli tick --at` runs the same code.
 */
export function createScheduler(deps: {
  services: Services;
  clock: Clock;
  logger: Logger;
  /** Runs one tick (default `services.tick.runTick`; the app's is timed for GET /metrics). */
  runTick?: Services['tick']['runTick'];
}): Scheduler {
  const { services, clock, logger } = deps;
  const runTick = deps.runTick ?? services.tick.runTick;
  let task: ScheduledTask | null = null;
  let running: Promise<void> | null = null;

  const tick = async () => {
    // A slow tick is never overlapped by the next one in this process; other processes are kept
    // apart by the database claims.
    if (running) return;
    running = (async () => {
      try {
        const outcomes = await runTick(clock.now());
        if (outcomes.length > 0)
          logger.info(
            { outcomes: outcomes.length, sent: outcomes.filter((o) => o.result === 'sent').length },
            'tick',
          );
      } catch (error) {
        logger.error({ err: error }, 'scheduler tick failed');
      } finally {
        running = null;
      }
    })();
    await running;
  };

  return {
    start() {
      task = cron.schedule('* * * * *', tick, { name: 'punchcard-tick', noOverlap: true });
    },
    async stop() {
      await task?.stop();
      await task?.destroy();
      task = null;
      if (running) await running;
    },
  };
}
