import type { Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import type { RestApp } from "../app.js";

/** conversation-with-participants handlers (not yet implemented: their operations answer 501). */
export function conversationWithParticipantsHandlers(_app: RestApp): Partial<Handlers<Actor>> {
  return {};
}
