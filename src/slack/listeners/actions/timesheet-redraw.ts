import { formatRangeLabel } from '../../../domain/local-date.js';
import type { SheetRef } from '../../blocks/ids.js';
import { type TimesheetNotice, timesheetMessage } from '../../blocks/timesheet.blocks.js';
import { type ListenerDeps, problem, type Reply } from '../context.js';

/** The timesheet a button sat on, drawn again from the state packed into the button. */
export async function redrawTimesheet(
  deps: ListenerDeps,
  input: { teamId: string; userId: string; ref: SheetRef; notice?: TimesheetNotice },
): Promise<Reply> {
  const { ref } = input;
  const sheet = await deps.services.timesheet.forRange({
    teamId: input.teamId,
    userId: input.userId,
    subjectId: ref.subjectId,
    range: { from: ref.from, to: ref.to, label: formatRangeLabel(ref.from, ref.to) },
  });
  if (!sheet.ok) return problem(sheet.error);
  return { ...timesheetMessage(sheet.value, ref.page, input.notice), replace_original: true };
}
