import type { Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import type { RestApp } from "../app.js";

/** users handlers (not yet implemented: their operations answer 501). */
export function usersHandlers(_app: RestApp): Partial<Handlers<Actor>> {
  return {};
}
