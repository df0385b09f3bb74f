import type { CompatComponents } from "@confab/protocol/server";
import { createConversation } from "../../core/conversations.js";
import { renderConversation, scopeOf } from "../../http/render/conversation.js";
import { syncObjectsOf } from "./conversations.js";
import {
  answer,
  call,
  direct,
  field,
  type Json,
  nextToken,
  previousToken,
  type TunnelContext,
  type TunnelRequest,
  type TunnelResponse,
} from "./context.js";

type Schemas = CompatComponents["schemas"];

type Route = {
  method: string;
  pattern: RegExp;
  run: (ctx: TunnelContext, request: TunnelRequest, match: string[]) => Promise<TunnelResponse>;
};

/** The SDKs' names for a user's standing (the REST descriptor spells `not_participating`). */
const statusOf = (status: string | null | undefined): Schemas["ClientDescriptor"]["status"] =>
  status === "joined" || status === "invited" ? status : "notParticipating";

/** A conversation descriptor (REST, x-confab) as the client API answers it: Chat's ChannelDescriptor reads these fields. */
export function clientDescriptor(d: Json): Schemas["ClientDescriptor"] {
  return {
    sid: d.sid,
    conversation_sid: d.sid,
    friendly_name: d.friendly_name,
    unique_name: d.unique_name,
    attributes: d.attributes,
    created_by: d.created_by ?? "",
    date_created: d.date_created,
    date_updated: d.date_updated,
    type: d.type,
    status: statusOf(d.status),
    messages_count: d.messages_count,
    participants_count: d.members_count,
    sync_objects: syncObjectsOf(d.sid),
    url: d.url,
    links: linksOf(d.url),
  };
}

/** A conversation's links as the SDKs follow them; Chat invites through `invites`. */
export function linksOf(url: string): Record<string, string> {
  return { self: url, participants: `${url}/Participants`, messages: `${url}/Messages`, invites: `${url}/Invites` };
}

/** Chat's channel model on the client API (`Client/v1`; the same paths answer on `v2`). */
export const channelRoutes: Route[] = [
  {
    // Chat's getPublicChannelDescriptors: the public directory, a page at a time.
    method: "GET",
    pattern: /^\/Conversations$/,
    run: async (ctx, request) =>
      answer(
        ctx,
        await call(ctx, "ListServiceConversationDescriptor", { PageSize: 50, PageToken: request.query.PageToken }),
        (page: Json) => ({
          conversations: page.conversations.map(clientDescriptor),
          meta: { previous_token: previousToken(page.meta), next_token: nextToken(page.meta) },
        }),
      ),
  },
  {
    method: "POST",
    pattern: /^\/Conversations\/([^/]+)\/Invites$/,
    run: async (ctx, request, [id]) =>
      answer(
        ctx,
        await call(ctx, "CreateServiceConversationInvite", { ConversationSid: id }, { Identity: field(request.body, "identity") }),
      ),
  },
  {
    // Chat's decline() deletes the user's own invite by identity; the account or an inviter may withdraw one.
    method: "DELETE",
    pattern: /^\/Conversations\/([^/]+)\/Invites\/([^/]+)$/,
    run: async (ctx, _request, [id, invitee]) =>
      answer(ctx, await call(ctx, "DeleteServiceConversationInvite", { ConversationSid: id, Sid: invitee })),
  },
];

/**
 * Chat's createChannel names a type (`public` unless `isPrivate`), which Conversations v1 has no
 * parameter for: the core creates it. Conversations' createConversation has no type and takes
 * the REST operation (a private conversation).
 */
export async function createTypedConversation(ctx: TunnelContext, body: Json): Promise<TunnelResponse> {
  const input = {
    type: body.type,
    ...(field(body, "friendly_name") !== undefined ? { friendlyName: String(field(body, "friendly_name")) } : {}),
    ...(field(body, "unique_name") !== undefined ? { uniqueName: String(field(body, "unique_name")) } : {}),
    ...(field(body, "attributes") !== undefined ? { attributes: String(field(body, "attributes")) } : {}),
  };
  const scope = scopeOf(ctx.base, ctx.who.service.sid);
  return direct(
    ctx,
    201,
    () => createConversation(ctx.core, ctx.actor, ctx.who.service, input),
    (record) => {
      const json = renderConversation(record, scope);
      return {
        ...json,
        created_by: record.createdBy ?? "",
        type: record.type,
        sync_objects: syncObjectsOf(record.sid),
        links: linksOf(json.url),
      };
    },
  );
}
