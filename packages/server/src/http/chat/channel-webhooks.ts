import type { BodyOf, Handlers } from "@confab/protocol/server";
import { webhookEventsFromChat } from "../../core/chat-names.js";
import {
  type ConversationWebhookInput,
  createConversationWebhook,
  deleteConversationWebhook,
  findConversationWebhook,
  listConversationWebhooks,
  updateConversationWebhook,
} from "../../core/conversation-webhooks.js";
import type { Actor } from "../../core/context.js";
import { resolveService } from "../../core/services.js";
import type { ConversationWebhookRecord } from "../../store/index.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderChatChannelWebhook } from "./render/channel-webhook.js";

/** Form fields → the domain's webhook input (filters in Conversations' event names); only those given. */
function webhookInput(body: Partial<BodyOf<"ChatUpdateChannelWebhook">>): ConversationWebhookInput {
  const input: ConversationWebhookInput = {};
  if (body["Configuration.Url"] !== undefined) input.url = body["Configuration.Url"];
  if (body["Configuration.Method"] !== undefined) input.method = body["Configuration.Method"];
  if (body["Configuration.Filters"] !== undefined)
    input.filters = webhookEventsFromChat(body["Configuration.Filters"], "Configuration.Filters");
  if (body["Configuration.Triggers"] !== undefined) input.triggers = body["Configuration.Triggers"];
  if (body["Configuration.FlowSid"] !== undefined) input.flowSid = body["Configuration.FlowSid"];
  if (body["Configuration.RetryCount"] !== undefined) input.retryCount = body["Configuration.RetryCount"];
  return input;
}

/** Chat v2 channel webhooks: the conversation's scoped webhooks. */
export function chatChannelWebhooksHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  const render = (w: ConversationWebhookRecord) => renderChatChannelWebhook(w, publicUrl);

  return {
    ChatListChannelWebhook: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const request = pageRequest(params);
      const settled = settle(await listConversationWebhooks(core, principal, service, params.ChannelSid, request), request);
      return listResponse("webhooks", settled.items.map(render), settled, request, {
        publicUrl,
        path: `/v2/Services/${service.sid}/Channels/${params.ChannelSid}/Webhooks`,
      }) as never;
    },
    ChatCreateChannelWebhook: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await createConversationWebhook(core, principal, service, params.ChannelSid, body.Type, webhookInput(body)));
    },
    ChatFetchChannelWebhook: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await findConversationWebhook(core, principal, service, params.ChannelSid, params.Sid));
    },
    ChatUpdateChannelWebhook: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await updateConversationWebhook(core, principal, service, params.ChannelSid, params.Sid, webhookInput(body ?? {})));
    },
    ChatDeleteChannelWebhook: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      await deleteConversationWebhook(core, principal, service, params.ChannelSid, params.Sid);
      return undefined as never;
    },
  };
}
