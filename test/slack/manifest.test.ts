import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from '@slack/bolt';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import * as actions from '../../src/slack/listeners/actions/index.js';
import * as commands from '../../src/slack/listeners/commands/index.js';
import type { ListenerDeps } from '../../src/slack/listeners/context.js';
import * as events from '../../src/slack/listeners/events/index.js';
import * as views from '../../src/slack/listeners/views/index.js';

const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
// Slack's v1 manifest schema, vendored with its MIT licence (see test/fixtures/slack/README.md).
const schema = JSON.parse(
  readFileSync(join(root, 'test', 'fixtures', 'slack', 'manifest.schema.1.0.0.json'), 'utf8'),
);

/** What the code registers, read off a real Bolt app. */
function registered() {
  const app = new App({ token: 'xoxb-x', signingSecret: 'x', tokenVerificationEnabled: false });
  const seen = { commands: [] as string[], events: [] as string[], actions: 0, views: 0 };
  const original = { command: app.command.bind(app), event: app.event.bind(app) };
  app.command = ((name: string, ...rest: never[]) => {
    seen.commands.push(name);
    return original.command(name, ...rest);
  }) as typeof app.command;
  app.event = ((name: string, ...rest: never[]) => {
    seen.events.push(name);
    return original.event(name, ...rest);
  }) as typeof app.event;
  const deps = {} as ListenerDeps;
  commands.register(app, deps);
  events.register(app, deps);
  actions.register(app, deps);
  views.register(app, deps);
  return seen;
}

describe('manifest.json', () => {
  it("is valid against Slack's v1 app manifest schema", () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('declares every slash command the code registers, and no other', () => {
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command).sort();
    expect(registered().commands.sort()).toEqual(declared);
    expect([...commands.COMMANDS].sort()).toEqual(declared);
  });

  it('subscribes to every event the code listens for', () => {
    const subscribed: string[] = manifest.settings.event_subscriptions.bot_events;
    // Slack subscribes to `message.im`; Bolt listens for its event type, `message`.
    expect(registered().events.sort()).toEqual([...new Set(subscribed.map((e) => e.split('.')[0]))].sort());
    expect([...events.EVENTS].sort()).toEqual([...subscribed].sort());
  });

  it('enables interactivity for the buttons and modals, and escapes mentions where commands take @user', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const byName = Object.fromEntries(
      manifest.features.slash_commands.map((c: { command: string; should_escape: boolean }) => [
        c.command,
        c,
      ]),
    );
    expect(byName['/timesheet'].should_escape).toBe(true);
    expect(byName['/punchcard'].should_escape).toBe(true);
    expect(byName['/standup'].should_escape).toBe(true);
  });

  it('asks for the scopes the code uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'users:read']),
    );
  });
});
