import type { ServiceRecord } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import { fail } from "./errors.js";

/**
 * The service an operation runs in: the one in the path, or, for Twilio's global paths, the
 * account's default Conversations service. A user may only reach its token's service.
 */
export async function resolveService(core: Core, actor: Actor, serviceSid: string | undefined): Promise<ServiceRecord> {
  let sid = serviceSid;
  if (!sid) {
    const configuration = await core.store.get("configuration", actor.accountSid);
    sid = configuration?.defaultChatServiceSid;
  }
  const service = sid ? await core.store.get("service", sid) : null;
  if (!service || service.accountSid !== actor.accountSid) throw fail.notFound(`/Services/${serviceSid ?? "default"}`);
  if (actor.kind === "user" && actor.serviceSid !== service.sid) throw fail.notFound(`/Services/${service.sid}`);
  return service;
}
