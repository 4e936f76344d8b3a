/**
 * FakeSlack: the workspace state (state.ts) served over HTTP (http.ts), with the Web API methods of
 * methods/, injected faults (faults.ts) and, when asked for, Slack's rate limits (rate-limits.ts).
 * Plus the helpers tests wait with. Imports nothing from vitest.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { control } from './control.js';
import { Faults, isBlockingFault } from './faults.js';
import { createFakeServer } from './http.js';
import { buildHandlers } from './methods/index.js';
import { RateLimiter, type RateLimitOptions, rateLimitSettings } from './rate-limits.js';
import { SocketModeServer } from './socket-mode.js';
import { FakeSlackState } from './state.js';
import type { FakeSlackOptions, Fault, RecordedCall, RecordedResponse } from './types.js';

export class FakeSlack extends FakeSlackState {
  private readonly server: Server;
  private port = 0;
  private readonly faults = new Faults();
  private limiter: RateLimiter | null;
  private limitedCount = 0;
  /** Socket Mode: the app connects here after `apps.connections.open` (socket-mode.ts). */
  readonly socketMode: SocketModeServer;

  constructor(opts: FakeSlackOptions = {}) {
    super(opts);
    this.socketMode = new SocketModeServer(this.appId);
    this.limiter = this.makeLimiter(opts.rateLimits);
    this.server = createFakeServer({
      state: this,
      handlers: buildHandlers(this),
      faults: this.faults,
      rateLimiter: () => this.limiter,
      onRateLimited: (record) => {
        this.limitedCount += 1;
        if (this.opts.record !== false) this.rateLimited.push(record);
      },
      control: (route, input) => control(this, route, input),
    });
    this.server.on('upgrade', (req, socket, head) => this.socketMode.upgrade(req, socket, head));
  }

  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the app's WebClient gets as `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  async listen(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    this.faults.release();
    this.socketMode.close();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /**
   * Clears calls, messages, ephemerals, responses, files, views, triggers, faults and rate-limit counts
   * (every limit starts full again). Keeps users, channels and whether rate limits are on.
   */
  override reset(): void {
    super.reset();
    this.faults.clear();
    this.limitedCount = 0;
    if (this.limiter) this.limiter = new RateLimiter(this.limiter.settings, this.now);
  }

  /**
   * Makes the next `times` calls to `method` fail. `method` is a Web API method name, `'response_url'` for
   * POSTs to response URLs, or `'file_upload'` for the bytes POSTed to an upload_url.
   */
  failNext(method: string, fault: Fault, times = 1): void {
    this.faults.add(method, fault, times);
  }

  // ----- rate limits ------------------------------------------------------------------------------------

  /** Turns Slack's rate limits on (`true`: the defaults, or the given limits) or off, with every limit full. */
  setRateLimits(limits: boolean | RateLimitOptions): void {
    this.limiter = this.makeLimiter(limits);
  }

  /** The rate limits in force (defaults filled in), or null when they are off. */
  get rateLimits(): Required<RateLimitOptions> | null {
    return this.limiter?.settings ?? null;
  }

  /** Calls answered 429 since the last reset, counted even when `record` is false. */
  get rateLimitedCount(): number {
    return this.limitedCount;
  }

  private makeLimiter(option: boolean | RateLimitOptions | undefined): RateLimiter | null {
    const settings = rateLimitSettings(option);
    return settings ? new RateLimiter(settings, this.now) : null;
  }

  // ----- waiting ----------------------------------------------------------------------------------------

  /** Polls `probe` (which may be async, e.g. a database read) every ~10 ms until it returns something other than undefined/null/false. Probe errors count as "not yet". */
  waitFor<T>(
    probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    timeoutMs = 5000,
    description?: string,
  ): Promise<T> {
    const started = Date.now();
    return new Promise<T>((resolve, reject) => {
      let lastError: unknown;
      const tick = async (): Promise<void> => {
        try {
          const v = await probe();
          if (v !== undefined && v !== null && v !== false) {
            resolve(v);
            return;
          }
        } catch (err) {
          lastError = err;
        }
        if (Date.now() - started >= timeoutMs) {
          const recent = this.calls
            .slice(-10)
            .map((c) => c.method)
            .join(', ');
          reject(
            new Error(
              `fake-slack: timed out after ${timeoutMs} ms waiting for ${description ?? 'condition'}` +
                `; last calls: ${recent || '(none)'}` +
                (lastError ? `; last probe error: ${String(lastError)}` : ''),
            ),
          );
          return;
        }
        setTimeout(() => void tick(), 10);
      };
      void tick();
    });
  }

  /** Resolves with the first call to `method` (not swallowed by a fault or a rate limit) that matches `predicate`. */
  waitForCall(
    method: string,
    predicate?: (call: RecordedCall) => boolean,
    timeoutMs = 5000,
  ): Promise<RecordedCall> {
    return this.waitFor(
      () =>
        this.calls.find(
          (c) =>
            c.method === method &&
            !isBlockingFault(c.fault) &&
            c.rateLimited === undefined &&
            (predicate ? predicate(c) : true),
        ),
      timeoutMs,
      `a call to ${method}${predicate ? ' matching the predicate' : ''}`,
    );
  }

  /**
   * Resolves with the body of the latest delivered POST to `url` once at least `n` (default 1) were delivered.
   * The second argument is either a timeout in ms or `{ timeoutMs, n }`.
   */
  // biome-ignore lint/suspicious/noExplicitAny: see RecordedResponse.body
  async waitForResponse(url: string, opts: number | { timeoutMs?: number; n?: number } = {}): Promise<any> {
    const { timeoutMs = 5000, n = 1 } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
    const record = await this.waitFor<RecordedResponse>(
      () => {
        const list = this.responsesTo(url);
        return list.length >= n ? list[list.length - 1] : undefined;
      },
      timeoutMs,
      `${n} response(s) to ${url}`,
    );
    return record.body;
  }
}

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = new FakeSlack(opts);
  await fake.listen(opts.port ?? 0);
  return fake;
}
