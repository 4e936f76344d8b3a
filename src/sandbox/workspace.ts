/**
 * The Slack client side of the sandbox: what a person does in the page (type a command or a DM
 * reply, click, submit a form, open the Home tab) becomes the request Slack would send the app
 * (requests.ts, over Socket Mode or signed HTTP), and what the app answers on response URLs and in
 * views.open/push is applied the way Slack shows it: ephemeral replies to one person,
 * `replace_original`/`delete_original`, `response_type: in_channel`, one modal stack per person.
 */
import type { FakeSlack, SlackSender, StoredEphemeral, StoredMessage } from './slack/index.js';
import { buildView } from './slack/methods/views.js';
import type { FakeView, RecordedCall, RecordedResponse } from './slack/types.js';
import { isRecord } from './slack/util.js';
import { CHANNELS, commandText, PEOPLE, type Person, slackEscape } from './team.js';

/** Where a response_url's posts land. */
interface ResponseTarget {
  userId: string;
  channel: string;
  /** The message it replaces or deletes: the one clicked, else the last reply it posted. */
  source: { kind: 'message' | 'ephemeral'; ts: string } | null;
}

/** An element's value as the person chose it in the page. */
export interface Selection {
  selectedOption?: string;
  selectedOptions?: string[];
  selectedDate?: string;
  selectedUser?: string;
}

export type Surface =
  | { kind: 'message'; channel: string; ts: string }
  | { kind: 'ephemeral'; channel: string; ts: string }
  | { kind: 'view'; viewId: string };

export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/** What a form submission answered, for the page: field errors to show, or nothing. */
export type SubmitResult = { ok: true } | { ok: false; errors: Record<string, string> };

export class Workspace {
  private readonly targets = new Map<string, ResponseTarget>();
  private readonly triggers = new Map<string, string>();
  /** Open modals per person, the top last (view ids). */
  private readonly modals = new Map<string, string[]>();

  constructor(
    readonly fake: FakeSlack,
    private readonly sender: () => SlackSender,
  ) {
    for (const p of PEOPLE) fake.addUser({ ...p, display_name: p.real_name });
    for (const c of CHANNELS) fake.addChannel({ ...c, members: PEOPLE.map((p) => p.id) });
    fake.observers.add({ call: (call) => this.onCall(call), response: (r) => this.onResponse(r) });
  }

  person(id: string): Person | undefined {
    return PEOPLE.find((p) => p.id === id);
  }

  /** The modal on top of this person's stack, if any. */
  modal(userId: string): FakeView | undefined {
    const stack = this.modals.get(userId) ?? [];
    const top = stack[stack.length - 1];
    return top ? this.fake.getView(top) : undefined;
  }

  /** A slash command typed in `channel` (a `D…` id for the DM with the app). */
  async command(userId: string, channel: string, line: string): Promise<void> {
    const match = /^(\/[a-z]+)\s*([\s\S]*)$/.exec(line.trim());
    if (!match?.[1]) throw new Error('a command starts with / and a name, like /log');
    const command = match[1];
    const text = commandText(command, match[2] ?? '');
    const responseUrl = this.fake.responseUrl();
    this.targets.set(responseUrl, { userId, channel, source: null });
    await this.sender().command({
      command,
      text,
      userId,
      channelId: channel,
      channelName: this.channelName(channel),
      responseUrl,
      triggerId: this.trigger(userId),
    });
  }

  /** A message typed in the DM with the app (a check-in answer), as the `message.im` event. */
  async dm(userId: string, text: string): Promise<void> {
    const message = this.fake.addMessage({ channel: `D${userId}`, user: userId, text: slackEscape(text) });
    await this.sender().event({
      type: 'message',
      channel: message.channel,
      channel_type: 'im',
      user: userId,
      text: message.text,
      ts: message.ts,
    });
  }

  /** Opening the Home tab: Slack's app_home_opened event. */
  async openHome(userId: string): Promise<void> {
    await this.sender().event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
  }

