import type { Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import type { RestApp } from "../app.js";
import { confabHandlers } from "./confab.js";
import { conversationHandlers } from "./conversations.js";
import { mediaHandlers } from "./media.js";
import { participantsHandlers } from "./participants.js";
import { messagesHandlers } from "./messages.js";
import { receiptsHandlers } from "./receipts.js";
import { conversationWebhooksHandlers } from "./conversation-webhooks.js";
import { conversationWithParticipantsHandlers } from "./conversation-with-participants.js";
import { usersHandlers } from "./users.js";
import { userConversationsHandlers } from "./user-conversations.js";
import { participantConversationsHandlers } from "./participant-conversations.js";
import { rolesHandlers } from "./roles.js";
import { servicesHandlers } from "./services.js";
import { configurationHandlers } from "./configuration.js";
import { credentialsHandlers } from "./credentials.js";
import { bindingsHandlers } from "./bindings.js";
import { addressesHandlers } from "./addresses.js";
import { channelsHandlers } from "./channels.js";
import { chatHandlers } from "../chat/index.js";

/**
 * Every REST handler, one file per resource. Handlers only translate: parameters and form fields
 * into domain inputs, domain records into Twilio's JSON. The rules live in core/.
 */
export function allHandlers(app: RestApp, meta: { version: string; startedAt: Date }): Partial<Handlers<Actor>> {
  return {
    ...confabHandlers(app, meta),
    ...conversationHandlers(app),
    ...mediaHandlers(app),
    ...participantsHandlers(app),
    ...messagesHandlers(app),
    ...receiptsHandlers(app),
    ...conversationWebhooksHandlers(app),
    ...conversationWithParticipantsHandlers(app),
    ...usersHandlers(app),
    ...userConversationsHandlers(app),
    ...participantConversationsHandlers(app),
    ...rolesHandlers(app),
    ...servicesHandlers(app),
    ...configurationHandlers(app),
    ...credentialsHandlers(app),
    ...bindingsHandlers(app),
    ...addressesHandlers(app),
    ...channelsHandlers(app),
    // Chat v2 / IP Messaging v2: the same domain under Chat's names.
    ...chatHandlers(app),
  };
}
