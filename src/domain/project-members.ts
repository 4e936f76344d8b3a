import { parseUserMention } from './slack-mentions.js';

/* Who works on a project and who manages it: the rules, with no I/O. */

/** The most people one `member add` names: a line of mentions, not a bulk import. */
export const MAX_PEOPLE_PER_COMMAND = 20;

/** The user ids of `<@U…>` mentions, in order, once each; the tokens that are not mentions apart. */
export function mentionedUsers(tokens: readonly string[]): { userIds: string[]; others: string[] } {
  const userIds: string[] = [];
  const others: string[] = [];
  for (const token of tokens) {
    const id = parseUserMention(token);
    if (id === null) others.push(token);
    else if (!userIds.includes(id)) userIds.push(id);
  }
  return { userIds, others };
}

/** Edit distance between two short words (keys are at most 40 characters). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * A person's own project keys to suggest when what they logged to is no project: the closest first
 * (a key that starts with or contains the category before others), at most three.
 */
export function suggestProjectKeys(category: string, ownKeys: readonly string[]): string[] {
  const word = category.toLowerCase();
  const score = (key: string) =>
    key.startsWith(word) || word.startsWith(key) ? 0 : key.includes(word) || word.includes(key) ? 1 : 2;
  return [...new Set(ownKeys)]
    .filter((key) => key !== word)
    .sort((a, b) => score(a) - score(b) || distance(word, a) - distance(word, b) || a.localeCompare(b))
    .slice(0, 3);
}
