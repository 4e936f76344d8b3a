/**
 * The sandbox's web page and the JSON it talks to (node:http, no framework): GET / and its two
 * assets, GET /api/state (what the picked person sees), POST /api/* (what they do), GET /files/<id>
 * (a file the bot uploaded). Every body from the browser is parsed with zod.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import type { RunningPunchcard } from '../server.js';
import type { CheckinsPort } from '../services/ports.js';
import { advanceTo, nextCheckin, nextMondayNine, type SandboxClock } from './clock.js';
import { CHANNELS, PEOPLE } from './team.js';
import type { Workspace } from './workspace.js';

const ASSETS: Record<string, string> = {
  '/': 'index.html',
  '/app.js': 'app.js',
  '/app.css': 'app.css',
};
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

const userId = z.string().refine((id) => PEOPLE.some((p) => p.id === id), 'not a sandbox person');
const conversation = z.string().regex(/^[CD][A-Z0-9]+$/);
const stateValues = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));

const Command = z.object({ userId, conversation, text: z.string().min(1).max(4000) });
const Action = z.object({
  userId,
  surface: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('message'), channel: conversation, ts: z.string() }),
    z.object({ kind: z.literal('ephemeral'), channel: conversation, ts: z.string() }),
    z.object({ kind: z.literal('view'), viewId: z.string() }),
  ]),
  actionId: z.string().min(1),
  selection: z
    .object({
      selectedOption: z.string().optional(),
      selectedOptions: z.array(z.string()).optional(),
      selectedDate: z.string().optional(),
      selectedUser: z.string().optional(),
    })
    .default({}),
  stateValues: stateValues.default({}),
});
const Submit = z.object({ userId, viewId: z.string(), values: stateValues });
const Person = z.object({ userId });
const Clock = z.object({
  userId,
  to: z.enum(['next-checkin', 'monday-0900', 'plus-hour', 'plus-day']),
});

export interface WebDeps {
  workspace: Workspace;
  clock: SandboxClock;
  app: () => RunningPunchcard;
  checkins: CheckinsPort;
  teamId: string;
  assetsDir: string;
}

class BadRequest extends Error {}

export function createWebServer(deps: WebDeps): Server {
  const { workspace, clock } = deps;
  // One clock move at a time; the browser waits for its answer.
  let moving: Promise<unknown> = Promise.resolve();

  const moveClock = async (body: z.infer<typeof Clock>): Promise<Record<string, unknown>> => {
    const now = clock.now();
    const zone = workspace.person(body.userId)?.tz ?? 'UTC';
    let to: Date | null;
    if (body.to === 'next-checkin') {
      const checkins = await deps.checkins.list(deps.teamId);
      to = nextCheckin(now, checkins, (id) => workspace.person(id)?.tz ?? 'UTC');
      if (!to)
        return {
          ok: false,
          error: 'No check-in has anyone in it yet: try /standup create #team 09:30 @nora @lena @ravi',
        };
    } else if (body.to === 'monday-0900') to = nextMondayNine(now, zone);
    else to = new Date(now.getTime() + (body.to === 'plus-hour' ? 3_600_000 : 86_400_000));
    const target = to;
    const run = moving.then(() => advanceTo(clock, deps.app(), target));
    moving = run.catch(() => undefined);
    const outcomes = await run;
    return {
      ok: true,
      now: clock.now().toISOString(),
      sent: outcomes.filter((o) => o.result === 'sent').length,
    };
  };

  const api = async (method: string, path: string, url: URL, req: IncomingMessage) => {
    if (method === 'GET' && path === '/api/state') {
      const who = userId.parse(url.searchParams.get('user'));
      const where = conversation.parse(url.searchParams.get('conversation') ?? `D${who}`);
      return stateFor(deps, who, where);
    }
    if (method !== 'POST') throw new BadRequest('not found');
    const body: unknown = JSON.parse((await readBody(req)) || '{}');
    switch (path) {
      case '/api/command': {
        const input = Command.parse(body);
        if (input.text.trim().startsWith('/'))
          await workspace.command(input.userId, input.conversation, input.text);
        else if (input.conversation === `D${input.userId}`) await workspace.dm(input.userId, input.text);
        else throw new BadRequest('In a channel, type a slash command such as /log 2h design.');
        return { ok: true };
      }
      case '/api/action': {
        const input = Action.parse(body);
        await workspace.action(
          input.userId,
          input.surface,
          input.actionId,
          input.selection,
          input.stateValues,
        );
        return { ok: true };
      }
      case '/api/submit': {
        const input = Submit.parse(body);
        return workspace.submit(input.userId, input.viewId, input.values);
      }
      case '/api/close':
        workspace.closeModal(Person.parse(body).userId);
        return { ok: true };
      case '/api/home':
        await workspace.openHome(Person.parse(body).userId);
        return { ok: true };
      case '/api/clock':
        return moveClock(Clock.parse(body));
      default:
        throw new BadRequest('not found');
    }
  };

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const asset = ASSETS[url.pathname];
    if (method === 'GET' && asset) return void serveAsset(res, join(deps.assetsDir, asset));
    const file = /^\/files\/([A-Z0-9]+)$/.exec(url.pathname);
    if (method === 'GET' && file) return void serveFile(res, workspace, file[1] ?? '');
    if (!url.pathname.startsWith('/api/')) return void send(res, 404, { ok: false, error: 'not found' });
    api(method, url.pathname, url, req).then(
      (answer) => send(res, 200, answer),
      (error: unknown) => {
        const status =
          error instanceof z.ZodError || error instanceof BadRequest || error instanceof SyntaxError
            ? 400
            : 500;
        const message =
          error instanceof z.ZodError
            ? z.prettifyError(error)
            : error instanceof Error
              ? error.message
              : String(error);
        send(res, status, { ok: false, error: message });
      },
    );
  });
}

/** What one person sees: the people, channels, one conversation, their modal and Home tab, the time. */
function stateFor(deps: WebDeps, who: string, where: string) {
  const { fake } = deps.workspace;
  const bot = { id: fake.botUserId, name: 'Punchcard', bot: true };
  const author = (id: string) => {
    const p = PEOPLE.find((x) => x.id === id);
    return p ? { id, name: p.real_name, bot: false } : bot;
  };
  const items = [
    ...fake.messagesIn(where).map((m) => ({
      kind: 'message' as const,
      ts: m.ts,
      author: author(m.user),
      text: m.text,
      blocks: m.blocks ?? null,
    })),
    ...fake.ephemerals
      .filter((e) => e.channel === where && e.user === who)
      .map((e) => ({
        kind: 'ephemeral' as const,
        ts: e.ts,
        author: bot,
        text: e.text,
        blocks: e.blocks ?? null,
      })),
    ...fake.uploadedFiles
      .filter((f) => f.channels.includes(where))
      .map((f) => ({
        kind: 'file' as const,
        ts: f.ts,
        author: bot,
        text: f.initial_comment ?? '',
        blocks: null,
        file: { id: f.id, name: f.filename, title: f.title, bytes: f.content.length },
      })),
  ].sort((a, b) => Number.parseFloat(a.ts) - Number.parseFloat(b.ts));
  const modal = deps.workspace.modal(who);
  const home = fake.homeViews.get(who);
  return {
    ok: true,
    now: deps.clock.now().toISOString(),
    me: who,
    people: PEOPLE,
    channels: CHANNELS,
    conversation: where,
    items,
    modal: modal ? pickView(modal) : null,
    home: home ? pickView(home) : null,
    // What Slack would have refused from the app (Block Kit limits): shown to whoever is looking.
    refused: fake.violations
      .slice(-3)
      .map((v) => ({ method: v.method, error: v.error, messages: v.messages })),
  };
}

function pickView(view: Record<string, unknown>) {
  const { id, hash, type, title, submit, close, blocks, callback_id } = view;
  return { id, hash, type, title, submit, close, blocks, callback_id };
}

async function serveAsset(res: ServerResponse, path: string): Promise<void> {
  try {
    const body = await readFile(path);
    res.writeHead(200, {
      'content-type': TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(body);
  } catch {
    send(res, 404, { ok: false, error: 'not found' });
  }
}

function serveFile(res: ServerResponse, workspace: Workspace, id: string): void {
  const file = workspace.fake.uploadedFiles.find((f) => f.id === id);
  if (!file) {
    send(res, 404, { ok: false, error: 'no such file' });
    return;
  }
  res.writeHead(200, {
    'content-type': file.filename.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/octet-stream',
    'content-disposition': `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
  });
  res.end(file.content);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new BadRequest('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
