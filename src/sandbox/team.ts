/**
 * The sandbox's workspace: its people and channels, and what Slack does to the text a person types
 * into a slash command before the app sees it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export interface Person {
  id: string;
  name: string;
  real_name: string;
  title: string;
  tz: string;
  is_admin?: boolean;
}

export interface Channel {
  id: string;
  name: string;
}

/** The demo team: an admin, a manager, and contractors in three zones. */
export const PEOPLE: Person[] = [
  { id: 'UALEX', name: 'alex', real_name: 'Alex Admin', title: 'Admin', tz: 'Europe/London', is_admin: true },
  { id: 'UMAYA', name: 'maya', real_name: 'Maya Manager', title: 'Manager', tz: 'America/New_York' },
  { id: 'UNORA', name: 'nora', real_name: 'Nora', title: 'Contractor', tz: 'America/New_York' },
  { id: 'ULENA', name: 'lena', real_name: 'Lena', title: 'Contractor', tz: 'Europe/Berlin' },
  { id: 'URAVI', name: 'ravi', real_name: 'Ravi', title: 'Contractor', tz: 'Asia/Kolkata' },
];

export const CHANNELS: Channel[] = [
  { id: 'C0GENERAL', name: 'general' },
  { id: 'C0TEAM', name: 'team' },
  { id: 'C0RANDOM', name: 'random' },
];

/** The commands whose text Slack escapes (#channel and @user become ids): `should_escape` in manifest.json. */
const ESCAPED_COMMANDS = new Set(
  z
    .object({
      features: z.object({
        slash_commands: z.array(z.object({ command: z.string(), should_escape: z.boolean().default(false) })),
      }),
    })
    .parse(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'manifest.json'), 'utf8')))
    .features.slash_commands.filter((c) => c.should_escape)
    .map((c) => c.command),
);

/** Slack sends `&`, `<` and `>` in text as HTML entities. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `#team` → `<#C0TEAM|team>`, `@nora` → `<@UNORA|nora>`, as Slack sends escaped command text. */
function escapeMentions(text: string): string {
  return slackEscape(text)
    .replace(/(^|\s)#([a-z0-9_-]+)/g, (all, lead: string, name: string) => {
      const channel = CHANNELS.find((c) => c.name === name);
      return channel ? `${lead}<#${channel.id}|${name}>` : all;
    })
    .replace(/(^|\s)@([a-z0-9._-]+)/gi, (all, lead: string, name: string) => {
      const person = PEOPLE.find((p) => p.name === name.toLowerCase());
      return person ? `${lead}<@${person.id}|${person.name}>` : all;
    });
}

/** A command's text as Slack sends it: entities escaped, and mentions as ids where the manifest says so. */
export function commandText(command: string, text: string): string {
  return ESCAPED_COMMANDS.has(command) ? escapeMentions(text) : slackEscape(text);
}
