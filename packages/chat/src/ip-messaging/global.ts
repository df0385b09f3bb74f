/**
 * The standalone bundle (`twilio-ip-messaging.min.js`): sets `Twilio.IPMessaging` (the factory,
 * with `Client` and the other classes on it) as Twilio's CDN build did, and `Twilio.AccessManager`
 * (twilio-common's) when the page has none; the other members of an existing `Twilio` global stay.
 */
import * as api from "./api.js";

const scope = globalThis as { Twilio?: Record<string, unknown> };
scope.Twilio = scope.Twilio ?? {};
scope.Twilio.IPMessaging = Object.assign(api.IPMessaging, api);
scope.Twilio.AccessManager = scope.Twilio.AccessManager ?? api.AccessManager;
