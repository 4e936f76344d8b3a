import type { Onboarded } from '../../services/onboarding.service.js';
import { plainMessage, type SlackMessage } from './message.js';

/* What `/punchcard project member|members|manager` and `/punchcard onboard` answer. */

const people = (ids: readonly string[]) => ids.map((id) => `<@${id}>`).join(', ');

function onboardedLines(key: string, o: Onboarded): string[] {
  const lines: string[] = [];
  if (o.noChecklist) {
    lines.push(`\`${key}\` has no onboarding checklist yet: \`/punchcard onboarding ${key}\` sets one up.`);
    return lines;
  }
  if (o.sent.length > 0) lines.push(`:envelope: Sent the onboarding checklist to ${people(o.sent)}.`);
  if (o.resent.length > 0)
    lines.push(`:envelope: Sent ${people(o.resent)} their checklist again (their ticks are kept).`);
  if (o.dmFailed.length > 0)
    lines.push(
      `:warning: I couldn't DM ${people(o.dmFailed)}: try \`/punchcard onboard @user ${key}\` later.`,
    );
  return lines;
}

export function membersAddedMessage(input: {
  key: string;
  added: string[];
  already: string[];
  onboarded: Onboarded;
}): SlackMessage {
  const lines: string[] = [];
  if (input.added.length > 0) lines.push(`Added ${people(input.added)} to \`${input.key}\`.`);
  if (input.already.length > 0)
    lines.push(
      `${people(input.already)} ${input.already.length === 1 ? 'was' : 'were'} already on \`${input.key}\`.`,
    );
  if (input.added.length > 0) lines.push(...onboardedLines(input.key, input.onboarded));
  return plainMessage(lines.join('\n'));
}

export function membersRemovedMessage(input: {
  key: string;
  removed: string[];
  notMembers: string[];
}): SlackMessage {
  const lines: string[] = [];
  if (input.removed.length > 0) lines.push(`Removed ${people(input.removed)} from \`${input.key}\`.`);
  if (input.notMembers.length > 0)
    lines.push(
      `${people(input.notMembers)} ${input.notMembers.length === 1 ? 'was not a member' : 'were not members'} of \`${input.key}\`.`,
    );
  return plainMessage(lines.join('\n'));
}

export function membersListMessage(input: {
  key: string;
  archived: boolean;
  members: string[];
  managers: string[];
}): SlackMessage {
  const lines = [
    `*\`${input.key}\`*${input.archived ? ' _(archived)_' : ''}`,
    `Managers: ${input.managers.length > 0 ? people(input.managers) : 'none named (workspace admins manage every project)'}`,
    `Members (${input.members.length}): ${input.members.length > 0 ? people(input.members) : `nobody yet: \`/punchcard project member add ${input.key} @alice\``}`,
  ];
  return plainMessage(lines.join('\n'));
}

export function managerSetMessage(input: {
  key: string;
  userId: string;
  changed: boolean;
  remove: boolean;
}): SlackMessage {
  const who = `<@${input.userId}>`;
  if (input.remove)
    return plainMessage(
      input.changed
        ? `${who} no longer manages \`${input.key}\`.`
        : `${who} was not a manager of \`${input.key}\`.`,
    );
  return plainMessage(
    input.changed
      ? `${who} now manages \`${input.key}\`: its members, managers and onboarding checklist.`
      : `${who} already manages \`${input.key}\`.`,
  );
}

export function onboardMessage(input: { key: string; userId: string; onboarded: Onboarded }): SlackMessage {
  const lines = onboardedLines(input.key, input.onboarded);
  return plainMessage(lines.join('\n') || `<@${input.userId}> is on \`${input.key}\`.`);
}
