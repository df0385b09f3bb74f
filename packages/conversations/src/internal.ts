/**
 * `@confab/conversations/internal`: the core that facades with other names are built on (the Chat
 * and IP Messaging SDKs in `@confab/chat`). Not a public API: it changes with the facades.
 *
 * It re-exports the public classes too, so a facade takes every runtime value from this one entry
 * and shares one copy of the core (one state and event engine) with apps that use both SDKs.
 *
 * @packageDocumentation
 */
export * from "./api.js";
export type { ClientCore, ClientEvents } from "./client/client.js";
export type { ClientContext } from "./client/context.js";
export { serverBaseUrl } from "./client/server-url.js";
export { tokenIdentity } from "./client/token.js";
export type { ConversationEvents } from "./conversation/conversation.js";
export type { ConversationJson, UserConversationJson } from "./conversation/types.js";
export { temporaryUrl } from "./media/media.js";
export type { MessageEvents, MessageJson } from "./message/message.js";
export { linkedPaginator, type PageMeta, type PageReader, pagingQuery, readAll } from "./paging/rest-pages.js";
export type { ParticipantEvents, ParticipantResponse } from "./participant/participant.js";
export { setPlatformWebSocket } from "./platform/websocket.js";
export { parsePushPayload } from "./push/push-notification.js";
export type { UserEvents, UserJson } from "./user/user.js";
export { cancellable } from "./util/cancellable-promise.js";
export { isJsonValue, jsonEqual, parseAttributes } from "./util/json.js";
export { custom, instanceOf, literal, rules, validateArgs } from "./util/validate.js";
