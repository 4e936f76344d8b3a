import { myDataComment, myDataSentMessage } from '../../../blocks/privacy.blocks.js';
import { uploadToDm } from '../../../file-uploader.js';
import type { Handler } from '../router.js';

/** `/punchcard my-data`: the person's own data, as a JSON file and a CSV of entries in their DM. */
export const myData: Handler = async ({ deps, client, teamId, userId }) => {
  const data = await deps.services.privacy.myData(teamId, userId);
  await uploadToDm(client, {
    userId,
    filename: data.json.filename,
    title: data.json.filename,
    content: data.json.content,
    comment: myDataComment(data),
  });
  await uploadToDm(client, {
    userId,
    filename: data.csv.filename,
    title: data.csv.filename,
    content: data.csv.content,
    comment: 'Your time entries, with the columns of /timesheet export.',
  });
  return myDataSentMessage(data);
};
