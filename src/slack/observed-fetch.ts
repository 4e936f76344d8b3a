import type { FetchFunction } from '@slack/web-api';
import { webApiMethod } from './paced-fetch.js';

type FetchResponse = Awaited<ReturnType<FetchFunction>>;

/** Called once per request that reached (or tried to reach) Slack's Web API. */
export type SlackCallObserver = (method: string, result: string, seconds: number) => void;

/** Slack's answer in one word: `ok`, its `error` code, `rate_limited` for a 429, `http_<status>` for another. */
async function resultOf(response: FetchResponse): Promise<string> {
  if (response.status === 429) return 'rate_limited';
  if (response.status < 200 || response.status >= 300) return `http_${response.status}`;
  // Read a copy: the client reads the body itself. A fetch whose answers cannot be copied is not read.
  if (!(response instanceof Response)) return response.ok ? 'ok' : 'error';
  try {
    const body = (await response.clone().json()) as { ok?: unknown; error?: unknown };
    if (body.ok === true) return 'ok';
    // Slack's error codes are short snake_case words; anything else is not one of them.
    return typeof body.error === 'string' && /^[a-z0-9_]{1,60}$/.test(body.error) ? body.error : 'error';
  } catch {
    return 'invalid_response';
  }
}

/** A fetch failure in one word: the client's timeout, or the network. */
function failureOf(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network_error';
}

/**
 * The Web API client's `fetch`, telling `observe` what Slack answered to each call: put beneath the
 * rate limiter's pacing (paced-fetch.ts) it sees every request that went to Slack, resends included,
 * and none of the 429s the limiter makes up itself. Requests that are not Web API methods pass through.
 */
export function observedFetch(
  base: FetchFunction,
  observe: SlackCallObserver,
  options: { apiUrl?: string | undefined } = {},
): FetchFunction {
  return async (url, init) => {
    const method = webApiMethod(String(url), options.apiUrl);
    if (!method) return base(url, init);
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let response: FetchResponse;
    try {
      response = await base(url, init);
    } catch (error) {
      observe(method, failureOf(error), seconds());
      throw error;
    }
    observe(method, await resultOf(response), seconds());
    return response;
  };
}