  /** A click or a choice on an element of a message, an ephemeral message, a modal or the Home tab. */
  async action(
    userId: string,
    surface: Surface,
    actionId: string,
    selection: Selection,
    stateValues: StateValues,
  ): Promise<void> {
    const blocks = this.blocksOf(userId, surface);
    const found = findElement(blocks, actionId);
    if (!found) throw new Error(`no element ${actionId} there`);
    const { element, blockId } = found;
    const type = String(element.type);
    const extra: Record<string, unknown> = {};
    if (type === 'button' && element.text) extra.text = element.text;
    if (selection.selectedDate !== undefined) extra.selected_date = selection.selectedDate;
    if (selection.selectedUser !== undefined) extra.selected_user = selection.selectedUser;
    if (selection.selectedOptions !== undefined)
      extra.selected_options = selection.selectedOptions.map((v) => optionOf(element, v));
    const option =
      selection.selectedOption !== undefined ? optionOf(element, selection.selectedOption) : null;
    // Actions on messages get a response URL that answers onto that message; views get none.
    let responseUrl: string | undefined;
    if (surface.kind !== 'view') {
      responseUrl = this.fake.responseUrl();
      this.targets.set(responseUrl, {
        userId,
        channel: surface.channel,
        source: { kind: surface.kind, ts: surface.ts },
      });
    }
    await this.sender().action({
      userId,
      actionId,
      actionType: type,
      ...(blockId ? { blockId } : {}),
      ...(typeof element.value === 'string' ? { value: element.value } : {}),
      ...(option ? { selectedOption: option } : {}),
      ...(surface.kind === 'view'
        ? { viewId: surface.viewId }
        : {
            channelId: surface.channel,
            channelName: this.channelName(surface.channel),
            messageTs: surface.ts,
            ephemeral: surface.kind === 'ephemeral',
          }),
      ...(responseUrl ? { responseUrl } : {}),
      stateValues,
      extra,
      triggerId: this.trigger(userId),
    });
  }

  /** Submits the person's top modal; its ack's response_action is applied as Slack applies it. */
  async submit(userId: string, viewId: string, values: StateValues): Promise<SubmitResult> {
    const view = this.modal(userId);
    if (!view || view.id !== viewId) throw new Error('that form is no longer open');
    const sent = await this.sender().viewSubmission({
      userId,
      view: {
        id: view.id,
        callback_id: String(view.callback_id ?? ''),
        private_metadata: String(view.private_metadata ?? ''),
        state: { values },
        hash: view.hash,
      },
      triggerId: this.trigger(userId),
    });
    if (sent.status !== 200) throw new Error(`the app answered ${sent.status}`);
    const ack: unknown = sent.body;
    const stack = this.modals.get(userId) ?? [];
    const action = isRecord(ack) ? ack.response_action : undefined;
    if (action === 'errors' && isRecord(ack) && isRecord(ack.errors))
      return {
        ok: false,
        errors: Object.fromEntries(Object.entries(ack.errors).map(([k, v]) => [k, String(v)])),
      };
    if ((action === 'update' || action === 'push') && isRecord(ack) && isRecord(ack.view)) {
      const next = buildView(
        this.fake,
        action === 'update' ? view.id : this.fake.nextId('V'),
        ack.view,
        view,
      );
      this.fake.views.set(next.id, next);
      if (action === 'push') stack.push(next.id);
    } else if (action === 'clear') {
      stack.length = 0;
    } else {
      stack.pop();
    }
    this.modals.set(userId, stack);
    return { ok: true };
  }

  /** Cancel or ✕ on the top modal. */
  closeModal(userId: string): void {
    this.modals.get(userId)?.pop();
  }

  private blocksOf(userId: string, surface: Surface): unknown[] {
    if (surface.kind === 'view') {
      const view = this.fake.getView(surface.viewId);
      const own =
        view &&
        (view.type === 'home'
          ? this.fake.homeViews.get(userId)?.id === view.id
          : this.modal(userId)?.id === view.id);
      if (!own) throw new Error('that view is not open');
      return view.blocks as unknown[];
    }
    if (surface.kind === 'ephemeral') {
      const eph = this.fake.ephemerals.find((e) => e.ts === surface.ts && e.user === userId);
      if (!eph) throw new Error('that message is gone');
      return eph.blocks ?? [];
    }
    const message = this.fake.findMessage(surface.channel, surface.ts);
    if (!message) throw new Error('that message is gone');
    return message.blocks ?? [];
  }

  private trigger(userId: string): string {
    const id = this.fake.triggerId();
    this.triggers.set(id, userId);
    return id;
  }

