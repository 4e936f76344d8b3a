/**
 * How a slash command's text splits into the word that picks what to do and the rest. `word` is as
 * typed (routers match it case-insensitively and echo it back as typed); null when the text is not
 * a subcommand at all but free text for the command itself (`/log 2h design`, `/timesheet last week`).
 */
export interface SubcommandWords {
  word: string | null;
  /** The words after `word`, split on whitespace. */
  args: string[];
  /** The text after `word` as typed, for grammars that read it whole. */
  rest: string;
}

/** `join #team` → `join` and `['#team']`: the first word picks the subcommand (`/standup`, `/punchcard`, `/milestone`). */
export function splitSubcommand(text: string): SubcommandWords {
  const [word = '', ...args] = text.trim().split(/\s+/).filter(Boolean);
  return { word, args, rest: text.trim().slice(word.length).trim() };
}

/** `help` or `?` on its own asks for help; anywhere else they are ordinary words. */
const HELP = /^(help|\?)$/i;

/** `/log`: nothing (the form), `help` or `?` alone, or else an entry to log. */
export function splitLogCommand(text: string): SubcommandWords {
  const trimmed = text.trim();
  if (trimmed === '' || HELP.test(trimmed)) return { word: trimmed, args: [], rest: '' };
  return { word: null, args: [], rest: trimmed };
}

/** `/timesheet`: `help` or `?` alone, `export [range] [@user|all]`, or else a range (nothing: this week). */
export function splitTimesheetCommand(text: string): SubcommandWords {
  const trimmed = text.trim();
  if (HELP.test(trimmed)) return { word: trimmed, args: [], rest: '' };
  // `s`: the rest may run over several lines (`.` alone stops at a line break).
  const exportArgs = /^(export)\b(.*)$/is.exec(trimmed);
  if (exportArgs) return { word: exportArgs[1] ?? 'export', args: [], rest: exportArgs[2] ?? '' };
  return { word: null, args: [], rest: trimmed };
}
