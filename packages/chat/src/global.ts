/**
 * The standalone bundle (`twilio-chat.min.js`): sets `Twilio.Chat` as Twilio's CDN build does,
 * keeping the other members of an existing `Twilio` global.
 */
import * as Chat from "./api.js";

const scope = globalThis as { Twilio?: Record<string, unknown> };
scope.Twilio = scope.Twilio ?? {};
scope.Twilio.Chat = Chat;
