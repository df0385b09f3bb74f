/** The SID prefix of the resource an operation's `{Sid}` path parameter names, from its operationId (v1 and Chat v2). */
export function sidPrefixFor(operationId: string): string {
  const map: [RegExp, string][] = [
    [/UserBinding/, "BS"],
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
    [/Member/, "MB"],
    [/Invite/, "IN"],
    [/Channel/, "CH"],
  ];
  return map.find(([re]) => re.test(operationId))?.[1] ?? "XX";
}

/** The path parameters that name the service (Conversations v1 says `ChatServiceSid`, Chat v2 `ServiceSid`). */
export const SERVICE_PARAMS = new Set(["ChatServiceSid", "ServiceSid"]);

/** The SID prefix of each named path parameter other than `{Sid}`. */
export const SID_PREFIX_OF_PARAMETER: Record<string, string> = {
  ChatServiceSid: "IS",
  ServiceSid: "IS",
  ChannelSid: "CH",
  ConversationSid: "CH",
  MessageSid: "IM",
  UserSid: "US",
};
