/**
 * Slack's side of Socket Mode: `apps.connections.open` (methods/index.ts) answers with this server's
 * WebSocket URL; the app connects, gets `hello`, and then receives envelopes (`slash_commands`,
 * `interactive`, `events_api`) that it acks by sending back `{ envelope_id, payload }`. The ack's
 * payload is what an HTTP request's response body would be (e.g. `response_action: errors`). An
 * `events_api` envelope left unacked is one Slack sends again, with `retry_attempt` counting up (as
 * `x-slack-retry-num` over HTTP): `send` rejects after 3 s, and a test resends it with `retryNum`.
 * https://api.slack.com/apis/socket-mode#events
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { isRecord } from './util.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** Slack gives up on an ack after 3 seconds. */
const ACK_TIMEOUT_MS = 3_000;
/** Slack pings about every 10 s; Bolt's client reconnects after 30 s without one. */
const PING_EVERY_MS = 10_000;

export class SocketModeServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly waiting = new Map<string, (payload: Record<string, unknown>) => void>();
  private readonly connectedListeners: Array<() => void> = [];
  private seq = 0;
  private readonly pinger: NodeJS.Timeout;

  constructor(private readonly appId: string) {
    this.pinger = setInterval(() => {
      for (const ws of this.sockets) ws.ping();
    }, PING_EVERY_MS);
    this.pinger.unref();
  }

  /** Whether an app is connected. */
  get connected(): boolean {
    return this.sockets.size > 0;
  }

  /** Resolves once an app is connected (at once if one is). */
  whenConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.connectedListeners.push(resolve));
  }

  /** The HTTP server's `upgrade` event for `/socket-mode`. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!req.url?.startsWith('/socket-mode')) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      if (!isRecord(message) || typeof message.envelope_id !== 'string') return;
      const resolve = this.waiting.get(message.envelope_id);
      this.waiting.delete(message.envelope_id);
      resolve?.(isRecord(message.payload) ? message.payload : {});
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'punchcard-sandbox', approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    for (const listener of this.connectedListeners.splice(0)) listener();
  }

  /**
   * Sends one envelope to the connected app and resolves with its ack's payload. Rejects when no app
   * is connected or it does not ack within Slack's 3 seconds.
   */
  send(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    extra: { retry_attempt?: number; retry_reason?: string } = {},
  ): Promise<Record<string, unknown>> {
    const ws = [...this.sockets].find((s) => s.readyState === s.OPEN);
    if (!ws) return Promise.reject(new Error('socket mode: no app is connected'));
    this.seq += 1;
    const envelopeId = `${Date.now().toString(16)}-${this.seq.toString(16).padStart(4, '0')}-sandbox`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(envelopeId);
        reject(new Error(`socket mode: the app did not ack ${type} ${envelopeId} within 3 s`));
      }, ACK_TIMEOUT_MS);
      this.waiting.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      ws.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          ...(type === 'events_api'
            ? { retry_attempt: extra.retry_attempt ?? 0, retry_reason: extra.retry_reason ?? '' }
            : {}),
        }),
      );
    });
  }

  close(): void {
    clearInterval(this.pinger);
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.wss.close();
  }
}
