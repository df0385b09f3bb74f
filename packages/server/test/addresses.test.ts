import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAddress } from "../src/core/addresses.js";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";
import { fetchAsUser } from "./support/user-token.js";
import { twilioClient } from "./support/twilio-client.js";

let server: RunningServer;
let client: ReturnType<typeof twilioClient>;

beforeAll(async () => {
  server = await testServer();
  client = twilioClient(server.url, server.credentials.accountSid, server.credentials.authToken);
});
afterAll(() => server.close());

const addresses = () => client.conversations.v1.addressConfigurations;

const asUser = (path: string, init: RequestInit = {}) => fetchAsUser(server, "alice", path, init);

async function clear() {
  for (const a of await addresses().list()) await addresses()(a.sid).remove();
}

describe("Address configurations through the official twilio helper", () => {
  it("creates, fetches by SID and by address, updates and deletes", async () => {
    const created = await addresses().create({ type: "sms", address: "+15551234567", friendlyName: "Front desk", addressCountry: "US" });
    expect(created.sid).toMatch(/^IG[0-9a-f]{32}$/);
    expect(created).toMatchObject({
      accountSid: server.credentials.accountSid,
      type: "sms",
      address: "+15551234567",
      friendlyName: "Front desk",
      addressCountry: "US",
      autoCreation: { enabled: false, conversation_service_sid: null },
      url: `${server.url}/v1/Configuration/Addresses/${created.sid}`,
    });
    expect((await addresses()(created.sid).fetch()).address).toBe("+15551234567");
    expect((await addresses()("+15551234567").fetch()).sid).toBe(created.sid);

    const webhook = await addresses()(created.sid).update({
      friendlyName: "Hooked desk",
      "autoCreation.enabled": true,
      "autoCreation.type": "webhook",
      "autoCreation.conversationServiceSid": server.credentials.serviceSid,
      "autoCreation.webhookUrl": "https://example.com/hook",
      "autoCreation.webhookMethod": "post",
      "autoCreation.webhookFilters": ["onParticipantAdded", "onMessageAdded"],
    });
    expect(webhook.friendlyName).toBe("Hooked desk");
    expect(webhook.autoCreation).toEqual({
      enabled: true,
      type: "webhook",
      conversation_service_sid: server.credentials.serviceSid,
      webhook_url: "https://example.com/hook",
      webhook_method: "POST",
      webhook_filters: ["onParticipantAdded", "onMessageAdded"],
    });

    const studio = await addresses()("+15551234567").update({
      "autoCreation.enabled": false,
      "autoCreation.type": "studio",
      "autoCreation.studioFlowSid": `FW${"a".repeat(32)}`,
      "autoCreation.studioRetryCount": 3,
    });
    expect(studio.autoCreation).toEqual({
      enabled: false,
      type: "studio",
      conversation_service_sid: server.credentials.serviceSid,
      studio_flow_sid: `FW${"a".repeat(32)}`,
      studio_retry_count: 3,
    });
    expect(studio.friendlyName).toBe("Hooked desk");

    expect(await addresses()("+15551234567").remove()).toBe(true);
    await expect(addresses()(created.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(addresses()(created.sid).remove()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(addresses()("+15550000000").update({ friendlyName: "x" })).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it("turns auto-creation on as `default` when no type is given", async () => {
    const created = await addresses().create({ type: "email", address: "help@example.com", "autoCreation.enabled": true });
    expect(created.autoCreation).toEqual({ enabled: true, type: "default", conversation_service_sid: null });
    await clear();
  });

  it("answers a taken (type, address) with 409, and allows the address under another type", async () => {
    await addresses().create({ type: "sms", address: "+15557654321" });
    await expect(addresses().create({ type: "sms", address: "+15557654321", friendlyName: "again" })).rejects.toMatchObject({
      status: 409,
    });
    const whatsapp = await addresses().create({ type: "whatsapp", address: "+15557654321" });
    expect(whatsapp.type).toBe("whatsapp");
    const all = await addresses().list();
    expect(all.map((a) => a.type)).toEqual(["sms", "whatsapp"]);
    expect(all.every((a) => a.friendlyName === null)).toBe(true);
    await clear();
  });

  it("lists in pages, filtered by type", async () => {
    for (let i = 0; i < 4; i++) await addresses().create({ type: "sms", address: `+1555000000${i}` });
    for (let i = 0; i < 3; i++) await addresses().create({ type: "whatsapp", address: `whatsapp:+1555000000${i}` });
    const all = await addresses().list({ pageSize: 2 });
    expect(all).toHaveLength(7);
    const sms = await addresses().list({ type: "sms", pageSize: 3 });
    expect(sms.map((a) => a.address)).toEqual(["+15550000000", "+15550000001", "+15550000002", "+15550000003"]);
    // The type filter takes any letter case, as Twilio's does.
    expect(await addresses().list({ type: "WhatsApp" })).toHaveLength(3);
    const page = await addresses().page({ type: "whatsapp", pageSize: 2 });
    expect(page.nextPageUrl).toMatch(
      new RegExp(`^${server.url}/v1/Configuration/Addresses\\?Type=whatsapp&PageSize=2&Page=1&PageToken=PA\\d+$`),
    );
    const next = await page.nextPage();
    expect(next?.instances.map((a: { address: string }) => a.address)).toEqual(["whatsapp:+15550000002"]);
    await clear();
  });

  it("rejects bad input with 400 and writes nothing", async () => {
    for (const bad of [
      { type: "pager", address: "+15551112222" },
      { type: "sms", address: "" },
      { type: "sms", address: "+15551112222", "autoCreation.type": "webhook" },
      { type: "sms", address: "+15551112222", "autoCreation.type": "studio" },
      {
        type: "sms",
        address: "+15551112222",
        "autoCreation.type": "webhook",
        "autoCreation.webhookUrl": "https://e.com",
        "autoCreation.webhookFilters": ["onMessageAdd"],
      },
      { type: "sms", address: "+15551112222", "autoCreation.webhookMethod": "put" },
      { type: "sms", address: "+15551112222", "autoCreation.conversationServiceSid": `IS${"0".repeat(32)}` },
      { type: "sms", address: "+15551112222", "autoCreation.studioRetryCount": -1 },
    ]) {
      await expect(addresses().create(bad as never)).rejects.toMatchObject({ status: 400, code: 20001 });
    }
    expect(await addresses().list()).toEqual([]);

    const created = await addresses().create({ type: "sms", address: "+15551112222" });
    await expect(addresses()(created.sid).update({ "autoCreation.type": "webhook" })).rejects.toMatchObject({ status: 400, code: 20001 });
    expect((await addresses()(created.sid).fetch()).toJSON()).toEqual(created.toJSON());
    await clear();
  });

  it("takes the type in any letter case in the domain", async () => {
    const actor = { kind: "admin", accountSid: server.credentials.accountSid } as const;
    const created = await createAddress(server.core, actor, { type: "whAtsAPP", address: "whatsapp:+15559990000", autoCreation: {} });
    expect(created.type).toBe("whatsapp");
    await clear();
  });

  // Twilio takes `whAtsAPP`; the spec marks the enum x-confab-case-insensitive, so the router does too.
  it("takes the type in any letter case over REST", async () => {
    const created = await addresses().create({ type: "whAtsAPP" as never, address: "whatsapp:+15559990001" });
    expect(created.type).toBe("whatsapp");
    await clear();
  });

  it("forbids users", async () => {
    const created = await addresses().create({ type: "sms", address: "+15553334444" });
    for (const [path, method] of [
      ["/v1/Configuration/Addresses", "GET"],
      ["/v1/Configuration/Addresses", "POST"],
      [`/v1/Configuration/Addresses/${created.sid}`, "GET"],
      [`/v1/Configuration/Addresses/${created.sid}`, "POST"],
      [`/v1/Configuration/Addresses/${created.sid}`, "DELETE"],
    ] as const) {
      const body = method === "POST" ? "Type=sms&Address=%2B15550009999&FriendlyName=mine" : undefined;
      const answer = await asUser(path, { method, ...(body ? { body } : {}) });
      expect([path, method, answer.status, answer.body.code]).toEqual([path, method, 403, 20403]);
    }
    expect((await addresses().list()).map((a) => a.toJSON())).toEqual([created.toJSON()]);
    await clear();
  });
});
