import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { findConversation } from "../../core/conversations.js";
import { fail } from "../../core/errors.js";
import {
  addParticipant,
  findParticipant,
  listParticipants,
  type ParticipantUpdate,
  removeParticipant,
  updateParticipant,
} from "../../core/participants.js";
import { resolveService } from "../../core/services.js";
import type { ParticipantRecord } from "../../store/index.js";
import { actorFor } from "../actor.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderChatMember } from "./render/member.js";

/** Form fields → the domain's participant update; only the fields given are set. */
function memberUpdate(body: Partial<BodyOf<"ChatUpdateMember">>): ParticipantUpdate {
  const input: ParticipantUpdate = {};
  if (body.RoleSid !== undefined) input.roleSid = body.RoleSid;
  if (body.Attributes !== undefined) input.attributes = body.Attributes;
  if (body.LastConsumedMessageIndex !== undefined) input.lastReadMessageIndex = body.LastConsumedMessageIndex;
  if (body.LastConsumptionTimestamp !== undefined) input.lastReadTimestamp = body.LastConsumptionTimestamp;
  if (body.DateCreated !== undefined) input.dateCreated = body.DateCreated;
  if (body.DateUpdated !== undefined) input.dateUpdated = body.DateUpdated;
  return input;
}

/** Chat v2 members: a channel's chat participants. */
export function chatMembersHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  const render = (p: ParticipantRecord) => renderChatMember(p, publicUrl);

  return {
    ChatListMember: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const request = pageRequest(params);
      const link = {
        publicUrl,
        path: `/v2/Services/${service.sid}/Channels/${params.ChannelSid}/Members`,
        query: { Identity: params.Identity },
      };
      if (params.Identity?.length) {
        // A filter by identity names at most as many members as identities: one page, by key.
        const channel = await findConversation(core, principal, service, params.ChannelSid);
        const found = await Promise.all(params.Identity.map((identity) => core.store.getByKey("participant", channel.sid, identity)));
        const items = found.filter((p): p is ParticipantRecord => p !== null);
        return listResponse("members", items.map(render), { positions: [], hasNext: false, hasPrevious: false }, request, link) as never;
      }
      const settled = settle(await listParticipants(core, principal, service, params.ChannelSid, request), request);
      // Members are chat participants: SMS, WhatsApp… participants of a Conversations v1 conversation are not.
      const chat = settled.items.flatMap((p, i) => (p.identity === null ? [] : [[p, settled.positions[i] as number] as const]));
      const members = { ...settled, items: chat.map(([p]) => p), positions: chat.map(([, position]) => position) };
      return listResponse("members", members.items.map(render), members, request, link) as never;
    },
    ChatCreateMember: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const member = await addParticipant(core, actorFor(principal, params), service, params.ChannelSid, {
        identity: body.Identity,
        ...(body.RoleSid !== undefined ? { roleSid: body.RoleSid } : {}),
        ...(body.Attributes !== undefined ? { attributes: body.Attributes } : {}),
        ...(body.DateCreated !== undefined ? { dateCreated: body.DateCreated } : {}),
        ...(body.DateUpdated !== undefined ? { dateUpdated: body.DateUpdated } : {}),
        ...(body.LastConsumedMessageIndex !== undefined ? { lastReadMessageIndex: body.LastConsumedMessageIndex } : {}),
        ...(body.LastConsumptionTimestamp !== undefined ? { lastReadTimestamp: body.LastConsumptionTimestamp } : {}),
      });
      return render(member);
    },
    ChatFetchMember: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      const member = await findParticipant(core, principal, service, params.ChannelSid, params.Sid);
      if (member.identity === null) throw fail.notFound(`/Channels/${params.ChannelSid}/Members/${params.Sid}`);
      return render(member);
    },
    ChatUpdateMember: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      return render(
        await updateParticipant(core, actorFor(principal, params), service, params.ChannelSid, params.Sid, memberUpdate(body ?? {})),
      );
    },
    ChatDeleteMember: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ServiceSid);
      await removeParticipant(core, actorFor(principal, params), service, params.ChannelSid, params.Sid);
      return undefined as never;
    },
  };
}
