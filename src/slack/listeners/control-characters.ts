import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { controlCharacterMessage, findControlCharacter } from '../../domain/text.js';
import { answer, type ListenerDeps, problem } from './context.js';

/** Every typed value of a view submission's state, with the input block it came from. */
function typedValues(state: unknown): Array<{ blockId: string; text: string }> {
  const out: Array<{ blockId: string; text: string }> = [];
  const values = (state as { values?: Record<string, Record<string, { value?: unknown }>> } | undefined)
    ?.values;
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    for (const action of Object.values(actions ?? {})) {
      if (typeof action?.value === 'string') out.push({ blockId, text: action.value });
    }
  }
  return out;
}

/**
 * Text a person types reaches the app three ways: a slash command, a form, a DM. Each is checked
 * here, before any listener, so no control character is stored (a NUL made Postgres fail with
 * "Something went wrong") and the person learns what to change.
 */
export function controlCharacterGuard(deps: ListenerDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, next } = args;
    const b = body as Record<string, unknown>;
    // Which of ack/respond exist depends on the kind of request; read them loosely.
    const { ack, respond } = args as unknown as {
      ack?: (response?: unknown) => Promise<void>;
      respond?: Parameters<typeof answer>[1];
    };

    if (typeof b.command === 'string' && typeof b.text === 'string' && respond && ack) {
      const code = findControlCharacter(b.text);
      if (code) {
        await ack();
        await answer(deps, respond, `command:${b.command}`, async () =>
          problem({ message: controlCharacterMessage(code), hint: `\`${b.command} help\`` }),
        );
        return;
      }
    }

    if (b.type === 'view_submission' && ack) {
      const errors: Record<string, string> = {};
      for (const { blockId, text } of typedValues((b.view as { state?: unknown } | undefined)?.state)) {
        const code = findControlCharacter(text);
        if (code) errors[blockId] = `Remove the invisible control character (${code}) from this text.`;
      }
      if (Object.keys(errors).length > 0) {
        await ack({ response_action: 'errors', errors });
        return;
      }
    }

    const event = b.event as
      | { type?: string; channel_type?: string; channel?: string; text?: unknown }
      | undefined;
    if (b.type === 'event_callback' && event?.type === 'message' && event.channel_type === 'im') {
      const code = typeof event.text === 'string' ? findControlCharacter(event.text) : null;
      if (code && event.channel && !(event as { bot_id?: string }).bot_id) {
        await args.client.chat
          .postMessage({ channel: event.channel, text: controlCharacterMessage(code) })
          .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not refuse a DM answer'));
        return;
      }
    }

    await next();
  };
}
