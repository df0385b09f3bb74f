import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import {
  createService,
  deleteService,
  findService,
  listServices,
  type ServiceConfigurationInput,
  type ServiceNotificationInput,
  updateServiceConfiguration,
  updateServiceNotifications,
  updateServiceWebhook,
} from "../../core/services-admin.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderService, renderServiceConfiguration, renderServiceNotification, renderServiceWebhook } from "../render/service.js";
import { webhookInput } from "./configuration.js";

function configurationInput(body: BodyOf<"UpdateServiceConfiguration">): ServiceConfigurationInput {
  const input: ServiceConfigurationInput = {};
  if (body.DefaultConversationCreatorRoleSid !== undefined)
    input.defaultConversationCreatorRoleSid = body.DefaultConversationCreatorRoleSid;
  if (body.DefaultConversationRoleSid !== undefined) input.defaultConversationRoleSid = body.DefaultConversationRoleSid;
  if (body.DefaultChatServiceRoleSid !== undefined) input.defaultChatServiceRoleSid = body.DefaultChatServiceRoleSid;
  if (body.ReachabilityEnabled !== undefined) input.reachabilityEnabled = body.ReachabilityEnabled;
  return input;
}

/** Only the fields given, so the domain keeps the rest. */
function defined<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}

function notificationInput(body: BodyOf<"UpdateServiceNotification">): ServiceNotificationInput {
  const withMedia = defined({ enabled: body["NewMessage.WithMedia.Enabled"], template: body["NewMessage.WithMedia.Template"] });
  const newMessage = defined({
    enabled: body["NewMessage.Enabled"],
    template: body["NewMessage.Template"],
    sound: body["NewMessage.Sound"],
    badgeCountEnabled: body["NewMessage.BadgeCountEnabled"],
    withMedia,
  });
  const added = defined({
    enabled: body["AddedToConversation.Enabled"],
    template: body["AddedToConversation.Template"],
    sound: body["AddedToConversation.Sound"],
  });
  const removed = defined({
    enabled: body["RemovedFromConversation.Enabled"],
    template: body["RemovedFromConversation.Template"],
    sound: body["RemovedFromConversation.Sound"],
  });
  return {
    ...(body.LogEnabled !== undefined ? { logEnabled: body.LogEnabled } : {}),
    ...(newMessage ? { newMessage } : {}),
    ...(added ? { addedToConversation: added } : {}),
    ...(removed ? { removedFromConversation: removed } : {}),
  } as ServiceNotificationInput;
}

/** Services and their three configuration singletons (configuration, notifications, webhooks). */
export function servicesHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  return {
    ListService: async ({ principal, params }) => {
      const request = pageRequest(params);
      const settled = settle(await listServices(core, principal, request), request);
      return listResponse(
        "services",
        settled.items.map((s) => renderService(s, publicUrl)),
        settled,
        request,
        { publicUrl, path: "/v1/Services" },
      ) as never;
    },
    CreateService: async ({ principal, body }) => renderService(await createService(core, principal, body.FriendlyName), publicUrl),
    FetchService: async ({ principal, params }) => renderService(await findService(core, principal, params.Sid), publicUrl),
    DeleteService: async ({ principal, params }) => {
      await deleteService(core, principal, params.Sid);
      return undefined as never;
    },

    FetchServiceConfiguration: async ({ principal, params }) =>
      renderServiceConfiguration(await findService(core, principal, params.ChatServiceSid), publicUrl),
    UpdateServiceConfiguration: async ({ principal, params, body }) =>
      renderServiceConfiguration(
        await updateServiceConfiguration(core, principal, params.ChatServiceSid, configurationInput(body)),
        publicUrl,
      ),

    FetchServiceNotification: async ({ principal, params }) =>
      renderServiceNotification(await findService(core, principal, params.ChatServiceSid), publicUrl),
    UpdateServiceNotification: async ({ principal, params, body }) =>
      renderServiceNotification(
        await updateServiceNotifications(core, principal, params.ChatServiceSid, notificationInput(body)),
        publicUrl,
      ),

    FetchServiceWebhookConfiguration: async ({ principal, params }) =>
      renderServiceWebhook(await findService(core, principal, params.ChatServiceSid), publicUrl),
    UpdateServiceWebhookConfiguration: async ({ principal, params, body }) =>
      renderServiceWebhook(await updateServiceWebhook(core, principal, params.ChatServiceSid, webhookInput(body)), publicUrl),
  };
}
