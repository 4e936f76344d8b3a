import { WebClient, type WebClientOptions } from '@slack/web-api';

/**
 * Web API client settings shared by the Bolt app and the CLI. Calls made while a person waits
 * (inside Slack's 3 s window) must fail fast on a rate limit rather than sleep; the scheduler does
 * its own retries across ticks, so neither needs the client's long retry policy.
 */
export function slackClientOptions(input: {
  apiUrl?: string | undefined;
  overrides?: Partial<WebClientOptions>;
}): WebClientOptions {
  return {
    ...(input.apiUrl ? { slackApiUrl: input.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    timeout: 10_000,
    ...input.overrides,
  };
}

export function createSlackClient(token: string, options: WebClientOptions): WebClient {
  return new WebClient(token, options);
}
