import type { Logger } from './logger.js';

/**
 * `docker stop` semantics: on SIGTERM (or Ctrl-C), `stop` answers what was acked to Slack and lets a
 * tick in progress finish, then the process exits 0 (1 if stopping failed). A second signal while
 * draining is ignored: the orchestrator's SIGKILL after its grace period is the hard stop.
 */
export function exitOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
