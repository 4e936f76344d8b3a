import { exportComment, exportSentMessage } from '../../../blocks/export.blocks.js';
import { uploadToDm } from '../../../file-uploader.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/timesheet export [range] [@user|all]`: a CSV in the person's DM. */
export const exportCsv: Handler = async ({ deps, client, teamId, userId, rest }) => {
  const result = await deps.services.exports.forCommand({ teamId, userId, text: rest });
  if (!result.ok) return problem(result.error);
  const { filename, csv } = result.value;
  await uploadToDm(client, {
    userId,
    filename,
    title: filename,
    content: csv,
    comment: exportComment(result.value),
  });
  return exportSentMessage(result.value);
};
