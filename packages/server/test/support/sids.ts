/** The SID prefix of the resource an operation's `{Sid}` path parameter names, from its operationId. */
export function sidPrefixFor(operationId: string): string {
  const map: [RegExp, string][] = [
    [/Message(?!Receipt)/, "IM"],
    [/Receipt/, "DY"],
    [/Participant/, "MB"],
    [/Webhook/, "WH"],
    [/Role/, "RL"],
    [/User/, "US"],
    [/Credential/, "CR"],
    [/Binding/, "BS"],
    [/Address/, "IG"],
    [/Media/, "ME"],
    [/Service$/, "IS"],
    [/Conversation/, "CH"],
  ];
  return map.find(([re]) => re.test(operationId))?.[1] ?? "XX";
}

/** The SID prefix of each named path parameter other than `{Sid}`. */
export const SID_PREFIX_OF_PARAMETER: Record<string, string> = {
  ChatServiceSid: "IS",
  ConversationSid: "CH",
  MessageSid: "IM",
  UserSid: "US",
};
