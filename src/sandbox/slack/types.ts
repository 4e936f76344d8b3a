/** The fake Slack's public types: options, what it records, what it stores. No runtime code. */
import type { BlockKitRejection } from './block-kit.js';
import type { RateLimitOptions, RateLimitScope } from './rate-limits.js';

export interface FakeSlackOptions {
  /** 0 (default) picks a free port. The server always binds 127.0.0.1. */
  port?: number;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** When true, Web API calls without a token (Authorization header or `token` arg) get `not_authed`. */
  requireToken?: boolean;
  /**
   * When true, `chat.*` / `conversations.*` calls to a `C…`/`G…` channel that was not `addChannel`-ed fail with
   * `channel_not_found`, and channels added with `is_member: false` fail with `not_in_channel`.
   * Default false: any channel id is accepted.
   */
  strictChannels?: boolean;
  /**
   * How long a trigger_id minted by `triggerId()` stays usable by views.open/views.push (Slack: 3 s).
   * 0 disables the check. Trigger ids the fake did not mint are always accepted.
   */
  triggerTtlMs?: number;
  /** Clock in milliseconds used for message ts, record times and rate limits. Default `Date.now`. */
  now?: () => number;
  /** Add the bot user and USLACKBOT to the user directory (default true; users.list returns them, as Slack does). */
  seedDefaultUsers?: boolean;
  /** When false, Web API calls are not recorded in `calls` (for long load runs). Default true. */
  record?: boolean;
  /**
   * Refuse messages, views and response_url bodies that break Slack's Block Kit and message limits, as
   * Slack does (see block-kit.ts). Default true. Every refusal is also kept in `violations`.
   */
  validateBlockKit?: boolean;
  /**
   * Answer HTTP 429 past Slack's rate limits (see rate-limits.ts). `true` takes the defaults (chat.postMessage
   * about 1/s per channel with short bursts, 100/s across the workspace). Default off, for unit tests.
   */
  rateLimits?: boolean | RateLimitOptions;
}

/** A payload the fake refused because real Slack would have (see block-kit.ts). */
export interface BlockKitViolation extends BlockKitRejection {
  method: string;
  at: number;
}

/** A Web API call the fake answered 429 because it went past a rate limit (see rate-limits.ts). */
export interface RateLimitedCall {
  method: string;
  /** The limit it went past. */
  scope: RateLimitScope;
  /** The conversation, for chat.postMessage. */
  channel?: string;
  /** The `Retry-After` the fake sent, in whole seconds. */
  retryAfter: number;
  at: number;
}

export interface FakeUserInput {
  id: string;
  name?: string;
  real_name?: string;
  display_name?: string;
  email?: string;
  tz?: string;
  tz_offset?: number;
  is_admin?: boolean;
  is_owner?: boolean;
  is_bot?: boolean;
  is_restricted?: boolean;
  deleted?: boolean;
}

export interface FakeChannelInput {
  id: string;
  name?: string;
  is_private?: boolean;
  /** Whether the bot is in the channel (default true). Only enforced with `strictChannels`. */
  is_member?: boolean;
  members?: string[];
  topic?: string;
}

/** What `failNext` injects. `status: 429` sends a `Retry-After` header (seconds, default 1). */
export type Fault =
  | { status: number; retryAfter?: number }
  | { hang: true }
  | { error: string }
  /** Not a failure: answers normally, but only after `delayMs`. */
  | { delayMs: number }
  /** Handles the call (the message is stored) but drops the connection instead of answering: a send cut off between Slack and the app. */
  | { dropResponse: true };

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
  at: number;
  /** Set when an injected fault answered (or swallowed) this call. */
  fault?: Fault;
  /** Set when the call went past a rate limit and was answered 429 (see `FakeSlack.rateLimited`). */
  rateLimited?: RateLimitedCall;
  /** The JSON body the fake answered with (absent for hang/HTTP-error faults, or until a delayed answer). */
  response?: Record<string, unknown>;
}

export interface RecordedResponse {
  /** The `<n>` of `${url}/response/<n>`. */
  id: string;
  url: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests assert freely on what the app posted
  body: any;
  at: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[] | undefined;
  metadata: { event_type: string; event_payload: Record<string, unknown> } | undefined;
  /** The poster: the bot user id for messages the app posted. */
  user: string;
  bot_id?: string;
  attachments?: unknown[];
  thread_ts?: string;
  reply_broadcast?: boolean;
  edited?: { user: string; ts: string };
  ephemeral?: false;
}

export interface StoredEphemeral {
  channel: string;
  /** The user the ephemeral message is shown to. */
  user: string;
  ts: string;
  text: string;
  blocks: unknown[] | undefined;
  attachments?: unknown[];
  thread_ts?: string;
  ephemeral: true;
}

export interface UploadedFile {
  id: string;
  filename: string;
  title: string;
  channels: string[];
  content: Buffer;
  initial_comment: string | undefined;
  thread_ts: string | undefined;
  /** When it was shared, as a message ts (files show among a conversation's messages). */
  ts: string;
}

// biome-ignore lint/suspicious/noExplicitAny: view payloads are free-form JSON
export type FakeView = Record<string, any> & { id: string; hash: string; type: string };

/** A Web API call's arguments, from the query string and the body (form, JSON or multipart). */
export type Args = Record<string, unknown>;
/** A Web API method's JSON answer. */
export type Result = Record<string, unknown>;
/** One Web API method. */
export type Handler = (args: Args, call: RecordedCall) => Result;
