import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import {
  createMessage,
  deleteMessage,
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
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderChatMessage } from "./render/message.js";

type MessageForm = Partial<BodyOf<"ChatCreateMessage"> & BodyOf<"ChatUpdateMessage">>;

/** Form fields → the domain's message input or update; only the fields given are set. */
function messageFields(body: MessageForm): MessageInput & MessageUpdate {
  const input: MessageInput & MessageUpdate = {};
  if (body.From !== undefined) input.author = body.From;
  if (body.Body !== undefined) input.body = body.Body;
  if (body.Attributes !== undefined) input.attributes = body.Attributes;
  if (body.MediaSid !== undefined) input.mediaSid = body.MediaSid;
  if (body.DateCreated !== undefined) input.dateCreated = body.DateCreated;
  if (body.DateUpdated !== undefined) input.dateUpdated = body.DateUpdated;
  if (body.LastUpdatedBy !== undefined) input.lastUpdatedBy = body.LastUpdatedBy;
  return input;
}

/** Chat v2 messages: a channel's messages. */
export function chatMessagesHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  const render = (m: MessageRecord) => renderChatMessage(m, publicUrl);

  return {
    ChatListMessage: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const request = pageRequest(params, params.Order ?? "asc");
      const settled = settle(await listMessages(core, principal, service, params.ChannelSid, request), request);
      return listResponse("messages", settled.items.map(render), settled, request, {
        publicUrl,
        path: `/v2/Services/${service.sid}/Channels/${params.ChannelSid}/Messages`,
        query: { Order: params.Order },
      }) as never;
    },
    ChatCreateMessage: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await createMessage(core, actorFor(principal, params), service, params.ChannelSid, messageFields(body ?? {})));
    },
    ChatFetchMessage: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(await findMessage(core, principal, service, params.ChannelSid, params.Sid));
    },
    ChatUpdateMessage: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(
        await updateMessage(core, actorFor(principal, params), service, params.ChannelSid, params.Sid, messageFields(body ?? {})),
      );
    },
    ChatDeleteMessage: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      await deleteMessage(core, actorFor(principal, params), service, params.ChannelSid, params.Sid);
      return undefined as never;
    },
  };
}
