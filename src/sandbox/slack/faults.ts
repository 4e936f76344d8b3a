/**
 * Injected faults (`failNext`): queued per method (a Web API method, `'response_url'` or `'file_upload'`),
 * taken one per request, and answered here: an HTTP error, a `{ ok: false }` error, a hang, a delay or a
 * dropped connection.
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from './http-body.js';
import type { Fault, Result } from './types.js';

/** True for faults that keep the request from being handled (all but delays and dropped answers). */
export function isBlockingFault(f: Fault | undefined): boolean {
  return f !== undefined && !('delayMs' in f) && !('dropResponse' in f);
}

export class Faults {
  private readonly queues = new Map<string, Array<{ fault: Fault; remaining: number }>>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Queues `fault` for the next `times` requests to `method`. */
  add(method: string, fault: Fault, times: number): void {
    const queue = this.queues.get(method) ?? [];
    queue.push({ fault, remaining: times });
    this.queues.set(method, queue);
  }

  /** The fault for this request to `method`, if one is queued (and counts it used). */
  take(method: string): Fault | undefined {
    const queue = this.queues.get(method);
    if (!queue) return undefined;
    const head = queue[0];
    if (!head) {
      this.queues.delete(method);
      return undefined;
    }
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    if (queue.length === 0) this.queues.delete(method);
    return head.fault;
  }

  /** Forgets the queued faults. */
  clear(): void {
    this.queues.clear();
  }

  /**
   * Answers a fault that prevents normal handling: the JSON body sent for an error fault, null for a hang or
   * an HTTP error. False for delay and dropResponse faults: the caller handles the request (after `delay`).
   */
  answer(fault: Fault, res: ServerResponse): Result | null | false {
    if ('hang' in fault) {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return null;
    }
    if ('error' in fault) {
      const body = { ok: false, error: fault.error };
      sendJson(res, 200, body);
      return body;
    }
    if ('status' in fault) {
      if (fault.status === 429) {
        sendJson(
          res,
          429,
          { ok: false, error: 'ratelimited' },
          { 'Retry-After': String(fault.retryAfter ?? 1) },
        );
      } else {
        sendJson(res, fault.status, { ok: false, error: `http_${fault.status}` });
      }
      return null;
    }
    return false;
  }

  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  /** On close: pending delays never answer, and hung requests are cut off. */
  release(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const res of this.hanging) res.socket?.destroy();
    this.hanging.clear();
  }
}
