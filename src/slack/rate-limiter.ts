/**
 * Paces Web API calls to Slack's rate limits, so that a limit delays only the calls it covers.
 *
 * From https://docs.slack.dev/apis/web-api/rate-limits: limits apply "per API method per workspace/team
 * per app". Methods are in tiers, Tier 1 "1+ per minute", Tier 2 "20+", Tier 3 "50+", Tier 4 "100+", each
 * allowing some burst; chat.postMessage is in the "Special" tier: it "generally allows posting one message
 * per second per channel, while also maintaining a workspace-wide limit" ("short bursts >1 allowed"). Past a
 * limit Slack answers HTTP 429 with `Retry-After`, the seconds to wait. Each method's tier is on its page in
 * Slack's method reference (https://docs.slack.dev/reference/methods).
 *
 * Each limit is a GCRA token bucket (a "next free instant" per key): a call reserves its slot in order and
 * sleeps until then, so calls to one channel queue behind each other while calls to other channels go on.
 * A `Retry-After` from Slack pauses only the channel (chat.postMessage) or the method it came for. A call
 * that would wait longer than `maxWaitMs` is not queued: it is refused at once as rate-limited, with the
 * wait as its Retry-After, so its caller (the outbox) records a retry rather than holding a lease or a
 * person's request.
 */

export interface Rate {
  /** Sustained calls per second. */
  perSecond: number;
  /** Calls allowed at once after a quiet spell (at least 1). */
  burst: number;
}

export interface SlackLimits {
  /** chat.postMessage into one conversation. */
  perChannel: Rate;
  /** chat.postMessage across every conversation of a workspace. Slack does not publish the figure. */
  workspace: Rate;
  /** Other methods, in calls per minute (each may burst a minute's worth); methods not named are not paced. */
  perMinute: Record<string, number>;
  /** The longest a call may wait for its slot before it is refused as rate-limited. */
  maxWaitMs: number;
}

/** Slack's published floor for each Web API tier, in calls per minute. */
export const SLACK_TIERS = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;

/** The tier of each method Punchcard calls, from the method's reference page. */
const METHOD_TIERS: Record<string, number> = {
  'chat.update': SLACK_TIERS[3],
  'chat.postEphemeral': SLACK_TIERS[4],
  'conversations.open': SLACK_TIERS[3],
  'conversations.history': SLACK_TIERS[3],
  'users.info': SLACK_TIERS[4],
  'users.list': SLACK_TIERS[2],
  'views.open': SLACK_TIERS[4],
  'views.update': SLACK_TIERS[4],
  'views.push': SLACK_TIERS[4],
  'views.publish': SLACK_TIERS[4],
  'files.getUploadURLExternal': SLACK_TIERS[4],
  'files.completeUploadExternal': SLACK_TIERS[4],
};

/**
 * The defaults stay a little inside Slack's limits: a channel gets bursts of 2 (Slack allows short bursts;
 * the spare one absorbs network jitter and a slot taken by a call then refused), and the workspace budget of
 * 100 messages a second starts with a burst of 20 rather than a full second's worth.
 */
export const DEFAULT_SLACK_LIMITS: SlackLimits = {
  perChannel: { perSecond: 1, burst: 2 },
  workspace: { perSecond: 100, burst: 20 },
  perMinute: METHOD_TIERS,
  maxWaitMs: 5_000,
};

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemLimiterClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** One Web API call as the limiter sees it. */
export interface PacedCall {
  /** Whose limits: one per workspace install (the token). */
  workspace: string;
  method: string;
  /** The conversation a chat.postMessage posts into. */
  channel?: string | undefined;
}

export type Slot = { ok: true } | { ok: false; retryAfterMs: number };

const POST = 'chat.postMessage';

/** A GCRA bucket: `tat` is the instant the bucket would be full again (before it: some calls used). */
class Bucket {
  tat = 0;
  private readonly interval: number;
  private readonly tolerance: number;

  constructor(rate: Rate) {
    this.interval = 1000 / rate.perSecond;
    this.tolerance = (Math.max(1, rate.burst) - 1) * this.interval;
  }

  /** The earliest instant at or after `at` a call fits. */
  earliest(at: number): number {
    return Math.max(at, this.tat - this.tolerance);
  }

  reserve(at: number): void {
    this.tat = Math.max(this.tat, at) + this.interval;
  }
}

export class SlackRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  /** Instants until which Slack told us (Retry-After) to leave a channel or method alone. */
  private readonly pauses = new Map<string, number>();
  private calls = 0;

  constructor(
    readonly limits: SlackLimits = DEFAULT_SLACK_LIMITS,
    private readonly clock: LimiterClock = systemLimiterClock,
  ) {}

  /** Waits for this call's slot; refuses it (without waiting) when the slot is more than `maxWaitMs` away. */
  async acquire(call: PacedCall): Promise<Slot> {
    const start = this.clock.now();
    const deadline = start + this.limits.maxWaitMs;
    if (++this.calls % 1000 === 0) this.prune(start);
    const [key, rate] = this.ownLimit(call);
    let at = Math.max(start, this.pauses.get(key) ?? 0);
    const bucket = rate ? this.bucket(key, rate) : undefined;
    if (bucket) at = bucket.earliest(at);
    if (at > deadline) return { ok: false, retryAfterMs: at - start };
    bucket?.reserve(at);
    if (at > start) await this.clock.sleep(at - start);
    if (call.method !== POST) return { ok: true };
    // The workspace budget is taken only once the channel's turn has come, so a channel that waits does not
    // hold back the others.
    const now = this.clock.now();
    const workspace = this.bucket(`${call.workspace}|*`, this.limits.workspace);
    const turn = workspace.earliest(now);
    if (turn > deadline) return { ok: false, retryAfterMs: turn - start };
    workspace.reserve(turn);
    if (turn > now) await this.clock.sleep(turn - now);
    return { ok: true };
  }

  /** Slack answered 429: leave this call's channel (chat.postMessage) or method alone for `retryAfterSeconds`. */
  throttled(call: PacedCall, retryAfterSeconds: number): void {
    const [key] = this.ownLimit(call);
    const until = this.clock.now() + Math.max(0, retryAfterSeconds) * 1000;
    this.pauses.set(key, Math.max(this.pauses.get(key) ?? 0, until));
  }

  /** The limit a call has to itself (its channel's, or its method's) and that limit's rate, if paced. */
  private ownLimit(call: PacedCall): [string, Rate | undefined] {
    if (call.method === POST && call.channel) {
      return [`${call.workspace}|${POST}|${call.channel}`, this.limits.perChannel];
    }
    const perMinute = this.limits.perMinute[call.method];
    return [
      `${call.workspace}|${call.method}`,
      perMinute ? { perSecond: perMinute / 60, burst: perMinute } : undefined,
    ];
  }

  private bucket(key: string, rate: Rate): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = new Bucket(rate);
      this.buckets.set(key, b);
    }
    return b;
  }

  /** Forgets full buckets and past pauses: a day of prompts opens thousands of DM channels. */
  private prune(now: number): void {
    for (const [key, b] of this.buckets) if (b.tat <= now) this.buckets.delete(key);
    for (const [key, until] of this.pauses) if (until <= now) this.pauses.delete(key);
  }

  /** How many channels and methods it is keeping track of (for tests). */
  get size(): number {
    return this.buckets.size + this.pauses.size;
  }
}
