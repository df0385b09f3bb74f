import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { account, asIdentity, callAs } from "./support/as-user.js";
import { testServer } from "./support/server.js";

let server: RunningServer;
let path: string;

beforeEach(async () => {
  server = await testServer();
  path = `/v1/Services/${server.credentials.serviceSid}/PushRegistrations`;
});
afterEach(() => server.close());

const bindingsOf = async (identity: string) =>
  (await callAs(server, account, "GET", `/v1/Services/${server.credentials.serviceSid}/Bindings?Identity=${identity}`)).body
    .bindings as Record<string, any>[];

describe("push registrations (what SDKs call from setPushRegistrationId)", () => {
  it("registers the caller's device with the account's credential, refreshes it, and removes it", async () => {
    const credential = await callAs(server, account, "POST", "/v1/Credentials", { Type: "fcm", Secret: "server-key" });
    expect(credential.status).toBe(201);
    const first = await callAs(server, asIdentity("alice"), "POST", path, { BindingType: "FCM", Address: "device-token-1" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      identity: "alice",
      binding_type: "fcm",
      endpoint: "device-token-1",
      credential_sid: credential.body.sid,
      message_types: ["new_message", "added_to_conversation", "removed_from_conversation"],
    });
    const again = await callAs(server, asIdentity("alice"), "POST", path, { BindingType: "fcm", Address: "device-token-1" });
    expect(again.body.sid).toBe(first.body.sid);
    await callAs(server, asIdentity("alice"), "POST", path, { BindingType: "fcm", Address: "device-token-2" });
    expect(await bindingsOf("alice")).toHaveLength(2);

    const removeOne = await callAs(server, asIdentity("alice"), "DELETE", `${path}?BindingType=fcm&Address=device-token-1`);
    expect(removeOne.status).toBe(204);
    expect((await bindingsOf("alice")).map((b) => b.endpoint)).toEqual(["device-token-2"]);
    expect((await callAs(server, asIdentity("alice"), "DELETE", `${path}?BindingType=fcm`)).status).toBe(204);
    expect(await bindingsOf("alice")).toHaveLength(0);
    // Removing nothing is fine; another user's bindings are never touched.
    await callAs(server, asIdentity("bob"), "POST", path, { BindingType: "fcm", Address: "bobs-device" });
    expect((await callAs(server, asIdentity("alice"), "DELETE", `${path}?BindingType=fcm`)).status).toBe(204);
    expect(await bindingsOf("bob")).toHaveLength(1);
  });

  it("refuses bad input in Twilio's shape and changes nothing", async () => {
    await callAs(server, account, "POST", "/v1/Credentials", { Type: "apn", Certificate: "cert", PrivateKey: "key" });
    const cases: [string, string, Record<string, string> | undefined, number, number][] = [
      ["no credential of that type", "POST", { BindingType: "fcm", Address: "t" }, 400, 20001],
      ["an unknown binding type", "POST", { BindingType: "sms", Address: "t" }, 400, 20001],
      ["no address", "POST", { BindingType: "apn" }, 400, 20001],
      ["a credential of another type", "POST", { BindingType: "fcm", Address: "t", CredentialSid: `CR${"0".repeat(32)}` }, 404, 20404],
    ];
    for (const [name, method, form, status, code] of cases) {
      const reply = await callAs(server, asIdentity("alice"), method, path, form);
      expect(reply.status, name).toBe(status);
      expect(reply.body, name).toMatchObject({ status, code });
    }
    expect((await callAs(server, asIdentity("alice"), "DELETE", `${path}?BindingType=carrier-pigeon`)).status).toBe(400);
    expect((await callAs(server, asIdentity("alice"), "DELETE", path)).status).toBe(400);
    // The account has no device: only a user token may register one.
    expect((await callAs(server, account, "POST", path, { BindingType: "apn", Address: "t" })).status).toBe(403);
    expect(await bindingsOf("alice")).toHaveLength(0);
  });
});
