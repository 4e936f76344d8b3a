/** users.info, users.lookupByEmail and users.list, over the directory `addUser` fills. */
import type { FakeSlackState } from '../state.js';
import type { Handler } from '../types.js';
import { decodeCursor, encodeCursor, flag, int, missing, str } from '../util.js';

export function userMethods(s: FakeSlackState): Record<string, Handler> {
  return {
    'users.info': (args) => {
      const id = str(args.user);
      if (!id) return missing('user');
      const user = s.users.get(id);
      if (!user) return { ok: false, error: 'user_not_found' };
      return { ok: true, user: flag(args.include_locale) ? { ...user, locale: 'en-US' } : user };
    },

    'users.lookupByEmail': (args) => {
      const email = str(args.email)?.toLowerCase();
      if (!email) return missing('email');
      for (const u of s.users.values()) {
        if (String((u.profile as Record<string, unknown>).email).toLowerCase() === email)
          return { ok: true, user: u };
      }
      return { ok: false, error: 'users_not_found' };
    },

    'users.list': (args) => {
      const offset = decodeCursor(args.cursor);
      if (offset === null) return { ok: false, error: 'invalid_cursor' };
      const limit = Math.max(1, Math.min(int(args.limit, 1000) || 1000, 1000));
      const all = [...s.users.values()];
      const members = all.slice(offset, offset + limit);
      const next = offset + limit < all.length ? encodeCursor(offset + limit) : '';
      return {
        ok: true,
        members: flag(args.include_locale) ? members.map((m) => ({ ...m, locale: 'en-US' })) : members,
        cache_ts: Math.floor(s.now() / 1000),
        response_metadata: { next_cursor: next },
      };
    },
  };
}
