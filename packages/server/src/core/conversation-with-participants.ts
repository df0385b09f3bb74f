import type { ConversationRecord, ParticipantRecord, ServiceRecord } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import { type ConversationInput, insertConversation, prepareConversation } from "./conversations.js";
import { flushOutbox } from "./events.js";
import { insertParticipant, type ParticipantInput, prepareParticipant } from "./participants.js";

/**
 * Creates a conversation with its first participants, all in one transaction: when any
 * participant cannot be added (invalid, a duplicate, over a limit), nothing is created. The
 * conversation and each participant go through the same checks and hooks as when created alone.
 */
export async function createConversationWithParticipants(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  input: ConversationInput,
  participants: ParticipantInput[],
): Promise<ConversationRecord> {
  const conversation = await prepareConversation(core, actor, service, input);
  const records: ParticipantRecord[] = [];
  for (const participant of participants) records.push(await prepareParticipant(core, actor, service, conversation, participant, true));
  await core.store.transaction(async (tx) => {
    await insertConversation(core, tx, actor, service, conversation);
    for (const record of records) await insertParticipant(core, tx, service, record, actor);
  });
  // The conversation and its participants were written with their events; publish them.
  await flushOutbox(core);
  return conversation;
}
