import type { Page, ReceiptRecord, ServiceRecord } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import type { PageRequest } from "./conversations.js";
import { fail } from "./errors.js";
import { flushOutbox, recordEvent } from "./events.js";
import { newSid, SidPrefix } from "./ids.js";
import { findMessage } from "./messages.js";
import { isoSeconds } from "./time.js";

/*
 * Delivery receipts are read-only over REST: a delivery channel (SMS, WhatsApp…) writes them for
 * the non-chat participants of a conversation through `recordDeliveryStatus`. Whoever may see
 * the message may see its receipts.
 */

export type DeliveryStatusUpdate = {
  messageSid: string;
  participantSid: string;
  status: ReceiptRecord["status"];
  /** The channel's own ID of the message (an SMS SID, say). */
  channelMessageSid: string;
  errorCode?: number | null;
};

/**
 * What a delivery channel reports for one recipient of a message: creates or moves its receipt
 * and tells the conversation's clients (`receipt.updated`, so `deliveryReceiptUpdated`, and the
 * message's changed delivery summary).
 */
export async function recordDeliveryStatus(core: Core, update: DeliveryStatusUpdate): Promise<ReceiptRecord> {
  if (!/^[a-zA-Z]{2}[0-9a-fA-F]{32}$/.test(update.channelMessageSid)) {
    throw fail.invalid(`channelMessageSid must be a SID (two letters and 32 hex digits), not ${JSON.stringify(update.channelMessageSid)}`);
  }
  const receipt = await core.store.transaction(async (tx) => {
    const message = await tx.get("message", update.messageSid);
    if (!message) throw fail.notFound(`/Messages/${update.messageSid}`);
    const participant = await tx.get("participant", update.participantSid);
    if (!participant || participant.conversationSid !== message.conversationSid)
      throw fail.notFound(`/Participants/${update.participantSid}`);
    const now = isoSeconds(core.now());
    const existing = await tx.getByKey("receipt", message.sid, participant.sid);
    const next: ReceiptRecord = {
      sid: existing?.sid ?? newSid(SidPrefix.receipt),
      accountSid: message.accountSid,
      serviceSid: message.serviceSid,
      conversationSid: message.conversationSid,
      messageSid: message.sid,
      participantSid: participant.sid,
      channelMessageSid: update.channelMessageSid,
      status: update.status,
      errorCode: update.errorCode ?? null,
      dateCreated: existing?.dateCreated ?? now,
      dateUpdated: now,
    };
    if (existing) await tx.update("receipt", next);
    else await tx.insert("receipt", next);
    const scope = { accountSid: message.accountSid, serviceSid: message.serviceSid, conversationSid: message.conversationSid };
    await recordEvent(tx, core, "receipt.updated", scope, { receipt: next, message });
    return next;
  });
  await flushOutbox(core);
  return receipt;
}

/** A page of a message's delivery receipts. */
export async function listReceipts(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  messageSid: string,
  page: PageRequest,
): Promise<Page<ReceiptRecord>> {
  const message = await findMessage(core, actor, service, conversationId, messageSid);
  return core.store.list("receipt", {
    parent: message.sid,
    limit: page.pageSize,
    order: page.order ?? "asc",
    ...(page.after === undefined ? {} : { after: page.after }),
  });
}

/** One delivery receipt of a message; 404 when the conversation, message or receipt is missing. */
export async function findReceipt(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  conversationId: string,
  messageSid: string,
  sid: string,
): Promise<ReceiptRecord> {
  const message = await findMessage(core, actor, service, conversationId, messageSid);
  const receipt = await core.store.get("receipt", sid);
  if (!receipt || receipt.messageSid !== message.sid) {
    throw fail.notFound(`/Conversations/${message.conversationSid}/Messages/${message.sid}/Receipts/${sid}`);
  }
  return receipt;
}
