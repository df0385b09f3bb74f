import { twilioError } from "@confab/protocol/server";
import type { TunnelResponse } from "./aim/context.js";

/**
 * A refused tunnelled request: the HTTP status and Twilio's error body (`code`, `message`,
 * `more_info`, `status`), as the REST API and Twilio's own client API answer.
 */
export function tunnelError(status: number, code: number, message: string): TunnelResponse {
  return { status, body: twilioError(status, code, message) };
}