  private channelName(channel: string): string {
    return channel.startsWith('D')
      ? 'directmessage'
      : (CHANNELS.find((c) => c.id === channel)?.name ?? channel);
  }

  private onCall(call: RecordedCall): void {
    if (call.method !== 'views.open' && call.method !== 'views.push') return;
    const userId = this.triggers.get(String(call.args.trigger_id));
    const view = isRecord(call.response) && isRecord(call.response.view) ? call.response.view : null;
    if (!userId || !call.response?.ok || !view || typeof view.id !== 'string') return;
    const stack = call.method === 'views.open' ? [] : (this.modals.get(userId) ?? []);
    stack.push(view.id);
    this.modals.set(userId, stack);
  }

  /** A POST to a response URL, shown as Slack shows it. */
  private onResponse(record: RecordedResponse): void {
    const target = this.targets.get(record.url);
    const body: unknown = record.body;
    if (!target || !isRecord(body)) return;
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    const source = target.source;
    if (body.delete_original === true && source) {
      this.remove(target.channel, source);
      return;
    }
    if (body.replace_original === true && source) {
      const replaced = this.replace(target, source, text, blocks);
      if (replaced) return;
    }
    if (body.response_type === 'in_channel') {
      const message: StoredMessage = {
        channel: target.channel,
        ts: this.fake.nextTs(),
        text,
        blocks,
        metadata: undefined,
        user: this.fake.botUserId,
        bot_id: this.fake.botId,
      };
      this.fake.storeMessage(message);
      target.source = { kind: 'message', ts: message.ts };
      return;
    }
    const eph: StoredEphemeral = {
      channel: target.channel,
      user: target.userId,
      ts: this.fake.nextTs(),
      text,
      blocks,
      ephemeral: true,
    };
    this.fake.ephemerals.push(eph);
    target.source = { kind: 'ephemeral', ts: eph.ts };
  }

  private replace(
    target: ResponseTarget,
    source: NonNullable<ResponseTarget['source']>,
    text: string,
    blocks: unknown[] | undefined,
  ): boolean {
    if (source.kind === 'ephemeral') {
      const eph = this.fake.ephemerals.find((e) => e.ts === source.ts && e.user === target.userId);
      if (!eph) return false;
      eph.text = text;
      eph.blocks = blocks;
      return true;
    }
    const message = this.fake.findMessage(target.channel, source.ts);
    if (!message) return false;
    message.text = text;
    message.blocks = blocks;
    return true;
  }

  private remove(channel: string, source: NonNullable<ResponseTarget['source']>): void {
    if (source.kind === 'ephemeral') {
      const i = this.fake.ephemerals.findIndex((e) => e.ts === source.ts);
      if (i !== -1) this.fake.ephemerals.splice(i, 1);
      return;
    }
    const message = this.fake.findMessage(channel, source.ts);
    if (message) this.fake.removeMessage(message);
  }
}

/** The element with `actionId` (an accessory, an actions/input element) and its block's id. */
function findElement(
  blocks: unknown[],
  actionId: string,
): { element: Record<string, unknown>; blockId: string | undefined } | undefined {
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    const candidates = [
      ...(Array.isArray(block.elements) ? block.elements : []),
      block.accessory,
      block.element,
    ];
    for (const element of candidates) {
      if (isRecord(element) && element.action_id === actionId)
        return { element, blockId: typeof block.block_id === 'string' ? block.block_id : undefined };
    }
  }
  return undefined;
}

/** The option of a menu, checkboxes or radio element with this value (its text as the element has it). */
function optionOf(
  element: Record<string, unknown>,
  value: string,
): { value: string; text: { type: 'plain_text'; text: string } } {
  const groups = Array.isArray(element.option_groups) ? element.option_groups : [];
  const options = [
    ...(Array.isArray(element.options) ? element.options : []),
    ...groups.flatMap((g) => (isRecord(g) && Array.isArray(g.options) ? g.options : [])),
  ];
  const found = options.find((o) => isRecord(o) && o.value === value);
  if (!isRecord(found)) throw new Error(`no option ${value}`);
  const text = isRecord(found.text) && typeof found.text.text === 'string' ? found.text.text : value;
  return { value, text: { type: 'plain_text', text } };
}
