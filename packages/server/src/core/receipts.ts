import type { Page, ReceiptRecord, ServiceRecord } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import type { PageRequest } from "./conversations.js";
import { fail } from "./errors.js";
import { findMessage } from "./messages.js";

/*
 * Delivery receipts are read-only here: a delivery channel (SMS, WhatsApp…) writes them for the
 * non-chat participants of a conversation. Whoever may see the message may see its receipts.
 */

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
