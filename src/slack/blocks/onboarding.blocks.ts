import type { ActionsBlock, KnownBlock, ModalView, MrkdwnOption } from '@slack/types';
import { formatDayLabel } from '../../domain/local-date.js';
import { MAX_ITEMS_FIELD, progressText } from '../../domain/onboarding.js';
import type { Project } from '../../domain/projects.js';
import type { Checklist, ChecklistItem, OnboardingProgress, OnboardingView } from '../../services/ports.js';
import { packLines } from './fit.js';
import { ActionId, OnboardingField, ViewId } from './ids.js';
import { plainMessage, type SlackMessage } from './message.js';
import { escapeMrkdwn, escapeWithin } from './text.js';

/* The onboarding checklist: its DM, its Home tab part, the modal that edits it, and its replies. */

/** Slack allows ten options in one group of checkboxes: a longer checklist takes several groups. */
export const CHECKBOXES_PER_GROUP = 10;

/**
 * A group's block id: the onboarding, then the items it shows. A tick sends the group's selected
 * options only, so the block id says which items the others (now unticked) are.
 */
export function tickBlockId(onboardingId: number, itemIds: readonly number[]): string {
  return `onb|${onboardingId}|${itemIds.join('.')}`;
}

function askText(item: ChecklistItem): string | null {
  if (item.askUserId) return `ask <@${item.askUserId}>`;
  if (item.askName) return `ask @${item.askName}`;
  return null;
}

function option(item: ChecklistItem): MrkdwnOption {
  // Item text is at most 75 characters as Slack counts it (MAX_ITEM_TEXT): escapeWithin only guards older rows.
  return {
    text: { type: 'mrkdwn', text: escapeWithin(item.text, 75) },
    value: String(item.id),
    ...(item.days
      ? { description: { type: 'plain_text', text: `within ${item.days} day${item.days === 1 ? '' : 's'}` } }
      : {}),
  };
}

/** The checklist as groups of at most ten checkboxes, the ticked ones ticked. */
export function checklistGroups(view: OnboardingView): ActionsBlock[] {
  const groups: ActionsBlock[] = [];
  for (let at = 0; at < view.items.length; at += CHECKBOXES_PER_GROUP) {
    const items = view.items.slice(at, at + CHECKBOXES_PER_GROUP);
    const options = items.map(option);
    const ticked = options.filter((_, i) => items[i]?.ticked);
    groups.push({
      type: 'actions',
      block_id: tickBlockId(
        view.id,
        items.map((i) => i.id),
      ),
      elements: [
        {
          type: 'checkboxes',
          action_id: ActionId.onboardingTick,
          options,
          ...(ticked.length > 0 ? { initial_options: ticked } : {}),
        },
      ],
    });
  }
  return groups;
}

export function doneCount(view: OnboardingView): { done: number; total: number } {
  return { done: view.items.filter((i) => i.ticked).length, total: view.items.length };
}

function progressLine(view: OnboardingView): string {
  const { done, total } = doneCount(view);
  return done === total && total > 0
    ? `:tada: ${progressText(done, total)}: you are all set on \`${view.projectKey}\`.`
    : progressText(done, total);
}

/** Each item's link and whom to ask (a checkbox has no room for them). */
function detailLines(view: OnboardingView): string[] {
  return view.items
    .filter((i) => i.link || i.askUserId || i.askName)
    .map((i) => {
      const ask = askText(i);
      const bits = [
        i.link ? escapeMrkdwn(i.link) : null,
        ask ? (i.askUserId ? ask : escapeMrkdwn(ask)) : null,
      ];
      return `• ${escapeMrkdwn(i.text)}: ${bits.filter(Boolean).join(' · ')}`;
    });
}

/** The DM: welcome, checklist and progress ("4 of 6 done"), updated in place as items are ticked. */
export function checklistMessage(view: OnboardingView): SlackMessage {
  const title = `Welcome to ${view.projectKey}${view.projectName ? ` (${view.projectName})` : ''}`;
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } }];
  // The welcome is the manager's mrkdwn: formatting kept, &, < and > escaped (MAX_WELCOME_LENGTH fits a section).
  if (view.welcome)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(view.welcome) } });
  if (view.items.length > 0) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: '*Your checklist*: tick each item as you finish it.' },
    });
    blocks.push(...checklistGroups(view));
    const details = detailLines(view);
    if (details.length > 0)
      for (const { text } of packLines(['*Links and whom to ask*', ...details]))
        blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${progressLine(view)} · also on your Punchcard Home tab` }],
  });
  const { done, total } = doneCount(view);
  return { text: `${title}: ${progressText(done, total)}`, blocks };
}

/** One open checklist on the person's Home tab: its title and progress, then its checkboxes. */
export function homeChecklistBlocks(view: OnboardingView): KnownBlock[] {
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*Onboarding on \`${view.projectKey}\`* · ${progressLine(view)}` },
    },
    ...checklistGroups(view),
  ];
}

