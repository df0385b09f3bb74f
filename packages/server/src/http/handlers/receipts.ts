import type { Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import type { RestApp } from "../app.js";

/** receipts handlers (not yet implemented: their operations answer 501). */
export function receiptsHandlers(_app: RestApp): Partial<Handlers<Actor>> {
  return {};
}
