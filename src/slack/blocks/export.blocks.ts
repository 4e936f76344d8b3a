import { plainMessage, type SlackMessage } from './message.js';

/* `/timesheet export`: the CSV goes to the person's DM with a comment; the reply says where it went. */

interface ExportSent {
  filename: string;
  rowCount: number;
  range: { label: string };
}

const summary = (e: ExportSent) =>
  `${e.rowCount} ${e.rowCount === 1 ? 'entry' : 'entries'}, ${e.range.label}`;

/** The comment on the file in the DM. */
export function exportComment(e: ExportSent): string {
  return `Your Punchcard export: ${summary(e)}.`;
}

export function exportSentMessage(e: ExportSent): SlackMessage {
  return plainMessage(
    e.rowCount === 0
      ? `No entries in ${e.range.label}; I sent the empty CSV (header only) to your DM as ${e.filename}.`
      : `Sent ${summary(e)} to your DM as ${e.filename}.`,
  );
}
