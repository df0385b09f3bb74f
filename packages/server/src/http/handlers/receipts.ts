import type { Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { findReceipt, listReceipts } from "../../core/receipts.js";
import { resolveService } from "../../core/services.js";
import type { RestApp } from "../app.js";
import { listResponse, type PagingParams, pageRequest, settle } from "../paging.js";
import { scopeOf } from "../render/conversation.js";
import { messagePath } from "../render/message.js";
import { renderReceipt } from "../render/receipt.js";

type ReceiptParams = { ConversationSid: string; MessageSid: string };

/** Delivery receipts of messages (read-only), on Twilio's global paths and their service-scoped twins. */
export function receiptsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;

  const list = async (actor: Actor, serviceSid: string | undefined, params: PagingParams & ReceiptParams) => {
    const service = await resolveService(core, actor, serviceSid);
    const scope = scopeOf(publicUrl, serviceSid);
    const request = pageRequest(params);
    const settled = settle(await listReceipts(core, actor, service, params.ConversationSid, params.MessageSid, request), request);
    return listResponse(
      "delivery_receipts",
      settled.items.map((r) => renderReceipt(r, scope)),
      settled,
      request,
      { publicUrl, path: `${messagePath(scope, params.ConversationSid, params.MessageSid)}/Receipts` },
    ) as never;
  };

  const fetch = async (actor: Actor, serviceSid: string | undefined, params: ReceiptParams & { Sid: string }) => {
    const service = await resolveService(core, actor, serviceSid);
    return renderReceipt(
      await findReceipt(core, actor, service, params.ConversationSid, params.MessageSid, params.Sid),
      scopeOf(publicUrl, serviceSid),
    );
  };

  return {
    ListConversationMessageReceipt: ({ principal, params }) => list(principal, undefined, params),
    ListServiceConversationMessageReceipt: ({ principal, params }) => list(principal, params.ChatServiceSid, params),
    FetchConversationMessageReceipt: ({ principal, params }) => fetch(principal, undefined, params),
    FetchServiceConversationMessageReceipt: ({ principal, params }) => fetch(principal, params.ChatServiceSid, params),
  };
}
