import type { DomainEvent, Unsubscribe } from "../bus/index.js";
import type { Core } from "../core/context.js";
import type { ConversationRecord, MessageRecord, NotificationSettings, ParticipantRecord, ServiceRecord } from "../store/index.js";
import { type PushType, pushPayload } from "./payload.js";
import type { PushSender } from "./sender.js";

const MESSAGE_TYPES: Record<PushType, string> = {
  "twilio.conversations.new_message": "new_message",
  "twilio.conversations.added_to_conversation": "added_to_conversation",
  "twilio.conversations.removed_from_conversation": "removed_from_conversation",
};

/**
 * Push notifications from domain events: a new message notifies the other participants, being
 * added or removed notifies that participant, each on every binding of theirs that takes that
 * kind of notification, when the service enables it and the participant has not muted the
 * conversation.
 */
export function startPushDispatcher(
  core: Core,
  sender: PushSender,
  onError: (error: unknown) => void = () => {},
): { stop: Unsubscribe; idle: () => Promise<void> } {
  const inFlight = new Set<Promise<void>>();
  const stop = core.bus.subscribe((event) => {
    // Sent off the bus, so a slow push service never holds up other subscribers.
    const work = dispatch(core, sender, event).catch(onError);
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  return {
    stop,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

async function dispatch(core: Core, sender: PushSender, event: DomainEvent): Promise<void> {
  const service = await core.store.get("service", event.serviceSid);
  if (!service || !event.conversationSid) return;
  const conversation = await core.store.get("conversation", event.conversationSid);
  if (event.type === "message.added") {
    const message = event.data.message as MessageRecord | undefined;
    if (!message || !conversation) return;
    const participants = await core.store.list("participant", { parent: conversation.sid, limit: core.limits.participantsPerConversation });
    for (const p of participants.items) {
      if (!p.identity || p.identity === message.author || p.notificationLevel === "muted") continue;
      await notify(
        core,
        sender,
        service,
        "twilio.conversations.new_message",
        service.notifications.newMessage,
        p,
        conversation,
        message,
        message.author,
      );
    }
    return;
  }
  const participant = event.data.participant as ParticipantRecord | undefined;
  const byWhom = event.origin?.identity ?? "system";
  if (!participant?.identity || !conversation) return;
  if (event.type === "participant.added" && participant.identity !== byWhom) {
    await notify(
      core,
      sender,
      service,
      "twilio.conversations.added_to_conversation",
      service.notifications.addedToConversation,
      participant,
      conversation,
      undefined,
      byWhom,
    );
  }
  if (event.type === "participant.removed" && participant.identity !== byWhom) {
    await notify(
      core,
      sender,
      service,
      "twilio.conversations.removed_from_conversation",
      service.notifications.removedFromConversation,
      participant,
      conversation,
      undefined,
      byWhom,
    );
  }
}

async function notify(
  core: Core,
  sender: PushSender,
  service: ServiceRecord,
  type: PushType,
  settings: NotificationSettings,
  recipient: ParticipantRecord,
  conversation: ConversationRecord,
  message: MessageRecord | undefined,
  actor: string,
): Promise<void> {
  if (!settings.enabled || !recipient.identity) return;
  const bindings = await core.store.list("binding", { parent: service.sid, where: { identity: recipient.identity }, limit: 100 });
  for (const binding of bindings.items) {
    if (binding.messageTypes.length > 0 && !binding.messageTypes.includes(MESSAGE_TYPES[type])) continue;
    await sender.send(binding, pushPayload(binding.bindingType, { type, conversation, ...(message ? { message } : {}), actor, settings }));
  }
}
