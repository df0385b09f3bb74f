import type { Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import type { RestApp } from "../app.js";
import { chatBindingsHandlers } from "./bindings.js";
import { chatChannelWebhooksHandlers } from "./channel-webhooks.js";
import { chatChannelsHandlers } from "./channels.js";
import { chatCredentialsHandlers } from "./credentials.js";
import { chatInvitesHandlers } from "./invites.js";
import { chatMembersHandlers } from "./members.js";
import { chatMessagesHandlers } from "./messages.js";
import { chatRolesHandlers } from "./roles.js";
import { chatServicesHandlers } from "./services.js";
import { chatUserChannelsHandlers } from "./user-channels.js";
import { chatUsersHandlers } from "./users.js";

/**
 * Every Chat v2 (and IP Messaging v2) handler, one file per resource. Like the Conversations v1
 * handlers they only translate, here between Chat's words and the same domain records.
 */
export function chatHandlers(app: RestApp): Partial<Handlers<Actor>> {
  return {
    ...chatServicesHandlers(app),
    ...chatChannelsHandlers(app),
    ...chatMembersHandlers(app),
    ...chatMessagesHandlers(app),
    ...chatInvitesHandlers(app),
    ...chatChannelWebhooksHandlers(app),
    ...chatUsersHandlers(app),
    ...chatUserChannelsHandlers(app),
    ...chatRolesHandlers(app),
    ...chatBindingsHandlers(app),
    ...chatCredentialsHandlers(app),
  };
}
