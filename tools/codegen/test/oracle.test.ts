import { describe, expect, it } from "vitest";
import { bundleOpenApi } from "../src/bundle-openapi.js";
import { chatScope, compareWithTwilio, loadTwilioChat, loadTwilioConversations } from "../src/oracle.js";
import { walkOperations } from "../src/openapi-walk.js";

describe("Confab's OpenAPI document against Twilio's", () => {
  it("has every one of Twilio's 103 operations with the same paths, parameters, fields and statuses", async () => {
    const ours = await bundleOpenApi();
    expect(compareWithTwilio(ours, loadTwilioConversations())).toEqual([]);
    const twilioIds = walkOperations(loadTwilioConversations()).map((o) => o.id);
    expect(twilioIds).toHaveLength(103);
  }, 60_000);

  it("marks every operation of its own with x-confab", async () => {
    const ours = await bundleOpenApi();
    const twilio = new Set([
      ...walkOperations(loadTwilioConversations()).map((o) => o.id),
      ...walkOperations(loadTwilioChat()).map((o) => `Chat${o.id}`),
    ]);
    const extra = walkOperations(ours).filter((o) => !twilio.has(o.id));
    expect(extra.map((o) => o.id).sort()).toEqual([
      "CreateAccessToken",
      "CreateMedia",
      "CreateServiceConversationInvite",
      "CreateServicePushRegistration",
      "DeleteServiceConversationInvite",
      "DeleteServicePushRegistration",
      "FetchHealth",
      "FetchMedia",
      "FetchMediaContent",
      "FetchServiceConversationDescriptor",
      "FetchServiceConversationInvite",
      "ListServiceConversationDescriptor",
      "ListServiceConversationInvite",
      "ListServiceUserInvite",
    ]);
    for (const o of extra) expect(o.op["x-confab"], o.id).toBeDefined();
  }, 60_000);

  it("catches a spec that drifts from Twilio's (the oracle can fail)", async () => {
    const ours = structuredClone(await bundleOpenApi());
    const schemas = ours.components.schemas as Record<string, { properties: Record<string, unknown> }>;
    delete schemas.CreateConversationRequest?.properties.FriendlyName;
    delete (ours.paths["/v1/Roles"] as Record<string, unknown>).post;
    const problems = compareWithTwilio(ours, loadTwilioConversations());
    expect(problems).toContain("CreateConversation: form field FriendlyName is missing");
    expect(problems).toContain("CreateRole: POST /v1/Roles is missing");
  }, 60_000);

  it("has every one of Twilio's 54 Chat v2 operations, with Chat-prefixed operation IDs", async () => {
    const ours = await bundleOpenApi();
    expect(compareWithTwilio(ours, loadTwilioChat(), chatScope)).toEqual([]);
    const chat = walkOperations(loadTwilioChat());
    expect(chat).toHaveLength(54);
    const ourIds = new Set(walkOperations(ours).map((o) => o.id));
    for (const o of chat) expect(ourIds.has(`Chat${o.id}`), o.id).toBe(true);
  }, 60_000);

  it("catches a Chat v2 spec that drifts from Twilio's", async () => {
    const ours = structuredClone(await bundleOpenApi());
    const schemas = ours.components.schemas as Record<string, { properties: Record<string, unknown> }>;
    delete schemas.ChatChannel?.properties.members_count;
    delete schemas.ChatCreateChannelRequest?.properties.Type;
    const problems = compareWithTwilio(ours, loadTwilioChat(), chatScope);
    expect(problems).toContain("ChatCreateChannel: form field Type is missing");
    expect(problems).toContain("ChatFetchChannel: response field members_count is missing");
  }, 60_000);

  it("gives every error response Twilio's error body", async () => {
    const ours = await bundleOpenApi();
    for (const { id, op } of walkOperations(ours)) {
      const errors = Object.keys(op.responses).filter((code) => /^[45]/.test(code));
      expect(errors.length, id).toBeGreaterThan(0);
    }
  }, 60_000);
});
