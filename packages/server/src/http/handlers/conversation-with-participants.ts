import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { createConversationWithParticipants } from "../../core/conversation-with-participants.js";
import { fail } from "../../core/errors.js";
import type { ParticipantInput } from "../../core/participants.js";
import { resolveService } from "../../core/services.js";
import { actorFor } from "../actor.js";
import type { RestApp } from "../app.js";
import { renderConversation, scopeOf } from "../render/conversation.js";
import { conversationInput } from "./conversations.js";

const text = (value: unknown, name: string, n: number): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw fail.invalid(`Participant ${n}: ${name} must be a string`);
  return value;
};

/**
 * One `Participant` value (a JSON object named as the Participant resource names its fields, e.g.
 * `{"identity":"alice"}` or `{"messaging_binding":{"address":"+1555…"}}`) → the domain's input.
 */
export function participantFromJson(json: string, n: number): ParticipantInput {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw fail.invalid(`Participant ${n} must be a JSON object`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw fail.invalid(`Participant ${n} must be a JSON object`);
  const p = value as Record<string, unknown>;
  const binding = p.messaging_binding ?? {};
  if (typeof binding !== "object" || binding === null || Array.isArray(binding)) {
    throw fail.invalid(`Participant ${n}: messaging_binding must be an object`);
  }
  const b = binding as Record<string, unknown>;
  // Attributes are a JSON string on Twilio; an object is taken as what it stands for.
  const attributes = typeof p.attributes === "object" && p.attributes !== null ? JSON.stringify(p.attributes) : p.attributes;
  if (typeof attributes === "string") {
    try {
      JSON.parse(attributes);
    } catch {
      throw fail.invalid(`Participant ${n}: attributes must be JSON`);
    }
  }
  const fields: Record<Exclude<keyof ParticipantInput, "lastReadMessageIndex" | "lastReadTimestamp">, string | undefined> = {
    identity: text(p.identity, "identity", n),
    address: text(b.address, "messaging_binding.address", n),
    proxyAddress: text(b.proxy_address, "messaging_binding.proxy_address", n),
    projectedAddress: text(b.projected_address, "messaging_binding.projected_address", n),
    attributes: text(attributes, "attributes", n),
    roleSid: text(p.role_sid, "role_sid", n),
    dateCreated: text(p.date_created, "date_created", n),
    dateUpdated: text(p.date_updated, "date_updated", n),
  };
  for (const date of [fields.dateCreated, fields.dateUpdated]) {
    if (date !== undefined && Number.isNaN(Date.parse(date))) throw fail.invalid(`Participant ${n}: dates must be ISO 8601`);
  }
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as ParticipantInput;
}

/** ConversationWithParticipants: a conversation and its first participants, in one write. */
export function conversationWithParticipantsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;

  const create = async (actor: Actor, serviceSid: string | undefined, body: BodyOf<"CreateConversationWithParticipants">) => {
    const service = await resolveService(core, actor, serviceSid);
    const { Participant: participants = [], ...conversation } = body;
    const inputs = participants.map((json, i) => participantFromJson(json, i + 1));
    const record = await createConversationWithParticipants(core, actor, service, conversationInput(conversation), inputs);
    return renderConversation(record, scopeOf(publicUrl, serviceSid));
  };

  return {
    CreateConversationWithParticipants: ({ principal, params, body }) => create(actorFor(principal, params), undefined, body),
    CreateServiceConversationWithParticipants: ({ principal, params, body }) =>
      create(actorFor(principal, params), params.ChatServiceSid, body),
  };
}
