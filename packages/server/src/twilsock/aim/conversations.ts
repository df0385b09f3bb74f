import type { CompatComponents } from "@confab/protocol/server";
import { uniqueNameOf } from "../sync/names.js";
import { typeOf } from "../../core/conversations.js";
import { listInvitesOf } from "../../core/invites.js";
import { clientDescriptor, createTypedConversation, linksOf } from "./channels.js";
import { answer, call, field, type Json, nextToken, type TunnelContext, type TunnelRequest, type TunnelResponse } from "./context.js";
import { tunnelError } from "../tunnel-error.js";

type Schemas = CompatComponents["schemas"];

/** The Sync objects of a conversation, as the client API names them. */
export function syncObjectsOf(conversationSid: string): Schemas["SyncObjectNames"] {
  return {
    conversation: uniqueNameOf({ type: "document", kind: "conversation", conversationSid }),
    messages: uniqueNameOf({ type: "list", kind: "messages", conversationSid }),
    participants: uniqueNameOf({ type: "map", kind: "roster", conversationSid }),
  };
}

/** One of the user's conversations as `{my_conversations}` lists it. */
function myConversation(uc: Json): Schemas["MyConversation"] {
  return {
    conversation_sid: uc.conversation_sid,
    status: uc.status ?? "joined",
    ...(uc.type ? { type: uc.type, messages_count: uc.messages_count, participants_count: uc.participants_count } : {}),
    friendly_name: uc.friendly_name,
    unique_name: uc.unique_name,
    attributes: uc.attributes,
    created_by: uc.created_by ?? "",
    date_created: uc.date_created,
    date_updated: uc.date_updated,
    notification_level: uc.notification_level,
    last_read_message_index: uc.last_read_message_index,
    unread_messages_count: uc.unread_messages_count ?? null,
    sync_objects: syncObjectsOf(uc.conversation_sid),
  };
}

/** A REST conversation as the client API answers it; who created it is in its Sync document (`createdBy`). */
function conversation(json: Schemas["Conversation"]): Schemas["ClientConversation"] {
  return { ...json, created_by: "", sync_objects: syncObjectsOf(json.sid), links: { ...json.links, ...linksOf(json.url ?? "") } };
}

/**
 * Chat's descriptors read a channel's type and counts from the user's list: adds them to each
 * item (the counts as of now).
 */
async function withCounts(ctx: TunnelContext, items: Json[]): Promise<Json[]> {
  return Promise.all(
    items.map(async (item) => {
      const sid = item.conversation_sid as string;
      const [record, messages, participants] = await Promise.all([
        ctx.core.store.get("conversation", sid),
        ctx.core.store.count("message", { parent: sid }),
        ctx.core.store.count("participant", { parent: sid }),
      ]);
      return record ? { ...item, type: typeOf(record), messages_count: messages, participants_count: participants } : item;
    }),
  );
}

/** The conversations the user is invited to, as Chat's list shows them after the joined ones. */
async function invitedConversations(ctx: TunnelContext): Promise<Json[]> {
  const invites = await listInvitesOf(ctx.core, ctx.who.service, ctx.who.identity, { pageSize: ctx.core.limits.conversationsPerIdentity });
  const items: Json[] = [];
  for (const invite of invites.items) {
    const record = await ctx.core.store.get("conversation", invite.conversationSid);
    if (!record) continue;
    items.push({
      conversation_sid: record.sid,
      status: "invited",
      friendly_name: record.friendlyName,
      unique_name: record.uniqueName,
      attributes: record.attributes,
      created_by: record.createdBy ?? "",
      date_created: record.dateCreated,
      date_updated: record.dateUpdated,
      notification_level: "default",
      last_read_message_index: null,
    });
  }
  return items;
}

type Route = {
  method: string;
  pattern: RegExp;
  run: (ctx: TunnelContext, request: TunnelRequest, match: string[]) => Promise<TunnelResponse>;
};

