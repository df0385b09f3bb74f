import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import {
  type ConversationInput,
  createConversation,
  deleteConversation,
  listConversations,
  updateConversation,
} from "../../core/conversations.js";
import { findVisibleConversation } from "../../core/channels.js";
import { resolveService } from "../../core/services.js";
import { actorFor } from "../actor.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderConversation, scopeOf } from "../render/conversation.js";

type ConversationForm = BodyOf<"CreateConversation"> & BodyOf<"UpdateConversation">;

/** Form fields → the domain's input; only the fields given are set. */
export function conversationInput(body: Partial<ConversationForm>): ConversationInput {
  const input: ConversationInput = {};
  if (body.FriendlyName !== undefined) input.friendlyName = body.FriendlyName;
  if (body.UniqueName !== undefined) input.uniqueName = body.UniqueName;
  if (body.Attributes !== undefined) input.attributes = body.Attributes;
  if (body.MessagingServiceSid !== undefined) input.messagingServiceSid = body.MessagingServiceSid;
  if (body.State !== undefined) input.state = body.State;
  if (body["Timers.Inactive"] !== undefined) input.timerInactive = body["Timers.Inactive"];
  if (body["Timers.Closed"] !== undefined) input.timerClosed = body["Timers.Closed"];
  if (body.DateCreated !== undefined) input.dateCreated = body.DateCreated;
  if (body.DateUpdated !== undefined) input.dateUpdated = body.DateUpdated;
  if (body["Bindings.Email.Address"] !== undefined) input.bindingsEmailAddress = body["Bindings.Email.Address"];
  if (body["Bindings.Email.Name"] !== undefined) input.bindingsEmailName = body["Bindings.Email.Name"];
  return input;
}

/** Conversations, on Twilio's global paths and their service-scoped twins. */
export function conversationHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;

  const list = async (
    actor: Actor,
    serviceSid: string | undefined,
    params: { State?: string; StartDate?: string; EndDate?: string; PageSize?: number; Page?: number; PageToken?: string },
  ) => {
    const service = await resolveService(core, actor, serviceSid);
    const scope = scopeOf(publicUrl, serviceSid);
    // Twilio lists conversations filtered by date newest first.
    const request = pageRequest(params, params.StartDate || params.EndDate ? "desc" : "asc");
    const page = await listConversations(
      core,
      actor,
      service,
      {
        ...(params.State ? { state: params.State as never } : {}),
        ...(params.StartDate ? { startDate: params.StartDate } : {}),
        ...(params.EndDate ? { endDate: params.EndDate } : {}),
      },
      request,
    );
    const settled = settle(page, request);
    return listResponse(
      "conversations",
      settled.items.map((c) => renderConversation(c, scope)),
      settled,
      request,
      {
        publicUrl,
        path: `${scope.servicePath}/Conversations`,
        query: { State: params.State, StartDate: params.StartDate, EndDate: params.EndDate },
      },
    ) as never;
  };

  return {
    ListConversation: ({ principal, params }) => list(principal, undefined, params),
    ListServiceConversation: ({ principal, params }) => list(principal, params.ChatServiceSid, params),

    CreateConversation: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, undefined);
      return renderConversation(
        await createConversation(core, actorFor(principal, params), service, conversationInput(body)),
        scopeOf(publicUrl, undefined),
      );
    },
    CreateServiceConversation: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      return renderConversation(
        await createConversation(core, actorFor(principal, params), service, conversationInput(body)),
        scopeOf(publicUrl, service.sid),
      );
    },

    // A public conversation (or one the caller is invited to) may be fetched without taking part;
    // its messages and participants may not.
    FetchConversation: async ({ principal, params }) => {
      const service = await resolveService(core, principal, undefined);
      const { conversation } = await findVisibleConversation(core, principal, service, params.Sid);
      return renderConversation(conversation, scopeOf(publicUrl, undefined));
    },
    FetchServiceConversation: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      const { conversation } = await findVisibleConversation(core, principal, service, params.Sid);
      return renderConversation(conversation, scopeOf(publicUrl, service.sid));
    },

    UpdateConversation: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, undefined);
      return renderConversation(
        await updateConversation(core, actorFor(principal, params), service, params.Sid, conversationInput(body)),
        scopeOf(publicUrl, undefined),
      );
    },
    UpdateServiceConversation: async ({ principal, params, body }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      return renderConversation(
        await updateConversation(core, actorFor(principal, params), service, params.Sid, conversationInput(body)),
        scopeOf(publicUrl, service.sid),
      );
    },

    DeleteConversation: async ({ principal, params }) => {
      const service = await resolveService(core, principal, undefined);
      await deleteConversation(core, actorFor(principal, params), service, params.Sid);
      return undefined as never;
    },
    DeleteServiceConversation: async ({ principal, params }) => {
      const service = await resolveService(core, principal, params.ChatServiceSid);
      await deleteConversation(core, actorFor(principal, params), service, params.Sid);
      return undefined as never;
    },
  };
}
