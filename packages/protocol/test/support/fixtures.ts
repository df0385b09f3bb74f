import type { ResponseOf } from "../../src/rest/types.js";

/** A SID of the given kind whose digits are `n`, e.g. `sid("CH", 3)`. */
export const sid = (prefix: string, n = 0): string => `${prefix}${n.toString(16).padStart(32, "0")}`;

/** A Conversation resource that satisfies the spec. */
export function conversationFixture(n: number, overrides: Partial<ResponseOf<"FetchConversation">> = {}, baseUrl = "http://127.0.0.1") {
  return {
    account_sid: sid("AC"),
    chat_service_sid: sid("IS"),
    messaging_service_sid: null,
    sid: sid("CH", n),
    friendly_name: `c${n}`,
    unique_name: null,
    attributes: "{}",
    state: "active" as const,
    date_created: "2020-01-01T00:00:00Z",
    date_updated: "2020-01-01T00:00:00Z",
    timers: {},
    url: `${baseUrl}/v1/Conversations/${sid("CH", n)}`,
    links: {},
    bindings: null,
    ...overrides,
  };
}
