import type { WebClient } from '@slack/web-api';
import type { InvoiceDocument } from '../domain/invoices.js';
import type { Logger } from '../logger.js';
import type { InvoiceMessenger } from '../services/invoices.service.js';
import { DeliveryError } from '../services/ports.js';
import {
  approvalRequestMessage,
  decidedMessage,
  overdueMessage,
  personNoticeMessage,
} from './blocks/invoice.blocks.js';
import type { SlackMessage } from './blocks/message.js';
import { toDeliveryError } from './checkin-messenger.js';

/** Invoices' DMs and their PDFs, over the Web API. */
export function createInvoiceMessenger(client: WebClient, logger: Logger): InvoiceMessenger {
  let company: Promise<string> | null = null;

  const dm = async (userId: string): Promise<string> => {
    const open = await client.conversations.open({ users: userId });
    const channelId = open.channel?.id;
    if (!channelId) throw new DeliveryError('no_channel', true);
    return channelId;
  };
  const post = async (channel: string, message: SlackMessage) => {
    const res = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
    if (!res.ts || !res.channel) throw new DeliveryError('no_ts', true);
    return { channelId: res.channel, ts: res.ts };
  };
  /** The PDF, in the thread of the message it belongs to. */
  const upload = async (channelId: string, doc: InvoiceDocument, pdf: Uint8Array, threadTs: string) => {
    await client.files.uploadV2({
      channel_id: channelId,
      thread_ts: threadTs,
      file: Buffer.from(pdf),
      filename: `${doc.invoice.number}.pdf`,
      title: `Invoice ${doc.invoice.number}`,
    });
  };
  const sending = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw error instanceof DeliveryError ? error : toDeliveryError(error);
    }
  };

  return {
    requestApproval: ({ doc, approverId, pdf }) =>
      sending(async () => {
        const channelId = await dm(approverId);
        const sent = await post(channelId, approvalRequestMessage(doc));
        // The request is what counts: were a failed upload to fail the send, the retry would post the
        // request twice. The PDF is logged as missing; the person's own DM has it too.
        await upload(channelId, doc, pdf, sent.ts).catch((error: unknown) =>
          logger.warn(
            { err: error, invoice: doc.invoice.number },
            'invoice PDF not uploaded to the approver',
          ),
        );
        return sent;
      }),
    tellPerson: ({ doc, notice, pdf }) =>
      sending(async () => {
        const channelId = await dm(doc.invoice.userId);
        const sent = await post(channelId, personNoticeMessage(doc, notice));
        if (pdf) await upload(channelId, doc, pdf, sent.ts);
      }),
    async closeRequests({ doc, messages }) {
      const message = decidedMessage(doc);
      // Each on its own: one request deleted by its reader leaves the others redrawn.
      const results = await Promise.allSettled(
        messages.map((m) =>
          client.chat.update({ channel: m.channelId, ts: m.ts, text: message.text, blocks: message.blocks }),
        ),
      );
      for (const r of results)
        if (r.status === 'rejected')
          logger.warn({ err: r.reason, invoice: doc.invoice.number }, 'approval request not redrawn');
    },
    overdue: ({ doc, adminId, reminder }) =>
      sending(async () => post(await dm(adminId), overdueMessage(doc, reminder))),
    companyName() {
      company ??= client.team
        .info()
        .then((res) => res.team?.name ?? 'the company')
        .catch(() => {
          company = null;
          return 'the company';
        });
      return company;
    },
  };
}