/** A manager's line for one person still onboarding. */
export function progressLineFor(p: OnboardingProgress): string {
  return `<@${p.userId}> on \`${p.projectKey}\`: ${progressText(p.done, p.total)} (since ${formatDayLabel(p.startedAt.toISOString().slice(0, 10))})`;
}

export function itemReminderMessage(view: OnboardingView, itemId: number): SlackMessage {
  const item = view.items.find((i) => i.id === itemId);
  const what = item ? `*${escapeMrkdwn(item.text)}*` : 'An item';
  const days = item?.days ? ` was due within ${item.days} day${item.days === 1 ? '' : 's'}` : ' is past due';
  const ask = item ? askText(item) : null;
  const text = `:alarm_clock: Reminder: ${what} on your \`${view.projectKey}\` checklist${days}.${ask ? ` Stuck? ${item?.askUserId ? ask : escapeMrkdwn(ask)}.` : ''} Tick it in the checklist I sent, or on my Home tab.`;
  return plainMessage(text);
}

export function untouchedMessage(input: {
  userId: string;
  projectKey: string;
  done: number;
  total: number;
  since: Date;
}): SlackMessage {
  return plainMessage(
    `:hourglass_flowing_sand: <@${input.userId}>'s onboarding checklist on \`${input.projectKey}\` has not moved since ${formatDayLabel(input.since.toISOString().slice(0, 10))} (${progressText(input.done, input.total)}). A quick check-in may help.`,
  );
}

export function allSetMessage(input: { userId: string; projectKey: string }): SlackMessage {
  return plainMessage(`:tada: <@${input.userId}> is all set on \`${input.projectKey}\`.`);
}

/** An item as it is typed in the modal's Items field, so editing shows what was saved. */
export function itemLine(item: ChecklistItem): string {
  const bits = [item.text];
  if (item.link) bits.push(item.link);
  if (item.askUserId) bits.push(`<@${item.askUserId}>`);
  else if (item.askName) bits.push(`@${item.askName}`);
  if (item.days) bits.push(`${item.days}d`);
  return bits.join(' ');
}

/** Whole lines up to Slack's 3,000 characters for an input's initial value. */
function fitLines(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    const next = out ? `${out}\n${line}` : line;
    if (next.length > MAX_ITEMS_FIELD) break;
    out = next;
  }
  return out;
}

const ANNOUNCE_VALUE = 'announce';

/** `/punchcard onboarding <key>`: the checklist's Welcome, Items and the "all set" switch. */
export function onboardingModal(input: {
  project: Project;
  checklist: Checklist | null;
  responseUrl: string | null;
}): ModalView {
  const { project, checklist } = input;
  const where = project.channelId ? `<#${project.channelId}>` : 'the project channel';
  const announceOption = {
    text: { type: 'mrkdwn' as const, text: `Post “<name> is all set” to ${where} when someone finishes` },
    value: ANNOUNCE_VALUE,
  };
  const welcome = checklist?.welcome ?? '';
  const items = fitLines((checklist?.items ?? []).map(itemLine));
  return {
    type: 'modal',
    callback_id: ViewId.onboardingEditor,
    private_metadata: JSON.stringify({ projectId: project.id, responseUrl: input.responseUrl }),
    title: { type: 'plain_text', text: 'Onboarding checklist' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `For \`${project.key}\`. New members get the welcome and the checklist by DM. Editing keeps everyone's ticks; new items reach people still onboarding.`,
          },
        ],
      },
      {
        type: 'input',
        block_id: OnboardingField.welcome,
        optional: true,
        label: { type: 'plain_text', text: 'Welcome' },
        hint: { type: 'plain_text', text: 'The brief, what to read, whom to ask. Slack formatting works.' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: 3000,
          ...(welcome ? { initial_value: welcome } : {}),
        },
      },
      {
        type: 'input',
        block_id: OnboardingField.items,
        optional: true,
        label: { type: 'plain_text', text: 'Items' },
        hint: {
          type: 'plain_text',
          text: 'One item a line, up to 20; each may end with a link, an @person to ask and days to finish it, like: Get repo access https://github.com/acme @dana 2d',
        },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: MAX_ITEMS_FIELD,
          ...(items ? { initial_value: items } : {}),
        },
      },
      {
        type: 'input',
        block_id: OnboardingField.announce,
        optional: true,
        label: { type: 'plain_text', text: 'When someone finishes' },
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: [announceOption],
          ...((checklist?.announce ?? true) ? { initial_options: [announceOption] } : {}),
        },
      },
    ],
  };
}

export const ANNOUNCE_OPTION_VALUE = ANNOUNCE_VALUE;
