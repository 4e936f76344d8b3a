import type { FetchFunction } from '@slack/web-api';
import type { PacedCall, SlackRateLimiter } from './rate-limiter.js';

/**
 * The Web API client's `fetch`, paced by a SlackRateLimiter. Every WebClient made from the same options
 * (Bolt's own, the ones Bolt makes per request, the CLI's) shares it, so one limiter sees every call.
 *
 * A Web API call waits here for its slot. When Slack still answers 429, its `Retry-After` pauses that
 * channel or method in the limiter and the call is sent again once the pause is over (a 429 means Slack
 * did not take it), at most `RESENDS` times and never past the limiter's `maxWaitMs`; after that the 429
 * goes back to the client, which (with `rejectRateLimitedCalls`) throws a rate-limited error right away.
 * A call the limiter refuses gets a 429 of our own making with the wait as `Retry-After`, exactly as if
 * Slack had answered it. Requests that are not Web API methods (file bytes to an upload URL) pass through.
 */

const RESENDS = 2;
/** The Web API client's default `slackApiUrl`. */
const SLACK_API_URL = 'https://slack.com/api/';

type FetchRequestInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

/**
 * `chat.postMessage` from `<apiUrl>chat.postMessage`, or null for a URL that is not a Web API method
 * (a response URL, an upload URL).
 */
export function webApiMethod(url: string, apiUrl = SLACK_API_URL): string | null {
  if (!url.startsWith(apiUrl)) return null;
  const method = url.slice(apiUrl.length).split('?')[0] ?? '';
  return /^[a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+$/.test(method) ? method : null;
}

function channelOf(body: FetchRequestInit['body'] | undefined): string | undefined {
  if (typeof body === 'string') return new URLSearchParams(body).get('channel') ?? undefined;
  if (body instanceof FormData) {
    const channel = body.get('channel');
    return typeof channel === 'string' ? channel : undefined;
  }
  return undefined;
}

function tokenOf(init: FetchRequestInit | undefined): string {
  const auth = init?.headers?.Authorization ?? init?.headers?.authorization;
  if (auth) return auth;
  return typeof init?.body === 'string' ? (new URLSearchParams(init.body).get('token') ?? '') : '';
}

/** The answer Slack gives past a limit: HTTP 429, `Retry-After` in whole seconds, `ratelimited`. */
function rateLimited(waitMs: number): FetchResponse {
  return new Response(JSON.stringify({ ok: false, error: 'ratelimited' }), {
    status: 429,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
    },
  });
}

export function pacedFetch(
  limiter: SlackRateLimiter,
  options: { apiUrl?: string | undefined; base?: FetchFunction } = {},
): FetchFunction {
  const base = options.base ?? (globalThis.fetch as unknown as FetchFunction);
  const apiUrl = options.apiUrl ?? SLACK_API_URL;
  return async (url, init) => {
    const method = webApiMethod(String(url), apiUrl);
    if (!method) return base(url, init);
    const call: PacedCall = { workspace: tokenOf(init), method, channel: channelOf(init?.body) };
    for (let resend = 0; ; resend++) {
      const slot = await limiter.acquire(call);
      if (!slot.ok) return rateLimited(slot.retryAfterMs);
      const response = await base(url, init);
      if (response.status !== 429) return response;
      const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
      if (Number.isNaN(retryAfter)) return response;
      limiter.throttled(call, retryAfter);
      if (resend >= RESENDS) return response;
      await response.arrayBuffer().catch(() => undefined);
    }
  };
}
