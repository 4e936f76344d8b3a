/** Every Web API method the fake models, by name. Methods not listed here are answered `{ ok: true }`. */
import type { FakeSlackState } from '../state.js';
import type { Handler } from '../types.js';
import { chatMethods } from './chat.js';
import { conversationMethods } from './conversations.js';
import { fileMethods } from './files.js';
import { userMethods } from './users.js';
import { viewMethods } from './views.js';

/** api.test, auth.test, apps.connections.open and team.info: who the bot is, where, and how it connects. */
function identityMethods(s: FakeSlackState): Record<string, Handler> {
  return {
    'api.test': (args) => ({ ok: true, args }),

    'auth.test': () => ({
      ok: true,
      url: s.workspaceUrl,
      team: s.teamName,
      user: 'punchcard',
      team_id: s.teamId,
      user_id: s.botUserId,
      bot_id: s.botId,
      is_enterprise_install: false,
    }),

    // Socket Mode's handshake: only an app-level token (xapp-…) may open a connection.
    'apps.connections.open': (_args, call) =>
      call.token?.startsWith('xapp-')
        ? { ok: true, url: `${s.url.replace(/^http/, 'ws')}/socket-mode` }
        : { ok: false, error: 'not_allowed_token_type' },

    'team.info': () => ({
      ok: true,
      team: { id: s.teamId, name: s.teamName, domain: s.teamDomain, url: s.workspaceUrl },
    }),
  };
}

export function buildHandlers(s: FakeSlackState): Map<string, Handler> {
  return new Map(
    Object.entries({
      ...identityMethods(s),
      ...userMethods(s),
      ...conversationMethods(s),
      ...chatMethods(s),
      ...viewMethods(s),
      ...fileMethods(s),
    }),
  );
}
