import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { testServer } from "./support/server.js";
import { twilio, twilioClient } from "./support/twilio-client.js";

let server: RunningServer;
let client: ReturnType<typeof twilioClient>;

beforeAll(async () => {
  server = await testServer();
  client = twilioClient(server.url, server.credentials.accountSid, server.credentials.authToken);
});
afterAll(() => server.close());

describe("Conversations through the official twilio helper", () => {
  it("creates, fetches by SID and by unique name, updates and deletes", async () => {
    const created = await client.conversations.v1.conversations.create({
      friendlyName: "Support",
      uniqueName: "support-1",
      attributes: JSON.stringify({ topic: "billing" }),
      "timers.inactive": "PT10M",
    } as never);
    expect(created.sid).toMatch(/^CH[0-9a-f]{32}$/);
    expect(created.chatServiceSid).toBe(server.credentials.serviceSid);
    expect(created.friendlyName).toBe("Support");
    expect(created.state).toBe("active");
    expect(JSON.parse(created.attributes)).toEqual({ topic: "billing" });
    expect(created.url).toBe(`${server.url}/v1/Conversations/${created.sid}`);

    const bySid = await client.conversations.v1.conversations(created.sid).fetch();
    expect(bySid.uniqueName).toBe("support-1");
    const byName = await client.conversations.v1.conversations("support-1").fetch();
    expect(byName.sid).toBe(created.sid);

    const updated = await client.conversations.v1.conversations(created.sid).update({ friendlyName: "Billing" });
    expect(updated.friendlyName).toBe("Billing");
    expect(updated.dateUpdated).toBeInstanceOf(Date);

    expect(await client.conversations.v1.conversations(created.sid).remove()).toBe(true);
    await expect(client.conversations.v1.conversations(created.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it("answers a taken unique name with 409 and Twilio's code, and writes nothing", async () => {
    await client.conversations.v1.conversations.create({ uniqueName: "dup" });
    const before = (await client.conversations.v1.conversations.list()).length;
    const error = await client.conversations.v1.conversations.create({ uniqueName: "dup" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({ status: 409, code: 50353 });
    expect((await client.conversations.v1.conversations.list()).length).toBe(before);
  });

  it("rejects bad input with a 4xx in Twilio's shape", async () => {
    await expect(client.conversations.v1.conversations.create({ attributes: "{not json" })).rejects.toMatchObject({
      status: 400,
      code: 20001,
    });
    await expect(client.conversations.v1.conversations.create({ state: "asleep" as never })).rejects.toMatchObject({ status: 400 });
    await expect(client.conversations.v1.conversations.create({ "timers.inactive": "ten minutes" } as never)).rejects.toMatchObject({
      status: 400,
    });
  });

  it("pages through a list with absolute links", async () => {
    const service = client.conversations.v1.services(server.credentials.serviceSid);
    const names = Array.from({ length: 7 }, (_, i) => `paged-${i}`);
    for (const name of names) await service.conversations.create({ friendlyName: name });
    // `list` walks every page, following next_page_url.
    const all = await service.conversations.list({ pageSize: 3 });
    const seen = all.map((c) => c.friendlyName).filter((n) => n?.startsWith("paged-"));
    expect(seen).toEqual(names);
    const page = await service.conversations.page({ pageSize: 3 });
    expect(page.nextPageUrl).toMatch(
      new RegExp(`^${server.url}/v1/Services/${server.credentials.serviceSid}/Conversations\\?PageSize=3&Page=1&PageToken=PA\\d+$`),
    );
    const next = await page.nextPage();
    expect(next?.instances).toHaveLength(3);
    const back = await next?.previousPage();
    expect(back?.instances.map((c: { sid: string }) => c.sid)).toEqual(page.instances.map((c: { sid: string }) => c.sid));
  });

  it("applies the account's default timers to a new conversation", async () => {
    await client.conversations.v1.configuration().update({ defaultInactiveTimer: "PT1H", defaultClosedTimer: "P2D" });
    try {
      const created = await client.conversations.v1.conversations.create({ friendlyName: "timed" });
      const timers = created.timers as { date_inactive?: string; date_closed?: string };
      const created_at = created.dateCreated.getTime();
      expect(Date.parse(timers.date_inactive as string) - created_at).toBeGreaterThanOrEqual(3600_000 - 2000);
      expect(Date.parse(timers.date_closed as string) - created_at).toBeGreaterThanOrEqual(2 * 86400_000 - 2000);
    } finally {
      // The API has no way to unset a default timer; reset it in the store for the tests after.
      await server.core.store.transaction(async (tx) => {
        const configuration = await tx.get("configuration", server.credentials.accountSid);
        if (configuration) await tx.update("configuration", { ...configuration, defaultInactiveTimer: null, defaultClosedTimer: null });
      });
    }
  });

  it("accepts API key credentials and refuses bad ones", async () => {
    const keyClient = twilioClient(
      server.url,
      server.credentials.apiKeySid,
      server.credentials.apiKeySecret,
      server.credentials.accountSid,
    );
    await expect(keyClient.conversations.v1.conversations.list({ limit: 1 })).resolves.toBeInstanceOf(Array);
    const wrong = twilioClient(server.url, server.credentials.accountSid, "wrong-token");
    await expect(wrong.conversations.v1.conversations.list()).rejects.toMatchObject({ status: 401, code: 20003 });
  });
});
