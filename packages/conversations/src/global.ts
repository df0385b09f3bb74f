/**
 * The standalone bundle (`twilio-conversations.min.js`): sets `Twilio.Conversations` as Twilio's
 * CDN build does, without touching the other members of an existing `Twilio` global.
 */
import * as Conversations from "./api.js";

const scope = globalThis as { Twilio?: Record<string, unknown> };
scope.Twilio = scope.Twilio ?? {};
scope.Twilio.Conversations = Conversations;
