import type { Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { listParticipantConversations } from "../../core/participant-conversations.js";
import { resolveService } from "../../core/services.js";
import type { RestApp } from "../app.js";
import { listResponse, type PagingParams, pageRequest, settle } from "../paging.js";
import { scopeOf } from "../render/conversation.js";
import { renderParticipantConversation } from "../render/participant-conversation.js";

type ListParams = PagingParams & { Identity?: string; Address?: string };

/** The conversations of an identity or address, on Twilio's global path and its service-scoped twin. */
export function participantConversationsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;

  const list = async (actor: Actor, serviceSid: string | undefined, params: ListParams) => {
    const service = await resolveService(core, actor, serviceSid);
    const scope = scopeOf(publicUrl, serviceSid);
    const request = pageRequest(params);
    const filter = {
      ...(params.Identity !== undefined ? { identity: params.Identity } : {}),
      ...(params.Address !== undefined ? { address: params.Address } : {}),
    };
    const settled = settle(await listParticipantConversations(core, actor, service, filter, request), request);
    return listResponse(
      "conversations",
      settled.items.map((p) => renderParticipantConversation(p, scope)),
      settled,
      request,
      { publicUrl, path: `${scope.servicePath}/ParticipantConversations`, query: { Identity: params.Identity, Address: params.Address } },
    ) as never;
  };

  return {
    ListParticipantConversation: ({ principal, params }) => list(principal, undefined, params),
    ListServiceParticipantConversation: ({ principal, params }) => list(principal, params.ChatServiceSid, params),
  };
}
