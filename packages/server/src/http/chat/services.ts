import type { BodyOf, Handlers } from "@confab/protocol/server";
import { type ChatServiceInput, updateChatService } from "../../core/chat-services.js";
import type { Actor } from "../../core/context.js";
import { createService, deleteService, findService, listServices } from "../../core/services-admin.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderChatService } from "./render/service.js";

type Fields = Partial<BodyOf<"ChatUpdateService">>;

/** The notification fields of one event, when any was given. */
function notification(body: Fields, event: "NewMessage" | "AddedToChannel" | "RemovedFromChannel" | "InvitedToChannel") {
  const enabled = body[`Notifications.${event}.Enabled`];
  const template = body[`Notifications.${event}.Template`];
  const sound = body[`Notifications.${event}.Sound`];
  if (enabled === undefined && template === undefined && sound === undefined) return undefined;
  return {
    ...(enabled !== undefined ? { enabled } : {}),
    ...(template !== undefined ? { template } : {}),
    ...(sound !== undefined ? { sound } : {}),
  };
}

/** Form fields → the domain's Chat service update; only the fields given are set. */
function chatServiceInput(body: Fields): ChatServiceInput {
  const newMessage = notification(body, "NewMessage");
  const badge = body["Notifications.NewMessage.BadgeCountEnabled"];
  const added = notification(body, "AddedToChannel");
  const removed = notification(body, "RemovedFromChannel");
  const invited = notification(body, "InvitedToChannel");
  const log = body["Notifications.LogEnabled"];
  const notifications: ChatServiceInput["notifications"] = {
    ...(log !== undefined ? { logEnabled: log } : {}),
    ...(newMessage || badge !== undefined
      ? { newMessage: { ...newMessage, ...(badge !== undefined ? { badgeCountEnabled: badge } : {}) } }
      : {}),
    ...(added ? { addedToConversation: added } : {}),
    ...(removed ? { removedFromConversation: removed } : {}),
    ...(invited ? { invitedToChannel: invited } : {}),
  };
  const input: ChatServiceInput = {};
  if (Object.keys(notifications).length > 0) input.notifications = notifications;
  if (body.FriendlyName !== undefined) input.friendlyName = body.FriendlyName;
  if (body.DefaultServiceRoleSid !== undefined) input.defaultServiceRoleSid = body.DefaultServiceRoleSid;
  if (body.DefaultChannelRoleSid !== undefined) input.defaultChannelRoleSid = body.DefaultChannelRoleSid;
  if (body.DefaultChannelCreatorRoleSid !== undefined) input.defaultChannelCreatorRoleSid = body.DefaultChannelCreatorRoleSid;
  if (body.ReadStatusEnabled !== undefined) input.readStatusEnabled = body.ReadStatusEnabled;
  if (body.ReachabilityEnabled !== undefined) input.reachabilityEnabled = body.ReachabilityEnabled;
  if (body.TypingIndicatorTimeout !== undefined) input.typingIndicatorTimeout = body.TypingIndicatorTimeout;
  if (body.ConsumptionReportInterval !== undefined) input.consumptionReportInterval = body.ConsumptionReportInterval;
  if (body.PreWebhookUrl !== undefined) input.preWebhookUrl = body.PreWebhookUrl;
  if (body.PostWebhookUrl !== undefined) input.postWebhookUrl = body.PostWebhookUrl;
  if (body.WebhookMethod !== undefined) input.webhookMethod = body.WebhookMethod;
  if (body.WebhookFilters !== undefined) input.webhookFilters = body.WebhookFilters;
  if (body["Limits.ChannelMembers"] !== undefined) input.channelMembersLimit = body["Limits.ChannelMembers"];
  if (body["Limits.UserChannels"] !== undefined) input.userChannelsLimit = body["Limits.UserChannels"];
  if (body["Media.CompatibilityMessage"] !== undefined) input.mediaCompatibilityMessage = body["Media.CompatibilityMessage"];
  if (body.PreWebhookRetryCount !== undefined) input.preWebhookRetryCount = body.PreWebhookRetryCount;
  if (body.PostWebhookRetryCount !== undefined) input.postWebhookRetryCount = body.PostWebhookRetryCount;
  return input;
}

/** Chat v2 services: the account's Conversations services, with Chat's settings. */
export function chatServicesHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  const render = (s: Parameters<typeof renderChatService>[0]) => renderChatService(s, publicUrl, core.limits.mediaBytes);
  return {
    ChatListService: async ({ principal, params }) => {
      const request = pageRequest(params);
      const settled = settle(await listServices(core, principal, request), request);
      return listResponse("services", settled.items.map(render), settled, request, { publicUrl, path: "/v2/Services" }) as never;
    },
    ChatCreateService: async ({ principal, body }) => render(await createService(core, principal, body.FriendlyName)),
    ChatFetchService: async ({ principal, params }) => render(await findService(core, principal, params.Sid)),
    ChatUpdateService: async ({ principal, params, body }) =>
      render(await updateChatService(core, principal, params.Sid, chatServiceInput(body ?? {}))),
    ChatDeleteService: async ({ principal, params }) => {
      await deleteService(core, principal, params.Sid);
      return undefined as never;
    },
  };
}
