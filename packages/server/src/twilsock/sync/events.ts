import type { StreamDelivery } from "../../bus/index.js";
import type { Core } from "../../core/context.js";
import { deliveryOf } from "../../core/messages.js";
import { positionOf } from "../../realtime/cursor.js";
import type { MessageRecord, ParticipantRecord } from "../../store/index.js";
import { type SyncObject, sidOf } from "./names.js";
import { objectUrl } from "./objects.js";
import { eventIdOf } from "./routes.js";
import type { Json } from "../aim/context.js";
import { conversationDocument, invitedItem, messageItem, myConversationItem, rosterItem, userInfoItems } from "./shapes.js";

/** One change to one Sync object, ready to be sent as a notification. */
export type SyncEvent = { object: SyncObject; eventType: string; event: Record<string, unknown> };

/**
 * What one event of a user's stream does to the Sync objects that user's SDK reads. Ids are
 * stream positions: they grow along the stream, so they grow per object too. Data is read
 * from the store where the SDK wants more than the event carries (a conversation document's
 * last message, say); what was deleted comes from the event itself.
 */
export async function syncEventsOf(
  core: Core,
  base: string,
  who: { serviceSid: string; identity: string },
  frame: StreamDelivery["frame"],
  /** The objects the caller will send events of: nothing is read for the others. */
  wanted: (object: SyncObject) => boolean = () => true,
): Promise<SyncEvent[]> {
  if (frame.cursor === undefined) return [];
  const id = eventIdOf(positionOf(frame.cursor) as number);
  const date = frame.date;
  const data = frame.data as Json;
  const mapItem = (object: SyncObject, eventType: string, key: string, itemData?: unknown): SyncEvent => ({
    object,
    eventType,
    event: {
      id,
      date_created: date,
      map_sid: sidOf(object),
      item_key: key,
      ...(itemData !== undefined ? { item_data: itemData } : {}),
      item_revision: String(id),
      item_url: `${objectUrl(base, object)}/Items/${encodeURIComponent(key)}`,
      map_revision: String(id),
    },
  });
  const listItem = (object: SyncObject, eventType: string, index: number, itemData?: unknown): SyncEvent => ({
    object,
    eventType,
    event: {
      id,
      date_created: date,
      list_sid: sidOf(object),
      item_index: index,
      ...(itemData !== undefined ? { item_data: itemData } : {}),
      item_revision: String(id),
      item_url: `${objectUrl(base, object)}/Items/${index}`,
      list_revision: String(id),
    },
  });
  const documentUpdated = async (conversationSid: string): Promise<SyncEvent[]> => {
    const object: SyncObject = { type: "document", kind: "conversation", conversationSid };
    if (!wanted(object)) return [];
    const conversation = await core.store.get("conversation", conversationSid);
    if (!conversation) return [];
    return [
      {
        object,
        eventType: "document_updated",
        event: {
          id,
          date_created: date,
          document_sid: sidOf(object),
          document_data: conversationDocument(conversation),
          document_revision: String(id),
        },
      },
    ];
  };
  const userOf = async (serviceSid: string, identity: string | null) =>
    identity ? core.store.getByKey("user", serviceSid, identity) : null;

  switch (frame.event) {
    case "messageAdded":
    case "messageUpdated":
    case "messageRemoved": {
      const json: Json = frame.event === "messageUpdated" ? data.message : data;
      const list: SyncObject = { type: "list", kind: "messages", conversationSid: json.conversation_sid };
      // A new message also moves the conversation document's last message.
      const documentEvents = frame.event === "messageAdded" ? await documentUpdated(json.conversation_sid) : [];
      if (!wanted(list)) return documentEvents;
      if (frame.event === "messageRemoved") return [listItem(list, "list_item_removed", json.index)];
      const message = await core.store.get("message", json.sid as string);
      if (!message) return [];
      const item = listItem(
        list,
        frame.event === "messageAdded" ? "list_item_added" : "list_item_updated",
        message.index,
        messageItem(message as MessageRecord, await deliveryOf(core, message)),
      );
      return [item, ...documentEvents];
    }
    case "conversationUpdated":
      return documentUpdated(data.conversation.sid);
    case "participantJoined":
    case "participantUpdated":
    case "participantLeft": {
      const json: Json = frame.event === "participantUpdated" ? data.participant : data;
      const roster: SyncObject = { type: "map", kind: "roster", conversationSid: json.conversation_sid };
      if (!wanted(roster)) return [];
      if (frame.event === "participantLeft") return [mapItem(roster, "map_item_removed", json.sid)];
      const participant = await core.store.get("participant", json.sid as string);
      if (!participant) return [];
      const user = await userOf(participant.serviceSid, participant.identity);
      const eventType = frame.event === "participantJoined" ? "map_item_added" : "map_item_updated";
      return [mapItem(roster, eventType, participant.sid, rosterItem(participant as ParticipantRecord, user?.sid ?? null))];
    }
    case "conversationJoined":
    case "readHorizonUpdated":
    case "conversationLeft":
    case "conversationRemoved": {
      // These are about this user's own participation: its conversations maps change (the
      // Conversations one, and Chat's channels one).
      const user = await userOf(who.serviceSid, who.identity);
      if (!user) return [];
      const maps = (["myConversations", "myChannels"] as const)
        .map((kind): SyncObject => ({ type: "map", kind, userSid: user.sid }))
        .filter(wanted);
      if (maps.length === 0) return [];
      const conversationSid: string = frame.event === "readHorizonUpdated" ? data.conversation_sid : data.sid;
      if (frame.event === "conversationLeft" || frame.event === "conversationRemoved")
        return maps.map((object) => mapItem(object, "map_item_removed", conversationSid));
      const participant = await core.store.getByKey("participant", conversationSid, who.identity);
      if (!participant) return [];
      const conversation = await core.store.get("conversation", conversationSid);
      // An invitee who joins already has the item (invited): Sync takes an add of a known key as its update.
      const eventType = frame.event === "conversationJoined" ? "map_item_added" : "map_item_updated";
      return maps.map((object) =>
        mapItem(object, eventType, conversationSid, myConversationItem(participant, object.kind === "myChannels" ? conversation : null)),
      );
    }
    case "inviteAdded":
    case "inviteRemoved": {
      // Only Chat's channels map shows invites.
      const user = await userOf(who.serviceSid, who.identity);
      if (!user) return [];
      const object: SyncObject = { type: "map", kind: "myChannels", userSid: user.sid };
      if (!wanted(object)) return [];
      const conversationSid: string = data.invite.conversation_sid;
      if (frame.event === "inviteRemoved") {
        // Joining replaces the item (conversationJoined follows); otherwise the channel is gone from the map.
        return data.reason === "joined" ? [] : [mapItem(object, "map_item_removed", conversationSid)];
      }
      const [invite, conversation] = await Promise.all([
        core.store.get("invite", data.invite.sid as string),
        core.store.get("conversation", conversationSid),
      ]);
      if (!invite || !conversation) return [];
      return [mapItem(object, "map_item_added", conversationSid, invitedItem(invite, conversation))];
    }
    case "userUpdated": {
      const object: SyncObject = { type: "map", kind: "userInfo", userSid: data.user.sid };
      if (!wanted(object)) return [];
      const user = await core.store.get("user", data.user.sid as string);
      if (!user) return [];
      const items = userInfoItems(user);
      // The User's changed properties, as the info map's keys (both reachability flags are one item).
      const keyOf: Record<string, string> = {
        friendly_name: "friendlyName",
        attributes: "attributes",
        is_online: "reachability",
        is_notifiable: "reachability",
      };
      const keys = [...new Set((data.updated as string[]).flatMap((p) => (keyOf[p] ? [keyOf[p] as string] : [])))];
      return keys.map((key) => mapItem(object, "map_item_updated", key, items[key]));
    }
    default:
      return [];
  }
}
