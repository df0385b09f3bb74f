import type { StreamDelivery } from "../bus/index.js";
import type { Core, EventRelay } from "../core/context.js";
import { newSid } from "../core/ids.js";
import { deliveryOf } from "../core/messages.js";
import { unreadCount } from "../core/user-conversations.js";
import { typeOf } from "../core/conversations.js";
import { type Scope, renderConversation, scopeOf } from "../http/render/conversation.js";
import { renderConversationDescriptor } from "../http/render/conversation-descriptor.js";
import { renderInvite } from "../http/render/invite.js";
import { renderMessage } from "../http/render/message.js";
import { renderParticipant } from "../http/render/participant.js";
import { renderReceipt } from "../http/render/receipt.js";
import { renderUser } from "../http/render/user.js";
import { renderUserConversation } from "../http/render/user-conversation.js";
import type {
  ConversationRecord,
  InviteRecord,
  MessageRecord,
  OutboxRecord,
  ParticipantRecord,
  ReceiptRecord,
  StoreReader,
  StoreWriter,
  UserRecord,
} from "../store/index.js";
import { changedProperties } from "./changed-properties.js";
import { cursorOf } from "./cursor.js";
import { chatIdentities, inviteeIdentities, peersOf } from "./recipients.js";

/** One socket event for some users, before it is stored in their streams. */
type Projection = { event: string; data: unknown; to: Iterable<string> };

/**
 * The relay: inside the transaction that records a domain event, it decides which users' streams
 * get which socket event (spec/asyncapi/realtime.yaml), renders the wire data once, and appends
 * one stream event per user. Positions are assigned in commit order, so every stream is in the
 * order the changes happened.
 */
export function createStreamRelay(core: Pick<Core, "limits">, publicUrl: string): EventRelay {
  return {
    async project(tx, event) {
      const projections = await project(tx, core, publicUrl, event);
      const deliveries: StreamDelivery[] = [];
      for (const projection of projections) {
        const recipients = [...new Set(projection.to)];
        if (recipients.length === 0) continue;
        const payload = await tx.insert("streamPayload", {
          sid: newSid("EP"),
          serviceSid: event.serviceSid,
          data: projection.data,
          date: event.date,
          dateCreated: event.date,
          dateUpdated: event.date,
        });
        for (const identity of recipients) {
          const stored = await tx.insert("streamEvent", {
            sid: newSid("EE"),
            serviceSid: event.serviceSid,
            identity,
            event: projection.event,
            payloadSid: payload.sid,
            position: 0,
            dateCreated: event.date,
            dateUpdated: event.date,
          });
          deliveries.push({
            serviceSid: event.serviceSid,
            identity,
            frame: { type: "event", event: projection.event, cursor: cursorOf(stored.position), data: projection.data, date: event.date },
          });
        }
      }
      return deliveries;
    },
  };
}

