/**
 * Slack's Web API rate limits, for the fake: off unless the `rateLimits` option (or `POST /_fake/rate-limits`,
 * or `--rate-limits` on the command line) turns them on.
 *
 * From https://docs.slack.dev/apis/web-api/rate-limits:
 * - chat.postMessage is in the "Special" tier: it "generally allows posting one message per second per
 *   channel, while also maintaining a workspace-wide limit"; posting messages is "1 per second", "short
 *   bursts >1 allowed". The workspace-wide figure is not published; the fake uses 100 messages a second.
 * - Other methods are in tiers, "per API method per workspace/team per app": Tier 1 1+ per minute, Tier 2
 *   20+, Tier 3 50+, Tier 4 100+ (SLACK_TIERS), each with some burst. The fake limits only the methods
 *   named in `perMinute`.
 * - Past a limit Slack answers HTTP 429 Too Many Requests with a `Retry-After` header: the number of
 *   seconds to wait before calling again. The body is `{ ok: false, error: 'ratelimited' }`.
 *
 * Each limit is a token bucket: it holds up to `burst` calls and refills at `perSecond`.
 */
import type { SlackLimits } from '../../slack/rate-limiter.js';
import { isRecord } from './util.js';

/** Which limit a call went past. */
export type RateLimitScope = 'channel' | 'workspace' | 'method';

export interface Rate {
  /** Sustained calls per second. */
  perSecond: number;
  /** Calls allowed at once after a quiet spell (the bucket's size, at least 1). */
  burst: number;
}

export interface RateLimitOptions {
  /** chat.postMessage into one conversation. Default 1 a second, bursts of 3. */
  perChannel?: Rate;
  /** chat.postMessage across all conversations of the workspace. Default 100 a second, bursts of 100. */
  workspace?: Rate;
  /**
   * Other limits, in calls per minute by method name, e.g. `{ 'users.info': SLACK_TIERS[4] }`; each may burst
   * its whole minute's worth at once. Default none.
   */
  perMinute?: Record<string, number>;
}

/** Slack's published floor for each Web API tier, in calls per minute. */
export const SLACK_TIERS = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;

export const DEFAULT_RATE_LIMITS: Required<RateLimitOptions> = {
  perChannel: { perSecond: 1, burst: 3 },
  workspace: { perSecond: 100, burst: 100 },
  perMinute: {},
};

/** The option's value made whole (defaults filled in), or null when limits are off. Throws on nonsense. */
export function rateLimitSettings(
  option: boolean | RateLimitOptions | undefined,
): Required<RateLimitOptions> | null {
  if (option === undefined || option === false) return null;
  const o = option === true ? {} : option;
  const settings = {
    perChannel: o.perChannel ?? DEFAULT_RATE_LIMITS.perChannel,
    workspace: o.workspace ?? DEFAULT_RATE_LIMITS.workspace,
    perMinute: o.perMinute ?? DEFAULT_RATE_LIMITS.perMinute,
  };
  for (const [name, rate] of [
    ['perChannel', settings.perChannel],
    ['workspace', settings.workspace],
  ] as const) {
    if (!isRecord(rate) || !(rate.perSecond > 0) || !(rate.burst >= 1)) {
      throw new Error(`fake-slack: rateLimits.${name} needs perSecond > 0 and burst >= 1`);
    }
  }
  for (const [method, n] of Object.entries(settings.perMinute)) {
    if (!(typeof n === 'number' && n > 0)) {
      throw new Error(`fake-slack: rateLimits.perMinute['${method}'] must be a number above 0`);
    }
  }
  return settings;
}

class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: Rate,
    now: number,
  ) {
    this.tokens = rate.burst;
    this.last = now;
  }

  /** Milliseconds until a call fits (0: it fits now). */
  waitMs(now: number): number {
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.last) / 1000) * this.rate.perSecond);
    this.last = now;
    // The epsilon absorbs floating-point dust: a client that waits exactly as long as told gets through.
    return this.tokens >= 1 - 1e-9 ? 0 : ((1 - this.tokens) / this.rate.perSecond) * 1000;
  }

  take(): void {
    this.tokens -= 1;
  }
}

export interface RateLimitVerdict {
  scope: RateLimitScope;
  /** Whole seconds, at least 1, as Slack's `Retry-After`. */
  retryAfter: number;
}

/** Counts calls against the limits; a call over any of them is refused and uses up none of them. */
export class RateLimiter {
  private readonly channels = new Map<string, TokenBucket>();
  private readonly methods = new Map<string, TokenBucket>();
  private workspaceBucket: TokenBucket | undefined;

  constructor(
    readonly settings: Required<RateLimitOptions>,
    private readonly now: () => number,
  ) {}

  /**
   * Null when `method` may be called now (the call is counted), else the limit it goes past. `channel` is the
   * conversation a chat.postMessage posts into.
   */
  check(method: string, channel: string | undefined): RateLimitVerdict | null {
    const now = this.now();
    const buckets: Array<[RateLimitScope, TokenBucket]> = [];
    const perMinute = this.settings.perMinute[method];
    if (perMinute !== undefined) {
      buckets.push([
        'method',
        this.bucket(this.methods, method, { perSecond: perMinute / 60, burst: perMinute }, now),
      ]);
    }
    if (method === 'chat.postMessage' && channel !== undefined) {
      buckets.push(['channel', this.bucket(this.channels, channel, this.settings.perChannel, now)]);
      this.workspaceBucket ??= new TokenBucket(this.settings.workspace, now);
      buckets.push(['workspace', this.workspaceBucket]);
    }
    for (const [scope, bucket] of buckets) {
      const wait = bucket.waitMs(now);
      if (wait > 0) return { scope, retryAfter: Math.max(1, Math.ceil(wait / 1000)) };
    }
    for (const [, bucket] of buckets) bucket.take();
    return null;
  }

  private bucket(map: Map<string, TokenBucket>, key: string, rate: Rate, now: number): TokenBucket {
    let b = map.get(key);
    if (!b) {
      b = new TokenBucket(rate, now);
      map.set(key, b);
    }
    return b;
  }
}

/** The app's pacing for the fake's limits: the same rates, with smaller bursts (as against real Slack). */
export function paceInside(limits: Required<RateLimitOptions>): Partial<SlackLimits> {
  return {
    perChannel: { perSecond: limits.perChannel.perSecond, burst: Math.max(1, limits.perChannel.burst - 1) },
    workspace: {
      perSecond: limits.workspace.perSecond,
      burst: Math.max(1, Math.floor(limits.workspace.burst / 5)),
    },
  };
}
