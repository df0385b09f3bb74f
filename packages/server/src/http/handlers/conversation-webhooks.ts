import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import {
  type ConversationWebhookInput,
  createConversationWebhook,
  deleteConversationWebhook,
  findConversationWebhook,
  listConversationWebhooks,
  updateConversationWebhook,
} from "../../core/conversation-webhooks.js";
import { resolveService } from "../../core/services.js";
import type { RestApp } from "../app.js";
import { listResponse, type PagingParams, pageRequest, settle } from "../paging.js";
import { conversationPath, scopeOf } from "../render/conversation.js";
import { renderConversationWebhook } from "../render/conversation-webhook.js";

type WebhookForm = Partial<BodyOf<"CreateConversationScopedWebhook">>;

function webhookInput(body: WebhookForm): ConversationWebhookInput {
  const input: ConversationWebhookInput = {};
  if (body["Configuration.Url"] !== undefined) input.url = body["Configuration.Url"];
  if (body["Configuration.Method"] !== undefined) input.method = body["Configuration.Method"] === "get" ? "GET" : "POST";
  if (body["Configuration.Filters"] !== undefined) input.filters = body["Configuration.Filters"];
  if (body["Configuration.Triggers"] !== undefined) input.triggers = body["Configuration.Triggers"];
  if (body["Configuration.FlowSid"] !== undefined) input.flowSid = body["Configuration.FlowSid"];
  if (body["Configuration.ReplayAfter"] !== undefined) input.replayAfter = body["Configuration.ReplayAfter"];
  return input;
}

type WebhookParams = { ConversationSid: string; Sid: string };

/** Conversation-scoped webhooks (account only), on Twilio's global paths and their service-scoped twins. */
export function conversationWebhooksHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;

  const list = async (actor: Actor, serviceSid: string | undefined, params: PagingParams & { ConversationSid: string }) => {
    const service = await resolveService(core, actor, serviceSid);
    const scope = scopeOf(publicUrl, serviceSid);
    const request = pageRequest(params);
    const settled = settle(await listConversationWebhooks(core, actor, service, params.ConversationSid, request), request);
    return listResponse(
      "webhooks",
      settled.items.map((w) => renderConversationWebhook(w, scope)),
      settled,
      request,
      { publicUrl, path: `${conversationPath(scope, params.ConversationSid)}/Webhooks` },
    ) as never;
  };

  const create = async (
    actor: Actor,
    serviceSid: string | undefined,
    conversationId: string,
    body: BodyOf<"CreateConversationScopedWebhook">,
  ) => {
    const service = await resolveService(core, actor, serviceSid);
    return renderConversationWebhook(
      await createConversationWebhook(core, actor, service, conversationId, body.Target, webhookInput(body)),
      scopeOf(publicUrl, serviceSid),
    );
  };

  const fetch = async (actor: Actor, serviceSid: string | undefined, params: WebhookParams) => {
    const service = await resolveService(core, actor, serviceSid);
    return renderConversationWebhook(
      await findConversationWebhook(core, actor, service, params.ConversationSid, params.Sid),
      scopeOf(publicUrl, serviceSid),
    );
  };

  const update = async (
    actor: Actor,
    serviceSid: string | undefined,
    params: WebhookParams,
    body: BodyOf<"UpdateConversationScopedWebhook">,
  ) => {
    const service = await resolveService(core, actor, serviceSid);
    return renderConversationWebhook(
      await updateConversationWebhook(core, actor, service, params.ConversationSid, params.Sid, webhookInput(body)),
      scopeOf(publicUrl, serviceSid),
    );
  };

  const remove = async (actor: Actor, serviceSid: string | undefined, params: WebhookParams) => {
    const service = await resolveService(core, actor, serviceSid);
    await deleteConversationWebhook(core, actor, service, params.ConversationSid, params.Sid);
    return undefined as never;
  };

  return {
    ListConversationScopedWebhook: ({ principal, params }) => list(principal, undefined, params),
    ListServiceConversationScopedWebhook: ({ principal, params }) => list(principal, params.ChatServiceSid, params),
    CreateConversationScopedWebhook: ({ principal, params, body }) => create(principal, undefined, params.ConversationSid, body),
    CreateServiceConversationScopedWebhook: ({ principal, params, body }) =>
      create(principal, params.ChatServiceSid, params.ConversationSid, body),
    FetchConversationScopedWebhook: ({ principal, params }) => fetch(principal, undefined, params),
    FetchServiceConversationScopedWebhook: ({ principal, params }) => fetch(principal, params.ChatServiceSid, params),
    UpdateConversationScopedWebhook: ({ principal, params, body }) => update(principal, undefined, params, body),
    UpdateServiceConversationScopedWebhook: ({ principal, params, body }) => update(principal, params.ChatServiceSid, params, body),
    DeleteConversationScopedWebhook: ({ principal, params }) => remove(principal, undefined, params),
    DeleteServiceConversationScopedWebhook: ({ principal, params }) => remove(principal, params.ChatServiceSid, params),
  };
}
