/** views.open, views.push, views.update and views.publish: modals and home tabs. */
import { checkView } from '../block-kit.js';
import type { FakeSlackState } from '../state.js';
import type { Args, FakeView, Handler, RecordedCall, Result } from '../types.js';
import { flag, isRecord, missing, str } from '../util.js';

/** The view object Slack answers with (and stores), built from what the app sent (also what a submission's `response_action: update|push` makes). */
export function buildView(
  s: FakeSlackState,
  id: string,
  v: Record<string, unknown>,
  previous?: FakeView,
): FakeView {
  const seq = s.nextSeq();
  return {
    id,
    team_id: s.teamId,
    type: String(v.type),
    blocks: Array.isArray(v.blocks) ? v.blocks : [],
    private_metadata: str(v.private_metadata) ?? '',
    callback_id: str(v.callback_id) ?? '',
    state: { values: {} },
    hash: `${Math.floor(s.now() / 1000)}.${seq.toString(36).padStart(8, '0')}`,
    title: v.title ?? null,
    close: v.close ?? null,
    submit: v.submit ?? null,
    clear_on_close: flag(v.clear_on_close),
    notify_on_close: flag(v.notify_on_close),
    external_id: str(v.external_id) ?? '',
    previous_view_id: previous?.previous_view_id ?? null,
    root_view_id: previous?.root_view_id ?? id,
    app_id: s.appId,
    app_installed_team_id: s.teamId,
    bot_id: s.botId,
  };
}

function validateView(s: FakeSlackState, method: string, view: unknown): Result | null {
  if (!isRecord(view) || typeof view.type !== 'string') return { ok: false, error: 'invalid_arguments' };
  return s.blockKit(method, checkView(view));
}

export function viewMethods(s: FakeSlackState): Record<string, Handler> {
  const openOrPush = (args: Args, call: RecordedCall): Result => {
    const trigger = str(args.trigger_id);
    if (!trigger) return missing('trigger_id');
    if (args.view === undefined) return missing('view');
    const invalid = validateView(s, call.method, args.view);
    if (invalid) return invalid;
    const triggerErr = s.checkTrigger(trigger);
    if (triggerErr) return { ok: false, error: triggerErr };
    const view = buildView(s, s.nextId('V'), args.view as Record<string, unknown>);
    s.views.set(view.id, view);
    return { ok: true, view };
  };

  return {
    'views.open': openOrPush,
    'views.push': openOrPush,

    'views.update': (args) => {
      const viewId = str(args.view_id);
      const externalId = str(args.external_id);
      if (!viewId && !externalId) return missing('view_id');
      if (args.view === undefined) return missing('view');
      const invalid = validateView(s, 'views.update', args.view);
      if (invalid) return invalid;
      let current = viewId ? s.views.get(viewId) : undefined;
      if (!current && externalId) {
        for (const v of s.views.values()) if (v.external_id === externalId) current = v;
      }
      if (!current) return { ok: false, error: 'not_found' };
      const hash = str(args.hash);
      if (hash && hash !== current.hash) return { ok: false, error: 'hash_conflict' };
      const view = buildView(s, current.id, args.view as Record<string, unknown>, current);
      s.views.set(view.id, view);
      return { ok: true, view };
    },

    'views.publish': (args) => {
      const userId = str(args.user_id);
      if (!userId) return missing('user_id');
      if (args.view === undefined) return missing('view');
      const invalid = validateView(s, 'views.publish', args.view);
      if (invalid) return invalid;
      const v = args.view as Record<string, unknown>;
      if (v.type !== 'home') return { ok: false, error: 'invalid_arguments' };
      const current = s.homeViews.get(userId);
      const hash = str(args.hash);
      if (hash && current && hash !== current.hash) return { ok: false, error: 'hash_conflict' };
      const view = buildView(s, current?.id ?? s.nextId('V'), v, current);
      s.homeViews.set(userId, view);
      s.views.set(view.id, view);
      return { ok: true, view };
    },
  };
}