/** The Conversations client API (`Client/v2/...`) on the REST operations, as the session's user. */
export const conversationRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/Users\/Me\/Conversations$/,
    run: async (ctx, request) => {
      const listed = await call(ctx, "ListServiceUserConversation", {
        UserSid: ctx.who.identity,
        PageSize: 50,
        PageToken: request.query.PageToken,
      });
      if (listed.error || request.clientApi !== "v1") {
        return answer(ctx, listed, (page: Json) => ({
          conversations: page.conversations.map(myConversation),
          meta: { next_token: nextToken(page.meta) },
        }));
      }
      // Chat (Client/v1): with each channel's type and counts, and the invited channels after the last page.
      const page = listed.body as Json;
      const next = nextToken(page.meta);
      const items = [...page.conversations, ...(next === null ? await invitedConversations(ctx) : [])];
      const conversations = (await withCounts(ctx, items)).map(myConversation);
      return answer(ctx, listed, () => ({ conversations, meta: { previous_token: null, next_token: next } }));
    },
  },
  {
    method: "GET",
    pattern: /^\/Users\/Me\/Conversations\/([^/]+)$/,
    run: async (ctx, _request, [id]) =>
      answer(ctx, await call(ctx, "FetchServiceUserConversation", { UserSid: ctx.who.identity, ConversationSid: id }), myConversation),
  },
  {
    method: "POST",
    pattern: /^\/Users\/Me\/Conversations\/([^/]+)$/,
    run: async (ctx, request, [id]) => {
      const body = request.body as Json;
      // Chat (Client/v1) names the read horizon the consumption horizon.
      const lastRead = body?.last_read_message_index !== undefined ? body.last_read_message_index : body?.last_consumed_message_index;
      return answer(
        ctx,
        await call(
          ctx,
          "UpdateServiceUserConversation",
          { UserSid: ctx.who.identity, ConversationSid: id },
          {
            // Null clears the read horizon: the REST form says so with an empty value.
            LastReadMessageIndex: lastRead === null ? "" : lastRead,
            NotificationLevel: field(body, "notification_level"),
          },
        ),
        myConversation,
      );
    },
  },
  {
    method: "POST",
    pattern: /^\/Conversations$/,
    run: async (ctx, request) =>
      (request.body as Json | undefined)?.type !== undefined
        ? createTypedConversation(ctx, request.body as Json)
        : answer(
            ctx,
            await call(
              ctx,
              "CreateServiceConversation",
              {},
              {
                FriendlyName: field(request.body, "friendly_name"),
                UniqueName: field(request.body, "unique_name"),
                Attributes: field(request.body, "attributes"),
              },
            ),
            conversation,
          ),
  },
  {
    // A participant's conversation, or what an invitee or a user looking at a public one may see
    // of it (peekConversationBySid, Chat's channel descriptor), with the caller's status.
    method: "GET",
    pattern: /^\/Conversations\/([^/]+)$/,
    run: async (ctx, request, [id]) => {
      const seen = await call(ctx, "FetchServiceConversationDescriptor", { Sid: id });
      if (seen.error) return answer(ctx, seen);
      const descriptor = seen.body as Json;
      const full = descriptor.status === "joined" ? await call(ctx, "FetchServiceConversation", { Sid: descriptor.sid }) : null;
      const whole = full?.body ? conversation(full.body as Schemas["Conversation"]) : {};
      const shaped = { ...whole, ...clientDescriptor(descriptor) };
      // Conversations has no invites: to its SDK an invitee is not participating.
      if (request.clientApi !== "v1" && shaped.status === "invited") shaped.status = "notParticipating";
      return answer(ctx, seen, () => shaped);
    },
  },
  {
    method: "POST",
    pattern: /^\/Conversations\/([^/]+)$/,
    run: async (ctx, request, [id]) =>
      answer(
        ctx,
        await call(
          ctx,
          "UpdateServiceConversation",
          { Sid: id },
          {
            FriendlyName: field(request.body, "friendly_name"),
            UniqueName: field(request.body, "unique_name"),
            Attributes: field(request.body, "attributes"),
          },
        ),
        conversation,
      ),
  },
  {
    method: "DELETE",
    pattern: /^\/Conversations\/([^/]+)$/,
    run: async (ctx, _request, [id]) => answer(ctx, await call(ctx, "DeleteServiceConversation", { Sid: id })),
  },
  {
    method: "POST",
    pattern: /^\/Conversations\/([^/]+)\/Participants$/,
    run: async (ctx, request, [id]) => {
      const body = request.body as Json;
      const binding = body?.messaging_binding as Json | undefined;
      return answer(
        ctx,
        await call(
          ctx,
          "CreateServiceConversationParticipant",
          { ConversationSid: id },
          {
            Identity: field(body, "identity"),
            Attributes: field(body, "attributes"),
            "MessagingBinding.Address": binding?.address,
            "MessagingBinding.ProxyAddress": binding?.proxy_address,
          },
        ),
      );
    },
  },
  {
    method: "POST",
    pattern: /^\/Conversations\/([^/]+)\/Participants\/([^/]+)$/,
    run: async (ctx, request, [id, participant]) =>
      answer(
        ctx,
        await call(
          ctx,
          "UpdateServiceConversationParticipant",
          { ConversationSid: id, Sid: participant },
          { Attributes: field(request.body, "attributes") },
        ),
      ),
  },
  {
    method: "DELETE",
    pattern: /^\/Conversations\/([^/]+)\/Participants\/([^/]+)$/,
    run: async (ctx, _request, [id, participant]) =>
      answer(ctx, await call(ctx, "DeleteServiceConversationParticipant", { ConversationSid: id, Sid: participant })),
  },
  {
    method: "POST",
    pattern: /^\/Conversations\/([^/]+)\/Messages$/,
    run: async (ctx, request, [id]) => {
      const body = request.body as Json;
      // Conversations sends `media_sids`; Chat sends one `media_sid`.
      const media = Array.isArray(body?.media_sids)
        ? (body.media_sids as string[])
        : typeof body?.media_sid === "string"
          ? [body.media_sid]
          : [];
      return answer(
        ctx,
        await call(
          ctx,
          "CreateServiceConversationMessage",
          { ConversationSid: id },
          {
            Body: field(body, "body"),
            Attributes: field(body, "attributes"),
            MediaSid: media.length > 0 ? media : undefined,
            ContentSid: field(body, "content_sid"),
          },
          // The SDK's mutation id makes a resent send safe, as an idempotency key does.
          request.headers["X-Twilio-Mutation-Id"],
        ),
      );
    },
  },
  {
    method: "POST",
    pattern: /^\/Conversations\/([^/]+)\/Messages\/([^/]+)$/,
    run: async (ctx, request, [id, message]) =>
      answer(
        ctx,
        await call(
          ctx,
          "UpdateServiceConversationMessage",
          { ConversationSid: id, Sid: message },
          { Body: field(request.body, "body"), Attributes: field(request.body, "attributes") },
        ),
      ),
  },
  {
    method: "DELETE",
    pattern: /^\/Conversations\/([^/]+)\/Messages\/([^/]+)$/,
    run: async (ctx, _request, [id, message]) =>
      answer(ctx, await call(ctx, "DeleteServiceConversationMessage", { ConversationSid: id, Sid: message })),
  },
  {
    method: "GET",
    pattern: /^\/Conversations\/([^/]+)\/Messages\/([^/]+)\/Receipts$/,
    run: async (ctx, request, [id, message]) =>
      answer(
        ctx,
        await call(ctx, "ListServiceConversationMessageReceipt", {
          ConversationSid: id,
          MessageSid: message,
          PageSize: request.query.PageSize,
          PageToken: request.query.PageToken,
        }),
        (page: Json) => ({ delivery_receipts: page.delivery_receipts, meta: { previous_token: null, next_token: nextToken(page.meta) } }),
      ),
  },
  {
    method: "GET",
    pattern: /^\/Conversations\/([^/]+)\/MessageRecipients$/,
    // Recipients are the email addresses of an email message; chat messages have none. The
    // message (and the conversation) must still be the user's to read.
    run: async (ctx, request, [id]) => {
      const messageSid = request.query.MessageSid;
      const checked = messageSid
        ? await call(ctx, "FetchServiceConversationMessage", { ConversationSid: id, Sid: messageSid })
        : await call(ctx, "FetchServiceConversation", { Sid: id });
      return answer(ctx, checked, () => ({ message_recipients: [], meta: { next_token: null } }));
    },
  },
  {
    method: "GET",
    pattern: /^\/Users\/([^/]+)$/,
    run: async (ctx, _request, [identity]) => {
      const fetched = await call(ctx, "FetchServiceUser", { Sid: identity === "Me" ? ctx.who.identity : identity });
      return answer(ctx, fetched, (user: Json) => ({
        ...user,
        sync_objects: { user_info_map: uniqueNameOf({ type: "map", kind: "userInfo", userSid: user.sid }) },
      }));
    },
  },
  {
    method: "POST",
    pattern: /^\/Users\/([^/]+)$/,
    run: async (ctx, request, [identity]) =>
      answer(
        ctx,
        await call(
          ctx,
          "UpdateServiceUser",
          { Sid: identity === "Me" ? ctx.who.identity : identity },
          { FriendlyName: field(request.body, "friendly_name"), Attributes: field(request.body, "attributes") },
        ),
      ),
  },
  {
    method: "POST",
    pattern: /^\/Typing$/,
    run: async (ctx, request) => {
      const form = typeof request.body === "string" ? new URLSearchParams(request.body) : null;
      const conversationSid = form?.get("ChannelSid") ?? field(request.body, "ChannelSid");
      if (typeof conversationSid !== "string") return tunnelError(400, 20001, "ChannelSid is required");
      const taking = await ctx.hub.typing(ctx.session, conversationSid);
      if (!taking) return tunnelError(404, 20404, `Conversation ${conversationSid} not found`);
      return { status: 200, body: { typing_timeout: 5 } };
    },
  },
  {
    method: "GET",
    pattern: /^\/ContentTemplates$/,
    // Confab has no Content API: no templates, which the SDK reads as an empty list.
    run: async () => ({ status: 200, body: { templates: [], meta: { next_token: null } } }),
  },
];
