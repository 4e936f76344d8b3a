import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e.js';
import type { Harness } from '../support/harness.js';
import { scrape } from '../support/prometheus.js';
import { usingPostgres } from '../support/test-db.js';

let h: Harness;

// Monday 23 Nov 2026; everyone in UTC, so a 09:30 check-in is due at 09:30Z.
const MONDAY_EARLY = '2026-11-23T02:00:00Z';

const { command } = useE2E({ team: { at: MONDAY_EARLY, people: { UADMIN: 'UTC', UADA: 'UTC' } } }, (ctx) => {
  ({ h } = ctx);
});

/** A tick for the minute `minute`, started when the clock reads `now` (later, when the tick is late). */
const tickAt = (minute: string, now = minute) => {
  h.clock.set(now);
  return h.app.tick(new Date(minute));
};

describe('GET /metrics', () => {
  it('counts a /log, a tick’s prompt, a throttled Slack call and the ticks, in Prometheus’ text format', async () => {
    // Every test file's app has its own registry: a restart starts the counts again, and two apps in
    // one process never share (or collide on) a metric.
    await h.restart();
    const { reply } = await command('/standup', 'create <#CTEAM|team> 09:30 mon-fri <@UADA|ada>', 'UADMIN');
    expect(reply.text).toContain('Check-in created.');
    const logged = await command('/log', '2h design', 'UADA');
    expect(logged.reply.text).toContain('Logged 2h to design');

    // Slack throttles the prompt's first post: the outbox keeps it for a retry, sent on the next tick.
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    expect((await tickAt('2026-11-23T09:30:00Z')).map((o) => o.result)).toEqual(['retry']);
    // This tick starts 7 s after its minute began: that is its lag.
    expect((await tickAt('2026-11-23T09:31:00Z', '2026-11-23T09:31:07Z')).map((o) => o.result)).toEqual([
      'sent',
    ]);
    expect(h.fake.messagesIn('DUADA')).toHaveLength(1);
    await h.app.idle();

    const m = await scrape(h.app.port);
    expect(m.status).toBe(200);
    expect(m.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(m.text).toContain('# TYPE punchcard_slack_requests_total counter');

    // Requests and their acks, by listener.
    expect(m.value('punchcard_slack_requests_total', { kind: 'command', listener: '/log' })).toBe(1);
    expect(m.value('punchcard_slack_requests_total', { kind: 'command', listener: '/standup' })).toBe(1);
    expect(m.value('punchcard_slack_ack_seconds_count', { kind: 'command', listener: '/log' })).toBe(1);
    // Acked inside Slack's 3 seconds.
    expect(
      m.value('punchcard_slack_ack_seconds_bucket', { le: '3', kind: 'command', listener: '/log' }),
    ).toBe(1);

    // Slack's answers by method: the 429 as rate_limited, the prompt that went through as ok.
    expect(
      m.value('punchcard_slack_api_calls_total', { method: 'chat.postMessage', result: 'rate_limited' }),
    ).toBe(1);
    expect(m.value('punchcard_slack_api_calls_total', { method: 'chat.postMessage', result: 'ok' })).toBe(1);
    expect(
      m.value('punchcard_slack_api_calls_total', { method: 'users.info', result: 'ok' }),
    ).toBeGreaterThan(0);

    // The delivery's two outcomes.
    expect(m.value('punchcard_deliveries_total', { kind: 'checkin_prompt', result: 'retried' })).toBe(1);
    expect(m.value('punchcard_deliveries_total', { kind: 'checkin_prompt', result: 'sent' })).toBe(1);
    expect(
      m.value('punchcard_deliveries_total', { kind: 'checkin_prompt', result: 'missed' }),
    ).toBeUndefined();

    // Two ticks, the last one 7 s late, none failed.
    expect(m.value('punchcard_tick_duration_seconds_count')).toBe(2);
    expect(m.value('punchcard_tick_lag_seconds')).toBe(7);
    expect(m.value('punchcard_tick_failures_total')).toBe(0);
    expect(m.value('punchcard_tick_last_success_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);

    // The event loop (prom-client's monitorEventLoopDelay) and the store.
    expect(m.value('nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(m.value('punchcard_db_up')).toBe(1);
    if (usingPostgres) {
      expect(m.value('punchcard_db_info', { store: 'postgres' })).toBe(1);
      const pool = m.series('punchcard_db_pool_connections');
      expect(pool.map((s) => s.labels.state).sort()).toEqual(['idle', 'total', 'waiting']);
      expect(m.value('punchcard_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(m.value('punchcard_db_pool_connections', { state: 'waiting' })).toBe(0);
    } else {
      // The embedded store is one connection in the process: no pool to show.
      expect(m.value('punchcard_db_info', { store: 'pglite' })).toBe(1);
      expect(m.series('punchcard_db_pool_connections')).toEqual([]);
    }
  });

  it('names actions by family, views by callback id, events by type, and anything else `other`', async () => {
    await h.restart();
    // Side by side: Bolt leaves a request no listener takes unacked for 3 s before answering 404.
    await Promise.all([
      h.slack.action({ userId: 'UADA', actionId: 'timesheet_page_next', value: 'x' }),
      h.slack.action({ userId: 'UADA', actionId: 'made_up_action', value: 'x' }),
      h.slack.event({ type: 'app_home_opened', user: 'UADA', tab: 'home' }),
      h.slack.event({ type: 'reaction_added', user: 'UADA' }),
      h.slack.command({ command: '/unknowncommand', text: '', userId: 'UADA' }),
    ]);
    await h.app.idle();
    const m = await scrape(h.app.port);
    const requests = Object.fromEntries(
      m
        .series('punchcard_slack_requests_total')
        .map((s) => [`${s.labels.kind} ${s.labels.listener}`, s.value]),
    );
    expect(requests).toEqual({
      'action timesheet_page': 1,
      'action other': 1,
      'event app_home_opened': 1,
      'event other': 1,
      'command other': 1,
    });
  });
});
