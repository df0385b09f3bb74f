import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCredential } from "../src/core/credentials.js";
import type { RunningServer } from "../src/index.js";
import type { BindingRecord } from "../src/store/index.js";
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

const asUser = (path: string, init: RequestInit = {}) => fetchAsUser(server, "alice", path, init);

/** The raw JSON of an answer, to check what is (and is not) in it. */
async function raw(path: string): Promise<Record<string, unknown>> {
  const c = server.credentials;
  const res = await fetch(`${server.url}${path}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${c.accountSid}:${c.authToken}`).toString("base64")}` },
  });
  return (await res.json()) as Record<string, unknown>;
}

describe("Credentials", () => {
  it("creates each type, never renders secrets, and renders sandbox as Twilio's text", async () => {
    const fcm = await client.conversations.v1.credentials.create({ type: "fcm", friendlyName: "Firebase", secret: "server-key" });
    expect(fcm.sid).toMatch(/^CR[0-9a-f]{32}$/);
    expect(fcm).toMatchObject({
      accountSid: server.credentials.accountSid,
      friendlyName: "Firebase",
      type: "fcm",
      sandbox: "False",
      url: `${server.url}/v1/Credentials/${fcm.sid}`,
    });
    const apn = await client.conversations.v1.credentials.create({
      type: "apn",
      certificate: "-----BEGIN CERTIFICATE-----x",
      privateKey: "-----BEGIN RSA PRIVATE KEY-----y",
      sandbox: true,
    });
    expect(apn).toMatchObject({ type: "apn", sandbox: "True", friendlyName: null });
    const gcm = await client.conversations.v1.credentials.create({ type: "gcm", apiKey: "gcm-api-key" });
    expect(gcm.type).toBe("gcm");

    const body = await raw(`/v1/Credentials/${apn.sid}`);
    expect(Object.keys(body).sort()).toEqual([
      "account_sid",
      "date_created",
      "date_updated",
      "friendly_name",
      "sandbox",
      "sid",
      "type",
      "url",
    ]);
    expect(JSON.stringify(await raw("/v1/Credentials"))).not.toMatch(/server-key|BEGIN|gcm-api-key/);
    // Stored, though: pushes need them.
    expect((await server.core.store.get("credential", fcm.sid))?.secrets).toEqual({ secret: "server-key" });

    for (const sid of [fcm.sid, apn.sid, gcm.sid]) await client.conversations.v1.credentials(sid).remove();
  });

  it("fetches, updates, lists in pages and deletes", async () => {
    const sids: string[] = [];
    for (let i = 0; i < 5; i++)
      sids.push((await client.conversations.v1.credentials.create({ type: "fcm", friendlyName: `c${i}`, secret: "s" })).sid);
    const all = await client.conversations.v1.credentials.list({ pageSize: 2 });
    expect(all.map((c) => c.friendlyName)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    const page = await client.conversations.v1.credentials.page({ pageSize: 2 });
    expect(page.nextPageUrl).toMatch(new RegExp(`^${server.url}/v1/Credentials\\?PageSize=2&Page=1&PageToken=PA\\d+$`));
    const next = await page.nextPage();
    expect(next?.instances.map((c: { friendlyName: string }) => c.friendlyName)).toEqual(["c2", "c3"]);

    const credential = client.conversations.v1.credentials(sids[0] as string);
    expect((await credential.fetch()).friendlyName).toBe("c0");
    const renamed = await credential.update({ friendlyName: "renamed" });
    expect(renamed).toMatchObject({ friendlyName: "renamed", type: "fcm" });
    // Changing the type needs the new type's secrets.
    await expect(credential.update({ type: "apn" })).rejects.toMatchObject({ status: 400, code: 20001 });
    const asApn = await credential.update({ type: "apn", certificate: "c", privateKey: "k", sandbox: true });
    expect(asApn).toMatchObject({ type: "apn", sandbox: "True", friendlyName: "renamed" });
    expect((await server.core.store.get("credential", asApn.sid))?.secrets).toEqual({ certificate: "c", privateKey: "k" });

    for (const sid of sids) expect(await client.conversations.v1.credentials(sid).remove()).toBe(true);
    await expect(credential.fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(credential.remove()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(credential.update({ friendlyName: "x" })).rejects.toMatchObject({ status: 404, code: 20404 });
    expect(await client.conversations.v1.credentials.list()).toEqual([]);
  });

  it("rejects bad input with 400 and writes nothing", async () => {
    for (const bad of [
      { type: "fcm" },
      { type: "gcm", secret: "wrong field" },
      { type: "apn", certificate: "only half" },
      { type: "voip" },
      { type: "fcm", secret: "s", friendlyName: "x".repeat(65) },
    ]) {
      await expect(client.conversations.v1.credentials.create(bad as never)).rejects.toMatchObject({ status: 400, code: 20001 });
    }
    expect(await client.conversations.v1.credentials.list()).toEqual([]);
    await expect(client.conversations.v1.credentials("CR-nope").fetch()).rejects.toMatchObject({ status: 400 });
  });

  it("takes the type in any letter case in the domain", async () => {
    const actor = { kind: "admin", accountSid: server.credentials.accountSid } as const;
    const credential = await createCredential(server.core, actor, { type: "GcM", apiKey: "k" });
    expect(credential.type).toBe("gcm");
    await client.conversations.v1.credentials(credential.sid).remove();
  });

  // Twilio takes `GcM`; the spec marks the enum x-confab-case-insensitive, so the router does too.
  it("takes the type in any letter case over REST", async () => {
    const credential = await client.conversations.v1.credentials.create({ type: "GcM" as never, apiKey: "k" });
    expect(credential.type).toBe("gcm");
  });

  it("forbids users", async () => {
    for (const [path, method] of [
      ["/v1/Credentials", "GET"],
      ["/v1/Credentials", "POST"],
      [`/v1/Credentials/CR${"0".repeat(32)}`, "GET"],
      [`/v1/Credentials/CR${"0".repeat(32)}`, "DELETE"],
    ] as const) {
      const answer = await asUser(path, { method, ...(method === "POST" ? { body: "Type=fcm&Secret=s" } : {}) });
      expect([path, method, answer.status, answer.body.code]).toEqual([path, method, 403, 20403]);
    }
  });
});

describe("Bindings", () => {
  const stamp = "2024-01-01T00:00:00Z";
  const seeded: BindingRecord[] = [];

  beforeAll(async () => {
    const serviceSid = server.credentials.serviceSid;
    const rows: [string, BindingRecord["bindingType"]][] = [
      ["alice", "apn"],
      ["alice", "fcm"],
      ["bob", "gcm"],
      ["bob", "fcm"],
      ["carol", "apn"],
      ["carol", "fcm"],
      ["dave", "fcm"],
    ];
    await server.core.store.transaction(async (tx) => {
      for (const [i, [identity, bindingType]] of rows.entries()) {
        const record: BindingRecord = {
          sid: `BS${String(i).padStart(32, "0")}`,
          accountSid: server.credentials.accountSid,
          serviceSid,
          credentialSid: `CR${"1".repeat(32)}`,
          endpoint: `${identity}-device-${i}`,
          identity,
          bindingType,
          messageTypes: ["new_message", "added_to_conversation"],
          address: null,
          dateCreated: stamp,
          dateUpdated: stamp,
        };
        seeded.push(await tx.insert("binding", record));
      }
    });
  });

  const bindings = () => client.conversations.v1.services(server.credentials.serviceSid).bindings;

  it("lists, pages and fetches bindings in Twilio's shape", async () => {
    const all = await bindings().list({ pageSize: 3 });
    expect(all.map((b) => b.sid)).toEqual(seeded.map((b) => b.sid));
    const first = seeded[0] as BindingRecord;
    const fetched = await bindings()(first.sid).fetch();
    expect(fetched).toMatchObject({
      sid: first.sid,
      accountSid: server.credentials.accountSid,
      chatServiceSid: server.credentials.serviceSid,
      credentialSid: first.credentialSid,
      endpoint: first.endpoint,
      identity: "alice",
      bindingType: "apn",
      messageTypes: ["new_message", "added_to_conversation"],
      url: `${server.url}/v1/Services/${server.credentials.serviceSid}/Bindings/${first.sid}`,
    });
    expect(fetched.dateCreated.toISOString()).toBe("2024-01-01T00:00:00.000Z");
  });

  it("filters by repeated BindingType and Identity, across pages", async () => {
    const fcm = await bindings().list({ bindingType: ["fcm"] });
    expect(fcm.map((b) => b.identity)).toEqual(["alice", "bob", "carol", "dave"]);
    const two = await bindings().list({ bindingType: ["apn", "gcm"], pageSize: 1 });
    expect(two.map((b) => `${b.identity}/${b.bindingType}`)).toEqual(["alice/apn", "bob/gcm", "carol/apn"]);
    const people = await bindings().list({ identity: ["bob", "carol"], pageSize: 2 });
    expect(people.map((b) => `${b.identity}/${b.bindingType}`)).toEqual(["bob/gcm", "bob/fcm", "carol/apn", "carol/fcm"]);
    const both = await bindings().list({ identity: ["alice", "carol"], bindingType: ["fcm"] });
    expect(both.map((b) => b.identity)).toEqual(["alice", "carol"]);
    expect(await bindings().list({ identity: ["nobody"] })).toEqual([]);

    const page = await bindings().page({ identity: ["bob", "carol"], pageSize: 2 });
    expect(page.nextPageUrl).toContain("Identity=bob&Identity=carol");
    const next = await page.nextPage();
    expect(next?.instances.map((b: { identity: string }) => b.identity)).toEqual(["carol", "carol"]);
    expect(next?.nextPageUrl).toBeFalsy();
    await expect(bindings().list({ bindingType: ["pager" as never] })).rejects.toMatchObject({ status: 400, code: 20001 });
  });

  it("deletes a binding, and answers 404 for one that is gone or of another service", async () => {
    const last = seeded.at(-1) as BindingRecord;
    expect(await bindings()(last.sid).remove()).toBe(true);
    await expect(bindings()(last.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(bindings()(last.sid).remove()).rejects.toMatchObject({ status: 404, code: 20404 });
    expect((await bindings().list()).length).toBe(seeded.length - 1);

    const other = await client.conversations.v1.services.create({ friendlyName: "Other" });
    const elsewhere = client.conversations.v1.services(other.sid).bindings;
    await expect(elsewhere((seeded[0] as BindingRecord).sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(elsewhere((seeded[0] as BindingRecord).sid).remove()).rejects.toMatchObject({ status: 404, code: 20404 });
    expect(await elsewhere.list()).toEqual([]);
    await expect(client.conversations.v1.services(`IS${"0".repeat(32)}`).bindings.list()).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
    expect((await bindings().list()).length).toBe(seeded.length - 1);
  });

  it("forbids users", async () => {
    const path = `/v1/Services/${server.credentials.serviceSid}/Bindings`;
    const sid = (seeded[0] as BindingRecord).sid;
    for (const [p, method] of [
      [path, "GET"],
      [`${path}/${sid}`, "GET"],
      [`${path}/${sid}`, "DELETE"],
    ] as const) {
      const answer = await asUser(p, { method });
      expect([p, method, answer.status, answer.body.code]).toEqual([p, method, 403, 20403]);
    }
    expect(await server.core.store.get("binding", sid)).not.toBeNull();
  });
});