async function project(tx: StoreWriter, core: Pick<Core, "limits">, publicUrl: string, event: OutboxRecord): Promise<Projection[]> {
  const scope = scopeOf(publicUrl, event.serviceSid);
  const data = event.data;
  const updatedFields = (data.updated as string[] | undefined) ?? [];
  switch (event.type) {
    case "message.added":
    case "message.updated":
    case "message.removed": {
      const message = data.message as MessageRecord;
      const json = renderMessage(message, event.type === "message.added" ? null : await deliveryOf({ ...core, store: tx }, message), scope);
      const to = await chatIdentities(tx, message.conversationSid);
      if (event.type === "message.added") return [{ event: "messageAdded", data: json, to }];
      if (event.type === "message.removed") return [{ event: "messageRemoved", data: json, to }];
      const updated = changedProperties(updatedFields, json);
      return updated.length ? [{ event: "messageUpdated", data: { message: json, updated }, to }] : [];
    }
    case "conversation.added": {
      const conversation = data.conversation as ConversationRecord;
      const creator = event.origin.source === "SDK" ? event.origin.identity : undefined;
      return creator ? [{ event: "conversationAdded", data: socketConversation(conversation, scope), to: [creator] }] : [];
    }
    case "conversation.updated": {
      const conversation = data.conversation as ConversationRecord;
      const json = socketConversation(conversation, scope);
      const updated = changedProperties(updatedFields, json);
      if (updated.length === 0) return [];
      const to = [...(await chatIdentities(tx, conversation.sid)), ...(await inviteeIdentities(tx, conversation.sid))];
      return [{ event: "conversationUpdated", data: { conversation: json, updated }, to }];
    }
    case "conversation.removed": {
      const conversation = data.conversation as ConversationRecord;
      const identities = (data.identities as string[] | undefined) ?? [];
      const out: Projection[] = [{ event: "conversationRemoved", data: socketConversation(conversation, scope), to: identities }];
      // Each invitee's invite went with the conversation; its last state has no members left.
      for (const invite of (data.invites as InviteRecord[] | undefined) ?? []) {
        out.push({
          event: "inviteRemoved",
          data: {
            invite: renderInvite(invite, scope),
            conversation: renderConversationDescriptor({ conversation, membersCount: 0, messagesCount: 0 }, scope),
            reason: "conversation_removed",
          },
          to: [invite.identity],
        });
      }
      return out;
    }
    case "invite.added":
    case "invite.removed": {
      const invite = data.invite as InviteRecord;
      const conversation = (await tx.get("conversation", invite.conversationSid)) ?? (data.conversation as ConversationRecord | null);
      if (!conversation) return [];
      const descriptor = {
        conversation,
        membersCount: await tx.count("participant", { parent: conversation.sid }),
        messagesCount: await tx.count("message", { parent: conversation.sid }),
      };
      const json = { invite: renderInvite(invite, scope), conversation: renderConversationDescriptor(descriptor, scope) };
      if (event.type === "invite.added") return [{ event: "inviteAdded", data: json, to: [invite.identity] }];
      return [{ event: "inviteRemoved", data: { ...json, reason: data.reason }, to: [invite.identity] }];
    }
    case "participant.added": {
      const participant = data.participant as ParticipantRecord;
      const conversation = await tx.get("conversation", participant.conversationSid);
      if (!conversation) return [];
      const everyone = await chatIdentities(tx, conversation.sid);
      const joined: Projection[] = participant.identity
        ? [{ event: "conversationJoined", data: socketConversation(conversation, scope), to: [participant.identity] }]
        : [];
      return [...joined, { event: "participantJoined", data: renderParticipant(participant, scope), to: everyone }];
    }
    case "participant.updated": {
      const participant = data.participant as ParticipantRecord;
      const json = renderParticipant(participant, scope);
      const out: Projection[] = [];
      const updated = changedProperties(updatedFields, json);
      if (updated.length) {
        out.push({
          event: "participantUpdated",
          data: { participant: json, updated },
          to: await chatIdentities(tx, participant.conversationSid),
        });
      }
      const ownView = ["lastReadMessageIndex", "lastReadTimestamp", "notificationLevel"];
      if (participant.identity && updatedFields.some((f) => ownView.includes(f))) {
        const view = await userConversation(tx, participant);
        if (view) out.push({ event: "readHorizonUpdated", data: renderUserConversation(view, scope), to: [participant.identity] });
      }
      return out;
    }
    case "participant.removed": {
      const participant = data.participant as ParticipantRecord;
      const remaining = await chatIdentities(tx, participant.conversationSid);
      const left = participant.identity ? [participant.identity] : [];
      const out: Projection[] = [{ event: "participantLeft", data: renderParticipant(participant, scope), to: [...remaining, ...left] }];
      const conversation = await tx.get("conversation", participant.conversationSid);
      if (conversation && participant.identity) {
        out.push({ event: "conversationLeft", data: socketConversation(conversation, scope), to: left });
      }
      return out;
    }
    case "user.updated": {
      const user = data.user as UserRecord;
      const json = renderUser(user, scope);
      const updated = changedProperties(updatedFields, json);
      if (updated.length === 0) return [];
      return [
        {
          event: "userUpdated",
          data: { user: json, updated },
          to: [user.identity, ...(await peersOf(tx, user.serviceSid, user.identity))],
        },
      ];
    }
    case "receipt.updated": {
      const receipt = data.receipt as ReceiptRecord;
      const message = data.message as MessageRecord;
      const to = await chatIdentities(tx, receipt.conversationSid);
      const json = renderMessage(message, await deliveryOf({ ...core, store: tx }, message), scope);
      return [
        { event: "deliveryReceiptUpdated", data: renderReceipt(receipt, scope), to },
        { event: "messageUpdated", data: { message: json, updated: ["delivery"] }, to },
      ];
    }
    default:
      return [];
  }
}

/** A conversation as the socket sends it: the REST JSON plus its type (public or private). */
function socketConversation(conversation: ConversationRecord, scope: Scope) {
  return { ...renderConversation(conversation, scope), type: typeOf(conversation) };
}

/** The user's own view of a conversation it takes part in (what `readHorizonUpdated` carries). */
async function userConversation(tx: StoreReader, participant: ParticipantRecord) {
  const identity = participant.identity;
  if (!identity) return null;
  const [user, conversation, service] = await Promise.all([
    tx.getByKey("user", participant.serviceSid, identity),
    tx.get("conversation", participant.conversationSid),
    tx.get("service", participant.serviceSid),
  ]);
  if (!user || !conversation || !service) return null;
  // Read inside the write's transaction: the store cannot be read around it meanwhile.
  const unreadMessagesCount = await unreadCount(tx, service, conversation, participant);
  return { user, conversation, participant, unreadMessagesCount };
}
