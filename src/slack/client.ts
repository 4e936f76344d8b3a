import { type FetchFunction, WebClient, type WebClientOptions } from '@slack/web-api';
import { observedFetch, type SlackCallObserver } from './observed-fetch.js';
import { pacedFetch } from './paced-fetch.js';
import { DEFAULT_SLACK_LIMITS, type SlackLimits, SlackRateLimiter } from './rate-limiter.js';

const TIMEOUT_MS = 10_000;

/**
 * Web API client settings shared by the Bolt app and the CLI. Calls made while a person waits
 * (inside Slack's 3 s window) must fail fast on a rate limit rather than sleep; the scheduler does
 * its own retries across ticks, so neither needs the client's long retry policy.
 *
 * Rate limits are kept by our own limiter (rate-limiter.ts) in the client's `fetch`, per channel and
 * per method, not by the client: on a 429 without `rejectRateLimitedCalls` the client pauses its one
 * request queue for the whole Retry-After, holding back every other channel's calls too. So the
 * client rejects a 429 at once (after our limiter has waited and resent what fits in `maxWaitMs`,
 * kept under the client's `timeout`, whose clock runs while a call waits for its slot). The limiter's
 * waits happen inside the client's queue (`maxRequestConcurrency`, 100 by default): the outbox keeps
 * far fewer sends in flight than that. `rateLimits: false` turns our pacing off.
 */
export function slackClientOptions(input: {
  apiUrl?: string | undefined;
  overrides?: Partial<WebClientOptions>;
  rateLimits?: Partial<SlackLimits> | false;
  /** Told what Slack answered to every Web API call that reached it (GET /metrics). */
  observe?: SlackCallObserver;
}): WebClientOptions {
  const timeout = input.overrides?.timeout ?? TIMEOUT_MS;
  const limits: SlackLimits = {
    ...DEFAULT_SLACK_LIMITS,
    maxWaitMs: Math.min(DEFAULT_SLACK_LIMITS.maxWaitMs, timeout > 0 ? timeout / 2 : Number.POSITIVE_INFINITY),
    ...(input.rateLimits || {}),
  };
  // Bolt posts replies to response URLs through this fetch, without a timeout of its own: a
  // response URL that never answered would hold its reply (and the request's work) forever.
  const platformFetch = withTimeout(globalThis.fetch as unknown as FetchFunction, timeout);
  const base = input.observe
    ? observedFetch(platformFetch, input.observe, { apiUrl: input.apiUrl })
    : platformFetch;
  return {
    ...(input.apiUrl ? { slackApiUrl: input.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    timeout: TIMEOUT_MS,
    fetch:
      input.rateLimits === false
        ? base
        : pacedFetch(new SlackRateLimiter(limits), { apiUrl: input.apiUrl, base }),
    ...input.overrides,
  };
}

/** `fetch` that gives up after `ms` on a request that brought no deadline of its own (the Web API client's do). */
function withTimeout(fetch: FetchFunction, ms: number): FetchFunction {
  if (!(ms > 0)) return fetch;
  return (url, init) => fetch(url, init?.signal ? init : { ...init, signal: AbortSignal.timeout(ms) });
}

export function createSlackClient(token: string, options: WebClientOptions): WebClient {
  return new WebClient(token, options);
}

/** Slack's Web API could not be reached at all (DNS, refused, timeout, TLS): an operator's problem, said in one line. */
export class SlackUnreachable extends Error {
  readonly code = 'slack.unreachable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SlackUnreachable';
  }
}

/** The first system error code (ENOTFOUND, ECONNREFUSED…) in a fetch failure's cause chain. */
function networkCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next || typeof next !== 'object' || seen.has(next)) continue;
    seen.add(next);
    const e = next as { code?: unknown; cause?: unknown; original?: unknown; errors?: unknown };
    if (
      typeof e.code === 'string' &&
      /^(E[A-Z_]+|UND_ERR_[A-Z_]+|[A-Z_]*CERT[A-Z_]*|DEPTH_ZERO_SELF_SIGNED_CERT)$/.test(e.code)
    )
      return e.code;
    queue.push(e.original, e.cause, ...(Array.isArray(e.errors) ? e.errors : []));
  }
  return undefined;
}

/**
 * Turns a failed Web API request into the one line an operator needs: which host, what went
 * wrong, and what to check. `apiUrl` is the configured SLACK_API_URL (Slack's own when unset).
 */
export function describeUnreachable(error: unknown, apiUrl: string | undefined): string {
  const url = new URL(apiUrl ?? 'https://slack.com/api/');
  const host = url.hostname;
  const where = `${host}${url.port ? `:${url.port}` : ''}`;
  const code = networkCode(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${host}: check DNS or SLACK_API_URL`;
    case 'ECONNREFUSED':
      return `cannot connect to ${where} (connection refused): check SLACK_API_URL, a proxy or a firewall`;
    case 'ECONNRESET':
      return `${where} closed the connection: check a proxy or a firewall between here and Slack`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
      return `${where} did not answer in time: check the network, a proxy or a firewall`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `no route to ${where}: check the network`;
    default:
      if (code && /CERT/.test(code))
        return `the TLS certificate of ${host} was not accepted (${code}): check a TLS-inspecting proxy, or NODE_EXTRA_CA_CERTS`;
      return `cannot reach ${where} (${code ?? (error as Error).message}): check the network and SLACK_API_URL`;
  }
}

/**
 * Checks the token once, quickly and quietly, before Bolt starts: without it an unreachable Slack
 * shows up as a retry warning per attempt and a long error record before the plain message.
 * Slack's own answers (invalid_auth…) are rethrown as they are.
 */
export async function checkSlackConnection(token: string, options: WebClientOptions): Promise<void> {
  const quiet = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    setLevel: () => undefined,
    getLevel: () => 'error' as never,
    setName: () => undefined,
  };
  const client = new WebClient(token, { ...options, retryConfig: { retries: 0 }, logger: quiet });
  try {
    await client.auth.test();
  } catch (error) {
    if ((error as { code?: string }).code === 'slack_webapi_request_error') {
      throw new SlackUnreachable(describeUnreachable(error, options.slackApiUrl), { cause: error });
    }
    throw error;
  }
}
