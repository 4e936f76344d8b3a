import type { WebClient } from '@slack/web-api';

/** Sends a file to a person's DM with the app (files.uploadV2 needs the DM's channel id). */
export async function uploadToDm(
  client: WebClient,
  input: { userId: string; filename: string; title: string; content: string; comment: string },
): Promise<void> {
  const open = await client.conversations.open({ users: input.userId });
  const channelId = open.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  await client.files.uploadV2({
    channel_id: channelId,
    filename: input.filename,
    title: input.title,
    content: input.content,
    initial_comment: input.comment,
  });
}
