import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { type ConversationDescriptor, describe, peekConversation } from "../../core/channels.js";
import { listChannels } from "../../core/chat-channels.js";
import { type ConversationInput, createConversation, deleteConversation, updateConversation } from "../../core/conversations.js";
import { resolveService } from "../../core/services.js";
import type { ConversationRecord } from "../../store/index.js";
import { actorFor } from "../actor.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderChatChannel } from "./render/channel.js";

type ChannelForm = Partial<BodyOf<"ChatCreateChannel"> & BodyOf<"ChatUpdateChannel">>;

/** Form fields → the domain's conversation input; only the fields given are set. */
function channelInput(body: ChannelForm): ConversationInput {
  const input: ConversationInput = {};
  if (body.FriendlyName !== undefined) input.friendlyName = body.FriendlyName;
  if (body.UniqueName !== undefined) input.uniqueName = body.UniqueName;
  if (body.Attributes !== undefined) input.attributes = body.Attributes;
  if (body.DateCreated !== undefined) input.dateCreated = body.DateCreated;
  if (body.DateUpdated !== undefined) input.dateUpdated = body.DateUpdated;
  if (body.CreatedBy !== undefined) input.createdBy = body.CreatedBy;
  if (body.Type !== undefined) input.type = body.Type;
  return input;
}

/** Chat v2 channels: the service's conversations. */
export function chatChannelsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  const renderDescribed = ({ conversation, membersCount, messagesCount }: ConversationDescriptor) =>
    renderChatChannel(conversation, { members: membersCount, messages: messagesCount }, publicUrl);
  const render = async (c: ConversationRecord) => renderDescribed(await describe(core, c));

  return {
    ChatListChannel: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const request = pageRequest(params);
      const settled = settle(await listChannels(core, principal, service, params.Type, request), request);
      const items = await Promise.all(settled.items.map(render));
      return listResponse("channels", items, settled, request, {
        publicUrl,
        path: `/v2/Services/${service.sid}/Channels`,
        query: { Type: params.Type },
      }) as never;
    },
    ChatCreateChannel: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await createConversation(core, actorFor(principal, params), service, channelInput(body ?? {})));
    },
    ChatFetchChannel: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      // Chat shows a public channel (or one the user is invited to) to users who are not members.
      return renderDescribed(await peekConversation(core, principal, service, params.Sid));
    },
    ChatUpdateChannel: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await updateConversation(core, actorFor(principal, params), service, params.Sid, channelInput(body ?? {})));
    },
    ChatDeleteChannel: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      await deleteConversation(core, actorFor(principal, params), service, params.Sid);
      return undefined as never;
    },
  };
}
