import type { BodyOf, Handlers, RouterRequest } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import {
  createMessage,
  deleteMessage,
  deliveryOf,
  findMessage,
  listMessages,
  type MessageInput,
  type MessageUpdate,
  updateMessage,
} from "../../core/messages.js";
import { resolveService } from "../../core/services.js";
import type { MessageRecord } from "../../store/index.js";
import { actorFor } from "../actor.js";
import type { RestApp } from "../app.js";
import { listResponse, type PagingParams, pageRequest, settle } from "../paging.js";
import { conversationPath, type Scope, scopeOf } from "../render/conversation.js";
import { renderMessage } from "../render/message.js";

function messageInput(body: BodyOf<"CreateConversationMessage">, request: RouterRequest): MessageInput {
  const input: MessageInput = {};
  if (body.Author !== undefined) input.author = body.Author;
  if (body.Body !== undefined) input.body = body.Body;
  if (body.Attributes !== undefined) input.attributes = body.Attributes;
  if (body.MediaSid !== undefined) input.mediaSids = body.MediaSid;
  if (body.ContentSid !== undefined) input.contentSid = body.ContentSid;
  if (body.Subject !== undefined) input.subject = body.Subject;
  if (body.DateCreated !== undefined) input.dateCreated = body.DateCreated;
  if (body.DateUpdated !== undefined) input.dateUpdated = body.DateUpdated;
  // Twilio's SDKs send a key with each message so a retried send does not post it twice.
  const key = request.headers["i-twilio-idempotency-token"];
  if (key) input.idempotencyKey = key;
  return input;
}

function messageUpdate(body: BodyOf<"UpdateConversationMessage">): MessageUpdate {
  const input: MessageUpdate = {};
  if (body.Author !== undefined) input.author = body.Author;
  if (body.Body !== undefined) input.body = body.Body;
  if (body.Attributes !== undefined) input.attributes = body.Attributes;
  if (body.Subject !== undefined) input.subject = body.Subject;
  if (body.DateCreated !== undefined) input.dateCreated = body.DateCreated;
  if (body.DateUpdated !== undefined) input.dateUpdated = body.DateUpdated;
  return input;
}

type MessageParams = { ConversationSid: string; Sid: string };

/** Conversation messages, on Twilio's global paths and their service-scoped twins. */
export function messagesHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;

  const render = async (message: MessageRecord, scope: Scope) => renderMessage(message, await deliveryOf(core, message), scope);

  const list = async (
    actor: Actor,
    serviceSid: string | undefined,
    params: PagingParams & { ConversationSid: string; Order?: "asc" | "desc" },
  ) => {
    const service = await resolveService(core, actor, serviceSid);
    const scope = scopeOf(publicUrl, serviceSid);
    const request = pageRequest(params, params.Order ?? "asc");
    const settled = settle(await listMessages(core, actor, service, params.ConversationSid, request), request);
    const items = [];
    for (const m of settled.items) items.push(await render(m, scope));
    return listResponse("messages", items, settled, request, {
      publicUrl,
      path: `${conversationPath(scope, params.ConversationSid)}/Messages`,
      query: { Order: params.Order },
    }) as never;
  };

  const create = async (
    actor: Actor,
    serviceSid: string | undefined,
    conversationId: string,
    body: BodyOf<"CreateConversationMessage">,
    request: RouterRequest,
  ) => {
    const service = await resolveService(core, actor, serviceSid);
    return render(await createMessage(core, actor, service, conversationId, messageInput(body, request)), scopeOf(publicUrl, serviceSid));
  };

  const fetch = async (actor: Actor, serviceSid: string | undefined, params: MessageParams) => {
    const service = await resolveService(core, actor, serviceSid);
    return render(await findMessage(core, actor, service, params.ConversationSid, params.Sid), scopeOf(publicUrl, serviceSid));
  };

  const update = async (actor: Actor, serviceSid: string | undefined, params: MessageParams, body: BodyOf<"UpdateConversationMessage">) => {
    const service = await resolveService(core, actor, serviceSid);
    return render(
      await updateMessage(core, actor, service, params.ConversationSid, params.Sid, messageUpdate(body)),
      scopeOf(publicUrl, serviceSid),
    );
  };

  const remove = async (actor: Actor, serviceSid: string | undefined, params: MessageParams) => {
    const service = await resolveService(core, actor, serviceSid);
    await deleteMessage(core, actor, service, params.ConversationSid, params.Sid);
    return undefined as never;
  };

  return {
    ListConversationMessage: ({ principal, params }) => list(principal, undefined, params),
    ListServiceConversationMessage: ({ principal, params }) => list(principal, params.ChatServiceSid, params),
    CreateConversationMessage: ({ principal, params, body, request }) =>
      create(actorFor(principal, params), undefined, params.ConversationSid, body, request),
    CreateServiceConversationMessage: ({ principal, params, body, request }) =>
      create(actorFor(principal, params), params.ChatServiceSid, params.ConversationSid, body, request),
    FetchConversationMessage: ({ principal, params }) => fetch(principal, undefined, params),
    FetchServiceConversationMessage: ({ principal, params }) => fetch(principal, params.ChatServiceSid, params),
    UpdateConversationMessage: ({ principal, params, body }) => update(actorFor(principal, params), undefined, params, body),
    UpdateServiceConversationMessage: ({ principal, params, body }) =>
      update(actorFor(principal, params), params.ChatServiceSid, params, body),
    DeleteConversationMessage: ({ principal, params }) => remove(actorFor(principal, params), undefined, params),
    DeleteServiceConversationMessage: ({ principal, params }) => remove(actorFor(principal, params), params.ChatServiceSid, params),
  };
}
