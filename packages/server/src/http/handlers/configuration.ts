import type { BodyOf, Handlers } from "@confab/protocol/server";
import {
  type ConfigurationInput,
  type ConfigurationWebhookInput,
  fetchConfiguration,
  updateConfiguration,
  updateConfigurationWebhook,
  type WebhookInput,
} from "../../core/configuration.js";
import type { Actor } from "../../core/context.js";
import type { RestApp } from "../app.js";
import { renderConfiguration, renderConfigurationWebhook } from "../render/configuration.js";

/** Webhook form fields (service or account webhook) → the domain's input; only those given. */
export function webhookInput(body: Partial<BodyOf<"UpdateServiceWebhookConfiguration">>): WebhookInput {
  const input: WebhookInput = {};
  if (body.PreWebhookUrl !== undefined) input.preWebhookUrl = body.PreWebhookUrl;
  if (body.PostWebhookUrl !== undefined) input.postWebhookUrl = body.PostWebhookUrl;
  if (body.Filters !== undefined) input.filters = body.Filters;
  if (body.Method !== undefined) input.method = body.Method;
  return input;
}

function configurationInput(body: BodyOf<"UpdateConfiguration">): ConfigurationInput {
  const input: ConfigurationInput = {};
  if (body.DefaultChatServiceSid !== undefined) input.defaultChatServiceSid = body.DefaultChatServiceSid;
  if (body.DefaultMessagingServiceSid !== undefined) input.defaultMessagingServiceSid = body.DefaultMessagingServiceSid;
  if (body.DefaultInactiveTimer !== undefined) input.defaultInactiveTimer = body.DefaultInactiveTimer;
  if (body.DefaultClosedTimer !== undefined) input.defaultClosedTimer = body.DefaultClosedTimer;
  return input;
}

/** The account's Configuration and Configuration/Webhooks singletons. */
export function configurationHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  return {
    FetchConfiguration: async ({ principal }) => renderConfiguration(await fetchConfiguration(core, principal), publicUrl),
    UpdateConfiguration: async ({ principal, body }) =>
      renderConfiguration(await updateConfiguration(core, principal, configurationInput(body)), publicUrl),

    FetchConfigurationWebhook: async ({ principal }) => renderConfigurationWebhook(await fetchConfiguration(core, principal), publicUrl),
    UpdateConfigurationWebhook: async ({ principal, body }) => {
      const input: ConfigurationWebhookInput = { ...webhookInput(body), ...(body.Target !== undefined ? { target: body.Target } : {}) };
      return renderConfigurationWebhook(await updateConfigurationWebhook(core, principal, input), publicUrl);
    },
  };
}
