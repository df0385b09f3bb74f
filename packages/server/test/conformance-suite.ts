/**
 * Conformance: every one of Twilio's Conversations v1 REST operations (the 103 of
 * ../shared/reference/twilio-rest/operations.tsv), driven through the official `twilio` helper
 * only, against one Confab server. It runs once per store (conformance*.test.ts call
 * `describeConformance`), since every answer goes through the store. Each request the helper makes is recorded and mapped to its
 * operation; the last test checks that every operation was answered with a success at least once.
 *
 * The oracles: the assertions here, Confab's own spec (the test server turns a mismatching answer
 * into a 500 that fails the run) and Twilio's published schema (the helper's client checks every
 * 2xx JSON answer against it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newSid, SidPrefix } from "../src/core/ids.js";
import type { RunningServer, StartServerOptions } from "../src/index.js";
import type { BindingRecord, ReceiptRecord } from "../src/store/index.js";
import { OperationRecorder } from "./support/operation-recorder.js";
import { testServer } from "./support/server.js";
import { twilio, twilioClient } from "./support/twilio-client.js";

/**
 * Defines the conformance suite against a test server on the store that `serverOptions` names
 * (resolved once, before the server starts).
 */
export function describeConformance(storeName: string, serverOptions: () => Promise<Partial<StartServerOptions>>): void {
  describe(`REST conformance on ${storeName}`, () => {
    let server: RunningServer;
    let client: ReturnType<typeof twilioClient>;
    let v1: ReturnType<typeof twilioClient>["conversations"]["v1"];
    const recorder = new OperationRecorder();
    /** How far the server's clock runs ahead of the real one (to let conversation timers elapse). */
    let clockOffsetMs = 0;

    beforeAll(async () => {
      server = await testServer({ ...(await serverOptions()), now: () => new Date(Date.now() + clockOffsetMs) });
      client = twilioClient(server.url, server.credentials.accountSid, server.credentials.authToken, undefined, recorder.record);
      v1 = client.conversations.v1;
    });
    afterAll(() => server.close());

    const zeros = (prefix: string) => `${prefix}${"0".repeat(32)}`;
    const sidOf = (prefix: string) => new RegExp(`^${prefix}[0-9a-f]{32}$`);
    const STAMP = "2024-01-01T00:00:00Z";

    /** The promise rejects with the helper's RestException, with this status and Twilio code. */
    async function expectRestError(promise: Promise<unknown>, status: number, code: number) {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, `expected a ${status}/${code} RestException`).toBeInstanceOf(twilio.RestException);
      expect(error).toMatchObject({ status, code });
      return error as InstanceType<typeof twilio.RestException>;
    }

    /** The SIDs (or any key) of a page's instances. */
    const keys = (page: { instances: unknown[] } | undefined, key = "sid") =>
      (page?.instances ?? []).map((i) => (i as Record<string, unknown>)[key]);

    describe("account configuration", () => {
      it("fetches and updates the configuration, and moves the default service there and back", async () => {
        const configuration = v1.configuration();
        const before = await configuration.fetch();
        expect(before).toMatchObject({
          accountSid: server.credentials.accountSid,
          defaultChatServiceSid: server.credentials.serviceSid,
          defaultMessagingServiceSid: null,
          url: `${server.url}/v1/Configuration`,
          links: {
            service: `${server.url}/v1/Services/${server.credentials.serviceSid}/Configuration`,
            webhooks: `${server.url}/v1/Configuration/Webhooks`,
          },
        });

        const other = await v1.services.create({ friendlyName: "conformance: next default" });
        const messagingServiceSid = `MG${"a".repeat(32)}`;
        try {
          const updated = await configuration.update({
            defaultChatServiceSid: other.sid,
            defaultMessagingServiceSid: messagingServiceSid,
            defaultInactiveTimer: "PT5M",
            defaultClosedTimer: "P1D",
          });
          expect(updated).toMatchObject({
            defaultChatServiceSid: other.sid,
            defaultMessagingServiceSid: messagingServiceSid,
            defaultInactiveTimer: "PT5M",
            defaultClosedTimer: "P1D",
          });
          expect(updated.links.service).toBe(`${server.url}/v1/Services/${other.sid}/Configuration`);
          // The global paths now act on the new default service.
          const there = await v1.conversations.create({ friendlyName: "in the new default" });
          expect(there.chatServiceSid).toBe(other.sid);
          // …and a new conversation takes the account's default messaging service.
          expect(there.messagingServiceSid).toBe(messagingServiceSid);
          expect((await configuration.fetch()).defaultChatServiceSid).toBe(other.sid);
        } finally {
          const back = await configuration.update({ defaultChatServiceSid: server.credentials.serviceSid });
          expect(back.defaultChatServiceSid).toBe(server.credentials.serviceSid);
          // The API has no way to unset the default timers or messaging service: reset them in the store.
          await server.core.store.transaction(async (tx) => {
            const c = await tx.get("configuration", server.credentials.accountSid);
            if (c) {
              await tx.update("configuration", {
                ...c,
                defaultInactiveTimer: null,
                defaultClosedTimer: null,
                defaultMessagingServiceSid: null,
              });
            }
          });
          expect(await configuration.fetch()).toMatchObject({
            defaultChatServiceSid: server.credentials.serviceSid,
            defaultMessagingServiceSid: null,
            defaultInactiveTimer: null,
            defaultClosedTimer: null,
          });
        }
        await expectRestError(configuration.update({ defaultChatServiceSid: zeros("IS") }), 400, 20001);
        await expectRestError(configuration.update({ defaultInactiveTimer: "ten minutes" }), 400, 20001);
      });

      it("fetches and updates the account webhook", async () => {
        const webhooks = v1.configuration.webhooks();
        expect(await webhooks.fetch()).toMatchObject({
          accountSid: server.credentials.accountSid,
          method: "POST",
          filters: [],
          preWebhookUrl: null,
          postWebhookUrl: null,
          target: "webhook",
          url: `${server.url}/v1/Configuration/Webhooks`,
        });
        const updated = await webhooks.update({
          method: "get",
          filters: ["onMessageAdded", "onConversationUpdated"],
          postWebhookUrl: "https://example.com/post",
          target: "flex",
        });
        expect(updated).toMatchObject({
          method: "GET",
          filters: ["onMessageAdded", "onConversationUpdated"],
          preWebhookUrl: null,
          postWebhookUrl: "https://example.com/post",
          target: "flex",
        });
        expect((await webhooks.fetch()).toJSON()).toEqual(updated.toJSON());
        await expectRestError(webhooks.update({ filters: ["onNothing"] }), 400, 20001);
        // Leave no account webhook behind for the rest of the run.
        const cleared = await webhooks.update({ postWebhookUrl: "", filters: [], target: "webhook", method: "post" });
        expect(cleared).toMatchObject({ postWebhookUrl: null, target: "webhook", method: "POST" });
      });
    });

    describe("address configurations", () => {
      it("creates, lists (filtered, in pages), fetches by SID and address, updates and deletes", async () => {
        const addresses = v1.addressConfigurations;
        const created = await addresses.create({
          type: "sms",
          address: "+15550100000",
          friendlyName: "Front desk",
          addressCountry: "US",
          "autoCreation.enabled": true,
          "autoCreation.type": "webhook",
          "autoCreation.webhookUrl": "https://example.com/auto",
          "autoCreation.webhookMethod": "post",
          "autoCreation.webhookFilters": ["onMessageAdded"],
        });
        expect(created.sid).toMatch(sidOf("IG"));
        expect(created).toMatchObject({
          accountSid: server.credentials.accountSid,
          type: "sms",
          address: "+15550100000",
          friendlyName: "Front desk",
          addressCountry: "US",
          url: `${server.url}/v1/Configuration/Addresses/${created.sid}`,
        });
        expect(created.autoCreation).toEqual({
          enabled: true,
          type: "webhook",
          conversation_service_sid: null,
          webhook_url: "https://example.com/auto",
          webhook_method: "POST",
          webhook_filters: ["onMessageAdded"],
        });
        const more = [];
        for (let i = 1; i <= 4; i++) more.push(await addresses.create({ type: "whatsapp", address: `whatsapp:+1555010000${i}` }));

        const all = await addresses.list({ pageSize: 2 });
        expect(all.map((a) => a.sid)).toEqual([created.sid, ...more.map((a) => a.sid)]);
        expect((await addresses.list({ type: "whatsapp", pageSize: 3 })).map((a) => a.sid)).toEqual(more.map((a) => a.sid));

        expect((await addresses(created.sid).fetch()).toJSON()).toEqual(created.toJSON());
        expect((await addresses("+15550100000").fetch()).sid).toBe(created.sid);

        const updated = await addresses(created.sid).update({
          friendlyName: "Back desk",
          "autoCreation.type": "studio",
          "autoCreation.studioFlowSid": `FW${"a".repeat(32)}`,
          "autoCreation.studioRetryCount": 2,
          "autoCreation.conversationServiceSid": server.credentials.serviceSid,
        });
        expect(updated.friendlyName).toBe("Back desk");
        expect(updated.autoCreation).toEqual({
          enabled: true,
          type: "studio",
          conversation_service_sid: server.credentials.serviceSid,
          studio_flow_sid: `FW${"a".repeat(32)}`,
          studio_retry_count: 2,
        });

        // Confab answers a taken (type, address) with 409 and the generic code (Twilio documents none).
        await expectRestError(addresses.create({ type: "sms", address: "+15550100000" }), 409, 20001);
        await expectRestError(addresses.create({ type: "pager" as never, address: "+15550100009" }), 400, 20001);

        for (const a of [created, ...more]) expect(await addresses(a.sid).remove()).toBe(true);
        await expectRestError(addresses(created.sid).fetch(), 404, 20404);
        await expectRestError(addresses(created.sid).remove(), 404, 20404);
        expect(await addresses.list()).toEqual([]);
      });
    });

    describe("services and their configuration", () => {
      it("creates, fetches, lists in pages and deletes services", async () => {
        const created = [];
        for (let i = 0; i < 5; i++) created.push(await v1.services.create({ friendlyName: `conformance-service-${i}` }));
        const first = created[0] as (typeof created)[number];
        expect(first.sid).toMatch(sidOf("IS"));
        expect(first).toMatchObject({
          accountSid: server.credentials.accountSid,
          friendlyName: "conformance-service-0",
          url: `${server.url}/v1/Services/${first.sid}`,
        });
        expect(first.links).toMatchObject({
          conversations: `${server.url}/v1/Services/${first.sid}/Conversations`,
          bindings: `${server.url}/v1/Services/${first.sid}/Bindings`,
        });
        expect((await v1.services(first.sid).fetch()).toJSON()).toEqual(first.toJSON());

        const listed = (await v1.services.list({ pageSize: 2 }))
          .map((s) => s.friendlyName)
          .filter((n) => n.startsWith("conformance-service-"));
        expect(listed).toEqual(created.map((s) => s.friendlyName));
        const all = await v1.services.list();
        expect(all.map((s) => s.sid)).toContain(server.credentials.serviceSid);

        for (const s of created) expect(await v1.services(s.sid).remove()).toBe(true);
        await expectRestError(v1.services(first.sid).fetch(), 404, 20404);
        await expectRestError(v1.services(first.sid).remove(), 404, 20404);
        await expectRestError(v1.services("not-a-sid").fetch(), 400, 20001);
        // The account's default service may not go.
        await expectRestError(v1.services(server.credentials.serviceSid).remove(), 400, 20001);
      });

      it("fetches and updates a service's configuration, notifications and webhooks", async () => {
        const service = await v1.services.create({ friendlyName: "conformance: configured" });
        const scoped = v1.services(service.sid);
        const roles = await scoped.roles.list();
        const named = (name: string) => roles.find((r) => r.friendlyName === name)?.sid as string;

        const configuration = await scoped.configuration().fetch();
        const url = `${server.url}/v1/Services/${service.sid}/Configuration`;
        expect(configuration).toMatchObject({
          chatServiceSid: service.sid,
          defaultConversationCreatorRoleSid: named("channel admin"),
          defaultConversationRoleSid: named("channel user"),
          defaultChatServiceRoleSid: named("service user"),
          reachabilityEnabled: false,
          url,
          links: { notifications: `${url}/Notifications`, webhooks: `${url}/Webhooks` },
        });
        const reconfigured = await scoped
          .configuration()
          .update({ defaultChatServiceRoleSid: named("service admin"), reachabilityEnabled: true });
        expect(reconfigured).toMatchObject({
          defaultChatServiceRoleSid: named("service admin"),
          defaultConversationRoleSid: named("channel user"),
          reachabilityEnabled: true,
        });
        await expectRestError(scoped.configuration().update({ defaultChatServiceRoleSid: named("channel user") }), 400, 20001);

        const notifications = scoped.configuration.notifications();
        expect(await notifications.fetch()).toMatchObject({
          accountSid: server.credentials.accountSid,
          chatServiceSid: service.sid,
          logEnabled: false,
          newMessage: {
            enabled: false,
            template: null,
            sound: null,
            badge_count_enabled: false,
            with_media: { enabled: false, template: null },
          },
          url: `${url}/Notifications`,
        });
        const notified = await notifications.update({
          logEnabled: true,
          "newMessage.enabled": true,
          "newMessage.sound": "ring",
          "addedToConversation.enabled": true,
          "removedFromConversation.sound": "bell",
        });
        expect(notified.logEnabled).toBe(true);
        expect(notified.newMessage).toMatchObject({ enabled: true, sound: "ring" });
        expect(notified.addedToConversation).toEqual({ enabled: true, template: null, sound: null });
        expect(notified.removedFromConversation).toEqual({ enabled: false, template: null, sound: "bell" });
        expect((await notifications.fetch()).toJSON()).toEqual(notified.toJSON());

        const webhooks = scoped.configuration.webhooks();
        expect(await webhooks.fetch()).toMatchObject({
          accountSid: server.credentials.accountSid,
          chatServiceSid: service.sid,
          preWebhookUrl: null,
          postWebhookUrl: null,
          filters: [],
          method: "POST",
          url: `${url}/Webhooks`,
        });
        const hooked = await webhooks.update({ postWebhookUrl: "https://example.com/svc", filters: ["onMessageAdded"], method: "get" });
        expect(hooked).toMatchObject({ postWebhookUrl: "https://example.com/svc", filters: ["onMessageAdded"], method: "GET" });
        await expectRestError(webhooks.update({ method: "PUT" }), 400, 20001);
        expect((await webhooks.fetch()).toJSON()).toEqual(hooked.toJSON());

        await expectRestError(v1.services(zeros("IS")).configuration().fetch(), 404, 20404);
        expect(await scoped.remove()).toBe(true);
      });
    });

    describe("roles", () => {
      it("creates, fetches, updates, lists and deletes roles on the global paths", async () => {
        const defaults = await v1.roles.list();
        expect(defaults.map((r) => r.friendlyName).sort()).toEqual(["channel admin", "channel user", "service admin", "service user"]);
        const role = await v1.roles.create({ friendlyName: "conformance moderator", type: "conversation", permission: ["sendMessage"] });
        expect(role.sid).toMatch(sidOf("RL"));
        expect(role).toMatchObject({
          chatServiceSid: server.credentials.serviceSid,
          type: "conversation",
          permissions: ["sendMessage"],
          url: `${server.url}/v1/Roles/${role.sid}`,
        });
        expect((await v1.roles(role.sid).fetch()).friendlyName).toBe("conformance moderator");
        const updated = await v1.roles(role.sid).update({ permission: ["sendMessage", "deleteAnyMessage"] });
        expect(updated.permissions).toEqual(["sendMessage", "deleteAnyMessage"]);
        expect((await v1.roles.list({ pageSize: 2 })).map((r) => r.sid)).toEqual([...defaults.map((r) => r.sid), role.sid]);
        await expectRestError(v1.roles.create({ friendlyName: "bad", type: "service", permission: ["launchRockets"] }), 400, 20001);
        // A role in use may not go.
        const channelUser = defaults.find((r) => r.friendlyName === "channel user");
        await expectRestError(v1.roles(channelUser?.sid as string).remove(), 400, 50300);
        expect(await v1.roles(role.sid).remove()).toBe(true);
        await expectRestError(v1.roles(role.sid).fetch(), 404, 20404);
      });

      it("creates, fetches, updates, lists and deletes roles on the service-scoped paths", async () => {
        const service = await v1.services.create({ friendlyName: "conformance: roles" });
        const roles = v1.services(service.sid).roles;
        const created = [];
        for (let i = 0; i < 3; i++) {
          created.push(await roles.create({ friendlyName: `scoped-role-${i}`, type: "service", permission: ["editOwnUserInfo"] }));
        }
        const role = created[0] as (typeof created)[number];
        expect(role.url).toBe(`${server.url}/v1/Services/${service.sid}/Roles/${role.sid}`);
        expect(role.chatServiceSid).toBe(service.sid);
        expect((await roles(role.sid).fetch()).permissions).toEqual(["editOwnUserInfo"]);
        expect((await roles(role.sid).update({ permission: ["editAnyUserInfo"] })).permissions).toEqual(["editAnyUserInfo"]);
        const listed = await roles.list({ pageSize: 2 });
        expect(listed).toHaveLength(7);
        expect(listed.slice(4).map((r) => r.sid)).toEqual(created.map((r) => r.sid));
        // Another service's role is not found here.
        await expectRestError(v1.services(server.credentials.serviceSid).roles(role.sid).fetch(), 404, 20404);
        expect(await roles(role.sid).remove()).toBe(true);
        await expectRestError(roles(role.sid).fetch(), 404, 20404);
        await v1.services(service.sid).remove();
      });
    });

    describe("users", () => {
      it("creates, fetches by SID and identity, updates, lists and deletes users on the global paths", async () => {
        const user = await v1.users.create({ identity: "conf-ann", friendlyName: "Ann", attributes: JSON.stringify({ team: "blue" }) });
        expect(user.sid).toMatch(sidOf("US"));
        expect(user).toMatchObject({
          identity: "conf-ann",
          friendlyName: "Ann",
          chatServiceSid: server.credentials.serviceSid,
          url: `${server.url}/v1/Users/${user.sid}`,
          links: { user_conversations: `${server.url}/v1/Users/${user.sid}/Conversations` },
        });
        expect(JSON.parse(user.attributes)).toEqual({ team: "blue" });
        expect((await v1.users(user.sid).fetch()).identity).toBe("conf-ann");
        expect((await v1.users("conf-ann").fetch()).sid).toBe(user.sid);
        const updated = await v1.users("conf-ann").update({ friendlyName: "Ann B." });
        expect(updated.friendlyName).toBe("Ann B.");
        expect(JSON.parse(updated.attributes)).toEqual({ team: "blue" });

        for (let i = 0; i < 4; i++) await v1.users.create({ identity: `conf-paged-${i}` });
        const listed = (await v1.users.list({ pageSize: 2 })).map((u) => u.identity).filter((i) => i.startsWith("conf-"));
        expect(listed).toEqual(["conf-ann", "conf-paged-0", "conf-paged-1", "conf-paged-2", "conf-paged-3"]);

        await expectRestError(v1.users.create({ identity: "conf-ann" }), 409, 50201);
        await expectRestError(v1.users.create({ identity: "conf-bad", attributes: "{nope" }), 400, 20001);
        expect(await v1.users("conf-ann").remove()).toBe(true);
        await expectRestError(v1.users(user.sid).fetch(), 404, 20404);
        await expectRestError(v1.users("conf-ann").update({ friendlyName: "x" }), 404, 20404);
      });

      it("creates, fetches by SID and identity, updates, lists and deletes users on the service-scoped paths", async () => {
        const service = await v1.services.create({ friendlyName: "conformance: users" });
        const users = v1.services(service.sid).users;
        const user = await users.create({ identity: "conf-bo" });
        expect(user).toMatchObject({
          chatServiceSid: service.sid,
          friendlyName: null,
          attributes: "{}",
          url: `${server.url}/v1/Services/${service.sid}/Users/${user.sid}`,
        });
        expect((await users("conf-bo").fetch()).sid).toBe(user.sid);
        expect((await users(user.sid).fetch()).identity).toBe("conf-bo");
        expect((await users(user.sid).update({ attributes: '{"a":1}' })).attributes).toBe('{"a":1}');
        expect((await users.list()).map((u) => u.identity)).toEqual(["conf-bo"]);
        // Users of another service are not found here.
        await expectRestError(v1.users(user.sid).fetch(), 404, 20404);
        expect(await users("conf-bo").remove()).toBe(true);
        expect(await users.list()).toEqual([]);
        await v1.services(service.sid).remove();
      });
    });

    describe("conversations", () => {
      it("creates, fetches by SID and unique name, updates and deletes on the global paths", async () => {
        const created = await v1.conversations.create({
          friendlyName: "Conformance",
          uniqueName: "conformance-global",
          attributes: JSON.stringify({ topic: "billing" }),
          "timers.closed": "P1D",
        } as never);
        expect(created.sid).toMatch(sidOf("CH"));
        expect(created).toMatchObject({
          accountSid: server.credentials.accountSid,
          chatServiceSid: server.credentials.serviceSid,
          friendlyName: "Conformance",
          uniqueName: "conformance-global",
          state: "active",
          url: `${server.url}/v1/Conversations/${created.sid}`,
        });
        expect(JSON.parse(created.attributes)).toEqual({ topic: "billing" });
        expect((created.timers as { date_closed?: string }).date_closed).toMatch(/Z$/);
        expect(created.links).toEqual({
          participants: `${created.url}/Participants`,
          messages: `${created.url}/Messages`,
          webhooks: `${created.url}/Webhooks`,
        });
        expect((await v1.conversations(created.sid).fetch()).toJSON()).toEqual(created.toJSON());
        expect((await v1.conversations("conformance-global").fetch()).sid).toBe(created.sid);

        const updated = await v1.conversations("conformance-global").update({ friendlyName: "Renamed", state: "inactive" });
        expect(updated).toMatchObject({ sid: created.sid, friendlyName: "Renamed", state: "inactive", uniqueName: "conformance-global" });

        await expectRestError(v1.conversations.create({ uniqueName: "conformance-global" }), 409, 50353);
        await expectRestError(v1.conversations.create({ attributes: "{not json" }), 400, 20001);

        expect(await v1.conversations(created.sid).remove()).toBe(true);
        await expectRestError(v1.conversations(created.sid).fetch(), 404, 20404);
        await expectRestError(v1.conversations("conformance-global").fetch(), 404, 20404);
        await expectRestError(v1.conversations(created.sid).remove(), 404, 20404);
      });

      it("creates, fetches by SID and unique name, updates and deletes on the service-scoped paths", async () => {
        const service = await v1.services.create({ friendlyName: "conformance: conversations" });
        const conversations = v1.services(service.sid).conversations;
        const created = await conversations.create({ friendlyName: "Scoped", uniqueName: "conformance-scoped" });
        expect(created).toMatchObject({
          chatServiceSid: service.sid,
          uniqueName: "conformance-scoped",
          url: `${server.url}/v1/Services/${service.sid}/Conversations/${created.sid}`,
        });
        expect((await conversations("conformance-scoped").fetch()).sid).toBe(created.sid);
        expect((await conversations(created.sid).update({ attributes: '{"x":1}' })).attributes).toBe('{"x":1}');
        // The same unique name is free in another service, and the conversation is not on the global paths.
        expect((await v1.conversations.create({ uniqueName: "conformance-scoped" })).chatServiceSid).toBe(server.credentials.serviceSid);
        await expectRestError(v1.conversations(created.sid).fetch(), 404, 20404);
        await expectRestError(conversations.create({ uniqueName: "conformance-scoped" }), 409, 50353);
        expect((await conversations.list()).map((c) => c.sid)).toEqual([created.sid]);
        expect(await conversations(created.sid).remove()).toBe(true);
        expect(await conversations.list()).toEqual([]);
        await v1.conversations("conformance-scoped").remove();
        await v1.services(service.sid).remove();
      });

      it("pages through conversations with list, page, nextPage and previousPage", async () => {
        const service = await v1.services.create({ friendlyName: "conformance: paging" });
        const conversations = v1.services(service.sid).conversations;
        const made = [];
        for (let i = 0; i < 5; i++) made.push(await conversations.create({ friendlyName: `paged-${i}` }));
        const sids = made.map((c) => c.sid);
        expect((await conversations.list({ pageSize: 2 })).map((c) => c.sid)).toEqual(sids);
        expect((await conversations.list({ pageSize: 2, limit: 3 })).map((c) => c.sid)).toEqual(sids.slice(0, 3));

        const first = await conversations.page({ pageSize: 2 });
        expect(keys(first)).toEqual(sids.slice(0, 2));
        expect(first.previousPageUrl ?? null).toBeNull();
        expect(first.nextPageUrl).toMatch(
          new RegExp(`^${server.url}/v1/Services/${service.sid}/Conversations\\?PageSize=2&Page=1&PageToken=`),
        );
        const second = await first.nextPage();
        expect(keys(second)).toEqual(sids.slice(2, 4));
        const third = await second?.nextPage();
        expect(keys(third)).toEqual(sids.slice(4));
        expect(third?.nextPageUrl ?? null).toBeNull();
        expect(third?.nextPage()).toBeUndefined();
        const backToSecond = await third?.previousPage();
        expect(keys(backToSecond)).toEqual(sids.slice(2, 4));
        const backToFirst = await backToSecond?.previousPage();
        expect(keys(backToFirst)).toEqual(sids.slice(0, 2));

        await v1.services(service.sid).remove();
      });
    });

    /**
     * The conversations of a service on its service-scoped paths, or those of the account's default
     * service on the global paths. Typed as the global ones: the service-scoped twins are the same
     * calls (their instances only add `chatServiceSid`), and the union of both is not callable.
     */
    function conversationsOf(serviceSid?: string): typeof v1.conversations {
      return serviceSid ? (v1.services(serviceSid).conversations as unknown as typeof v1.conversations) : v1.conversations;
    }

    for (const scope of ["global", "service-scoped"] as const) {
      describe(`participants, messages, receipts and webhooks on the ${scope} paths`, () => {
        const serviceSid = () => (scope === "global" ? undefined : server.credentials.serviceSid);
        const base = () => (scope === "global" ? `${server.url}/v1` : `${server.url}/v1/Services/${server.credentials.serviceSid}`);
        const tag = scope === "global" ? "g" : "s";
        /** Only the service-scoped resources name their service (Twilio's global ones have no such field). */
        const inService = () => (scope === "global" ? {} : { chatServiceSid: server.credentials.serviceSid });

        it("adds chat and SMS participants, fetches by SID and identity, updates, lists and removes them", async () => {
          const conversation = await conversationsOf(serviceSid()).create({ friendlyName: `participants ${scope}` });
          const participants = conversationsOf(serviceSid())(conversation.sid).participants;
          const chat = await participants.create({ identity: `conf-chat-${tag}`, attributes: JSON.stringify({ role: "agent" }) });
          expect(chat.sid).toMatch(sidOf("MB"));
          expect(chat).toMatchObject({
            ...inService(),
            conversationSid: conversation.sid,
            identity: `conf-chat-${tag}`,
            messagingBinding: null,
            url: `${base()}/Conversations/${conversation.sid}/Participants/${chat.sid}`,
          });
          // Adding an identity makes it a user of the service.
          expect((await v1.users(`conf-chat-${tag}`).fetch()).identity).toBe(`conf-chat-${tag}`);

          const sms = await participants.create({
            "messagingBinding.address": tag === "g" ? "+15550200001" : "+15550200002",
            "messagingBinding.proxyAddress": "+15017122661",
          });
          expect(sms.identity).toBeNull();
          expect(sms.messagingBinding).toEqual({
            type: "sms",
            address: tag === "g" ? "+15550200001" : "+15550200002",
            proxy_address: "+15017122661",
          });

          expect((await participants(chat.sid).fetch()).toJSON()).toEqual(chat.toJSON());
          expect((await participants(`conf-chat-${tag}`).fetch()).sid).toBe(chat.sid);
          const updated = await participants(`conf-chat-${tag}`).update({
            attributes: JSON.stringify({ role: "lead" }),
            lastReadMessageIndex: 0,
          });
          expect(JSON.parse(updated.attributes)).toEqual({ role: "lead" });
          expect(updated.lastReadMessageIndex).toBe(0);
          expect(updated.lastReadTimestamp).toBeTruthy();

          for (let i = 0; i < 3; i++) await participants.create({ identity: `conf-extra-${tag}-${i}` });
          const listed = await participants.list({ pageSize: 2 });
          expect(listed.map((p) => p.identity)).toEqual([
            `conf-chat-${tag}`,
            null,
            `conf-extra-${tag}-0`,
            `conf-extra-${tag}-1`,
            `conf-extra-${tag}-2`,
          ]);

          await expectRestError(participants.create({ identity: `conf-chat-${tag}` }), 409, 50433);
          await expectRestError(participants.create({}), 400, 20001);
          expect(await participants(sms.sid).remove()).toBe(true);
          await expectRestError(participants(sms.sid).fetch(), 404, 20404);
          expect(await participants.list()).toHaveLength(4);
          await expectRestError(conversationsOf(serviceSid())(zeros("CH")).participants.list(), 404, 20404);
        });

        it("sends, fetches, edits, lists in both orders and deletes messages", async () => {
          const conversation = await conversationsOf(serviceSid()).create({ friendlyName: `messages ${scope}` });
          const messages = conversationsOf(serviceSid())(conversation.sid).messages;
          await conversationsOf(serviceSid())(conversation.sid).participants.create({ identity: `conf-writer-${tag}` });
          const sent = [];
          for (let i = 0; i < 5; i++) sent.push(await messages.create({ author: `conf-writer-${tag}`, body: `m${i}` }));
          const first = sent[0] as (typeof sent)[number];
          expect(first.sid).toMatch(sidOf("IM"));
          expect(first).toMatchObject({
            index: 0,
            author: `conf-writer-${tag}`,
            body: "m0",
            conversationSid: conversation.sid,
            url: `${base()}/Conversations/${conversation.sid}/Messages/${first.sid}`,
          });
          expect(first.participantSid).toMatch(sidOf("MB"));
          expect(sent.map((m) => m.index)).toEqual([0, 1, 2, 3, 4]);

          expect((await messages.list({ pageSize: 2 })).map((m) => m.body)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
          expect((await messages.list({ pageSize: 2, order: "desc" })).map((m) => m.body)).toEqual(["m4", "m3", "m2", "m1", "m0"]);
          const desc = await messages.page({ pageSize: 2, order: "desc" });
          expect(keys(desc, "index")).toEqual([4, 3]);
          const descNext = await desc.nextPage();
          expect(keys(descNext, "index")).toEqual([2, 1]);
          expect(keys(await descNext?.previousPage(), "index")).toEqual([4, 3]);

          expect((await messages(first.sid).fetch()).body).toBe("m0");
          const edited = await messages(first.sid).update({ body: "m0, edited", attributes: '{"edited":true}' });
          expect(edited).toMatchObject({ sid: first.sid, index: 0, body: "m0, edited", attributes: '{"edited":true}' });
          expect(await messages((sent[4] as (typeof sent)[number]).sid).remove()).toBe(true);
          await expectRestError(messages((sent[4] as (typeof sent)[number]).sid).fetch(), 404, 20404);
          expect((await messages.create({ body: "after delete" })).index).toBe(5);
          expect((await messages.list()).map((m) => m.index)).toEqual([0, 1, 2, 3, 5]);
          await expectRestError(messages(zeros("IM")).update({ body: "x" }), 404, 20404);
        });

        it("lists and fetches delivery receipts a channel wrote", async () => {
          const conversation = await conversationsOf(serviceSid()).create({ friendlyName: `receipts ${scope}` });
          const sid = conversation.sid;
          const participants = conversationsOf(serviceSid())(sid).participants;
          const smsA = await participants.create({ "messagingBinding.address": `+1555030${tag === "g" ? 1 : 2}001` });
          const smsB = await participants.create({ "messagingBinding.address": `+1555030${tag === "g" ? 1 : 2}002` });
          const message = await conversationsOf(serviceSid())(sid).messages.create({ body: "to sms" });
          const receipts = conversationsOf(serviceSid())(sid).messages(message.sid).deliveryReceipts;
          expect(await receipts.list()).toEqual([]);
          expect(message.delivery).toBeNull();

          // Nothing writes receipts yet (no delivery channel): seed them as a channel would.
          const receipt = (participantSid: string, status: ReceiptRecord["status"], errorCode: number | null): ReceiptRecord => ({
            sid: newSid(SidPrefix.receipt),
            accountSid: server.credentials.accountSid,
            serviceSid: server.credentials.serviceSid,
            conversationSid: sid,
            messageSid: message.sid,
            participantSid,
            channelMessageSid: newSid("SM"),
            status,
            errorCode,
            dateCreated: STAMP,
            dateUpdated: STAMP,
          });
          const delivered = receipt(smsA.sid, "delivered", null);
          const failed = receipt(smsB.sid, "failed", 30003);
          await server.core.store.transaction(async (tx) => {
            await tx.insert("receipt", delivered);
            await tx.insert("receipt", failed);
          });

          const listed = await receipts.list({ pageSize: 1 });
          expect(listed.map((r) => r.sid)).toEqual([delivered.sid, failed.sid]);
          const fetched = await receipts(delivered.sid).fetch();
          expect(fetched).toMatchObject({
            sid: delivered.sid,
            ...inService(),
            accountSid: server.credentials.accountSid,
            conversationSid: sid,
            messageSid: message.sid,
            participantSid: smsA.sid,
            channelMessageSid: delivered.channelMessageSid,
            status: "delivered",
            errorCode: 0,
            url: `${base()}/Conversations/${sid}/Messages/${message.sid}/Receipts/${delivered.sid}`,
          });
          expect(fetched.dateCreated.toISOString()).toBe("2024-01-01T00:00:00.000Z");
          expect(await receipts(failed.sid).fetch()).toMatchObject({ status: "failed", errorCode: 30003 });
          expect((await conversationsOf(serviceSid())(sid).messages(message.sid).fetch()).delivery).toMatchObject({
            total: 2,
            delivered: "some",
            failed: "some",
          });
          await expectRestError(receipts(zeros("DY")).fetch(), 404, 20404);
          await expectRestError(conversationsOf(serviceSid())(sid).messages(zeros("IM")).deliveryReceipts.list(), 404, 20404);
        });

        it("creates, fetches, updates, lists and deletes conversation-scoped webhooks", async () => {
          const conversation = await conversationsOf(serviceSid()).create({ friendlyName: `webhooks ${scope}` });
          const webhooks = conversationsOf(serviceSid())(conversation.sid).webhooks;
          const hook = await webhooks.create({
            target: "webhook",
            "configuration.url": "https://example.com/hook",
            "configuration.method": "get",
            "configuration.filters": ["onMessageAdded"],
          });
          expect(hook.sid).toMatch(sidOf("WH"));
          expect(hook).toMatchObject({
            ...inService(),
            conversationSid: conversation.sid,
            target: "webhook",
            url: `${base()}/Conversations/${conversation.sid}/Webhooks/${hook.sid}`,
          });
          expect(hook.configuration).toEqual({ url: "https://example.com/hook", method: "get", filters: ["onMessageAdded"] });
          const trigger = await webhooks.create({
            target: "trigger",
            "configuration.url": "https://example.com/trigger",
            "configuration.triggers": ["help"],
          });
          const studio = await webhooks.create({ target: "studio", "configuration.flowSid": `FW${"b".repeat(32)}` });
          expect(studio.configuration).toEqual({ flow_sid: `FW${"b".repeat(32)}` });

          expect((await webhooks(hook.sid).fetch()).toJSON()).toEqual(hook.toJSON());
          const updated = await webhooks(hook.sid).update({
            "configuration.method": "post",
            "configuration.filters": ["onParticipantAdded"],
          });
          expect(updated.configuration).toEqual({ url: "https://example.com/hook", method: "post", filters: ["onParticipantAdded"] });
          expect((await webhooks.list({ pageSize: 2 })).map((w) => w.sid)).toEqual([hook.sid, trigger.sid, studio.sid]);
          await expectRestError(webhooks.create({ target: "webhook" }), 400, 20001);
          expect(await webhooks(trigger.sid).remove()).toBe(true);
          await expectRestError(webhooks(trigger.sid).fetch(), 404, 20404);
          expect((await webhooks.list()).map((w) => w.target)).toEqual(["webhook", "studio"]);
        });

        it("creates a conversation with its participants in one go", async () => {
          const create: typeof v1.conversationWithParticipants =
            scope === "global"
              ? v1.conversationWithParticipants
              : (v1.services(server.credentials.serviceSid)
                  .conversationWithParticipants as unknown as typeof v1.conversationWithParticipants);
          const created = await create.create({
            friendlyName: `with participants ${scope}`,
            uniqueName: `conformance-cwp-${tag}`,
            attributes: '{"cwp":true}',
            participant: [
              JSON.stringify({ identity: `conf-cwp-${tag}` }),
              JSON.stringify({ messaging_binding: { address: `+1555040000${tag === "g" ? 1 : 2}`, proxy_address: "+15017122661" } }),
            ],
          });
          expect(created.sid).toMatch(sidOf("CH"));
          expect(created).toMatchObject({
            friendlyName: `with participants ${scope}`,
            uniqueName: `conformance-cwp-${tag}`,
            attributes: '{"cwp":true}',
            chatServiceSid: server.credentials.serviceSid,
            state: "active",
            url: `${base()}/Conversations/${created.sid}`,
          });
          const participants = await conversationsOf(serviceSid())(created.sid).participants.list();
          expect(participants.map((p) => p.identity)).toEqual([`conf-cwp-${tag}`, null]);
          expect(participants[1]?.messagingBinding).toMatchObject({ address: `+1555040000${tag === "g" ? 1 : 2}` });
          // A taken unique name creates nothing.
          await expectRestError(
            create.create({ uniqueName: `conformance-cwp-${tag}`, participant: [JSON.stringify({ identity: "conf-nobody" })] }),
            409,
            50353,
          );
          await expectRestError(v1.users("conf-nobody").fetch(), 404, 20404);
        });
      });
    }

    describe("participant conversations and user conversations", () => {
      it("lists an identity's and an address's conversations on both paths", async () => {
        const made = [];
        for (let i = 0; i < 5; i++) {
          const conversation = await v1.conversations.create({ friendlyName: `pc-${i}`, uniqueName: `conformance-pc-${i}` });
          await v1.conversations(conversation.sid).participants.create({ identity: "conf-pc" });
          await v1.conversations(conversation.sid).participants.create({ "messagingBinding.address": "+15550500000" });
          made.push(conversation);
        }
        const byIdentity = await v1.participantConversations.list({ identity: "conf-pc", pageSize: 2 });
        expect(byIdentity.map((c) => c.conversationSid)).toEqual(made.map((c) => c.sid));
        expect(byIdentity[0]).toMatchObject({
          accountSid: server.credentials.accountSid,
          chatServiceSid: server.credentials.serviceSid,
          participantIdentity: "conf-pc",
          participantMessagingBinding: null,
          conversationUniqueName: "conformance-pc-0",
          conversationFriendlyName: "pc-0",
          conversationState: "active",
        });
        expect(byIdentity[0]?.participantUserSid).toMatch(sidOf("US"));
        expect(byIdentity[0]?.links.conversation).toBe(`${server.url}/v1/Conversations/${made[0]?.sid}`);

        const scoped = v1.services(server.credentials.serviceSid).participantConversations;
        const byAddress = await scoped.list({ address: "+15550500000", pageSize: 2 });
        expect(byAddress.map((c) => c.conversationSid)).toEqual(made.map((c) => c.sid));
        expect(byAddress[0]?.participantMessagingBinding).toMatchObject({ type: "sms", address: "+15550500000" });
        expect(byAddress[0]?.links.conversation).toBe(
          `${server.url}/v1/Services/${server.credentials.serviceSid}/Conversations/${made[0]?.sid}`,
        );
        expect(await scoped.list({ identity: "conf-nobody" })).toEqual([]);
        await expectRestError(v1.participantConversations.list(), 400, 20001);
      });

      for (const scope of ["global", "service-scoped"] as const) {
        it(`reads, moves the read horizon, mutes and leaves user conversations on the ${scope} paths`, async () => {
          const tag = scope === "global" ? "g" : "s";
          const users: typeof v1.users =
            scope === "global" ? v1.users : (v1.services(server.credentials.serviceSid).users as unknown as typeof v1.users);
          const base = scope === "global" ? `${server.url}/v1` : `${server.url}/v1/Services/${server.credentials.serviceSid}`;
          const identity = `conf-reader-${tag}`;
          const user = await users.create({ identity });
          const made = [];
          for (let i = 0; i < 3; i++) {
            const conversation = await v1.conversations.create({
              friendlyName: `uc-${tag}-${i}`,
              uniqueName: `conformance-uc-${tag}-${i}`,
            });
            await v1.conversations(conversation.sid).participants.create({ identity });
            made.push(conversation);
          }
          const conversation = made[0] as (typeof made)[number];
          for (let i = 0; i < 4; i++) await v1.conversations(conversation.sid).messages.create({ body: `unread ${i}` });

          const list = await users(identity).userConversations.list({ pageSize: 2 });
          expect(list.map((c) => c.conversationSid)).toEqual(made.map((c) => c.sid));
          const view = await users(user.sid).userConversations(conversation.sid).fetch();
          expect(view).toMatchObject({
            conversationSid: conversation.sid,
            userSid: user.sid,
            chatServiceSid: server.credentials.serviceSid,
            friendlyName: `uc-${tag}-0`,
            uniqueName: `conformance-uc-${tag}-0`,
            conversationState: "active",
            notificationLevel: "default",
            lastReadMessageIndex: null,
            unreadMessagesCount: 4,
            url: `${base}/Users/${user.sid}/Conversations/${conversation.sid}`,
          });
          expect((await users(identity).userConversations(`conformance-uc-${tag}-0`).fetch()).participantSid).toBe(view.participantSid);

          const read = await users(identity)
            .userConversations(conversation.sid)
            .update({ lastReadMessageIndex: 2, notificationLevel: "muted" });
          expect(read).toMatchObject({ lastReadMessageIndex: 2, unreadMessagesCount: 1, notificationLevel: "muted" });
          const stamp = new Date("2024-02-03T04:05:06Z");
          await users(identity).userConversations(conversation.sid).update({ lastReadTimestamp: stamp });
          const participant = await v1.conversations(conversation.sid).participants(identity).fetch();
          expect(participant.lastReadMessageIndex).toBe(2);
          expect(participant.lastReadTimestamp).toBe("2024-02-03T04:05:06Z");
          await expectRestError(users(identity).userConversations(conversation.sid).update({ lastReadMessageIndex: -1 }), 400, 20001);

          expect(await users(identity).userConversations(conversation.sid).remove()).toBe(true);
          await expectRestError(users(identity).userConversations(conversation.sid).fetch(), 404, 20404);
          await expectRestError(v1.conversations(conversation.sid).participants(identity).fetch(), 404, 20404);
          // Leaving keeps the conversation.
          expect((await v1.conversations(conversation.sid).fetch()).sid).toBe(conversation.sid);
          expect((await users(identity).userConversations.list()).map((c) => c.conversationSid)).toEqual(made.slice(1).map((c) => c.sid));
          await expectRestError(users("conf-nobody").userConversations.list(), 404, 20404);
        });
      }
    });

    describe("credentials and bindings", () => {
      it("creates, fetches, updates, lists and deletes push credentials", async () => {
        const fcm = await v1.credentials.create({ type: "fcm", friendlyName: "conf-fcm", secret: "server-key" });
        expect(fcm.sid).toMatch(sidOf("CR"));
        expect(fcm).toMatchObject({
          accountSid: server.credentials.accountSid,
          friendlyName: "conf-fcm",
          type: "fcm",
          sandbox: "False",
          url: `${server.url}/v1/Credentials/${fcm.sid}`,
        });
        expect(JSON.stringify(fcm.toJSON())).not.toContain("server-key");
        const apn = await v1.credentials.create({ type: "apn", certificate: "cert", privateKey: "key", sandbox: true });
        expect(apn).toMatchObject({ type: "apn", sandbox: "True", friendlyName: null });
        const gcm = await v1.credentials.create({ type: "gcm", apiKey: "gcm-key" });
        expect((await v1.credentials(fcm.sid).fetch()).toJSON()).toEqual(fcm.toJSON());
        const renamed = await v1.credentials(fcm.sid).update({ friendlyName: "conf-fcm-renamed" });
        expect(renamed).toMatchObject({ friendlyName: "conf-fcm-renamed", type: "fcm" });
        const more = [];
        for (let i = 0; i < 2; i++) more.push(await v1.credentials.create({ type: "fcm", friendlyName: `conf-more-${i}`, secret: "s" }));
        expect((await v1.credentials.list({ pageSize: 2 })).map((c) => c.sid)).toEqual([
          fcm.sid,
          apn.sid,
          gcm.sid,
          ...more.map((c) => c.sid),
        ]);
        await expectRestError(v1.credentials.create({ type: "fcm" }), 400, 20001);
        for (const c of [apn, gcm, ...more]) expect(await v1.credentials(c.sid).remove()).toBe(true);
        await expectRestError(v1.credentials(apn.sid).fetch(), 404, 20404);
        expect((await v1.credentials.list()).map((c) => c.sid)).toEqual([fcm.sid]);
      });

      it("lists, filters, fetches and deletes a service's push bindings", async () => {
        const credential = await v1.credentials.create({ type: "fcm", friendlyName: "conf-bindings", secret: "s" });
        const serviceSid = server.credentials.serviceSid;
        // Nothing registers bindings over REST (the SDKs do, elsewhere): seed them.
        const seeded: BindingRecord[] = [];
        const rows: [string, BindingRecord["bindingType"]][] = [
          ["conf-bind-a", "fcm"],
          ["conf-bind-a", "apn"],
          ["conf-bind-b", "fcm"],
          ["conf-bind-c", "gcm"],
          ["conf-bind-c", "fcm"],
        ];
        await server.core.store.transaction(async (tx) => {
          for (const [i, [identity, bindingType]] of rows.entries()) {
            seeded.push(
              await tx.insert("binding", {
                sid: newSid(SidPrefix.binding),
                accountSid: server.credentials.accountSid,
                serviceSid,
                credentialSid: credential.sid,
                endpoint: `${identity}-device-${i}`,
                identity,
                bindingType,
                messageTypes: ["new_message"],
                address: null,
                dateCreated: STAMP,
                dateUpdated: STAMP,
              }),
            );
          }
        });
        const bindings = v1.services(serviceSid).bindings;
        expect((await bindings.list({ pageSize: 2 })).map((b) => b.sid)).toEqual(seeded.map((b) => b.sid));
        expect((await bindings.list({ bindingType: ["fcm"], pageSize: 2 })).map((b) => b.identity)).toEqual([
          "conf-bind-a",
          "conf-bind-b",
          "conf-bind-c",
        ]);
        expect((await bindings.list({ identity: ["conf-bind-c"] })).map((b) => b.bindingType)).toEqual(["gcm", "fcm"]);

        const first = seeded[0] as BindingRecord;
        expect(await bindings(first.sid).fetch()).toMatchObject({
          sid: first.sid,
          accountSid: server.credentials.accountSid,
          chatServiceSid: serviceSid,
          credentialSid: credential.sid,
          endpoint: first.endpoint,
          identity: "conf-bind-a",
          bindingType: "fcm",
          messageTypes: ["new_message"],
          url: `${server.url}/v1/Services/${serviceSid}/Bindings/${first.sid}`,
        });
        expect(await bindings(first.sid).remove()).toBe(true);
        await expectRestError(bindings(first.sid).fetch(), 404, 20404);
        await expectRestError(bindings(first.sid).remove(), 404, 20404);
        expect(await bindings.list()).toHaveLength(seeded.length - 1);
        await expectRestError(bindings.list({ bindingType: ["pager" as never] }), 400, 20001);
      });
    });

    describe("authentication", () => {
      it("works with an API key and secret", async () => {
        const keyClient = twilioClient(
          server.url,
          server.credentials.apiKeySid,
          server.credentials.apiKeySecret,
          server.credentials.accountSid,
          recorder.record,
        );
        const k = keyClient.conversations.v1;
        const conversation = await k.conversations.create({ friendlyName: "by API key", uniqueName: "conformance-api-key" });
        expect(conversation.accountSid).toBe(server.credentials.accountSid);
        expect((await k.conversations("conformance-api-key").fetch()).sid).toBe(conversation.sid);
        const participant = await k.conversations(conversation.sid).participants.create({ identity: "conf-key-user" });
        const message = await k.conversations(conversation.sid).messages.create({ author: "conf-key-user", body: "via key" });
        expect(message.participantSid).toBe(participant.sid);
        expect((await k.users("conf-key-user").fetch()).identity).toBe("conf-key-user");
        expect((await k.configuration().fetch()).defaultChatServiceSid).toBe(server.credentials.serviceSid);
        expect(await k.conversations(conversation.sid).remove()).toBe(true);
        await expectRestError(k.conversations(conversation.sid).fetch(), 404, 20404);
      });

      it("refuses wrong credentials with 401 and code 20003", async () => {
        const c = server.credentials;
        for (const wrong of [
          twilioClient(server.url, c.accountSid, "wrong-token", undefined, recorder.record),
          twilioClient(server.url, c.apiKeySid, "wrong-secret", c.accountSid, recorder.record),
          twilioClient(server.url, zeros("AC"), c.authToken, undefined, recorder.record),
        ]) {
          await expectRestError(wrong.conversations.v1.conversations.list(), 401, 20003);
          await expectRestError(wrong.conversations.v1.conversations.create({ friendlyName: "nope" }), 401, 20003);
        }
        expect((await v1.conversations.list()).some((x) => x.friendlyName === "nope")).toBe(false);
      });
    });

    /*
     * Places where Confab once parted ways with Twilio, now held to Twilio's behaviour.
     */
    describe("conversation timers, states and date filters as Twilio has them", () => {
      it("filters by the state timers have made, not only the stored one", async () => {
        const service = await v1.services.create({ friendlyName: "conformance: state filter" });
        const conversations = v1.services(service.sid).conversations;
        const timed = await conversations.create({ friendlyName: "timed", "timers.inactive": "PT10M" } as never);
        const plain = await conversations.create({ friendlyName: "plain" });
        clockOffsetMs = 11 * 60 * 1000;
        try {
          expect((await conversations(timed.sid).fetch()).state).toBe("inactive");
          const active = await conversations.list({ state: "active" });
          const inactive = await conversations.list({ state: "inactive" });
          expect(active.map((c) => [c.sid, c.state])).toEqual([[plain.sid, "active"]]);
          expect(inactive.map((c) => [c.sid, c.state])).toEqual([[timed.sid, "inactive"]]);
        } finally {
          clockOffsetMs = 0;
        }
        await v1.services(service.sid).remove();
      });

      it("lists conversations filtered by date newest first", async () => {
        const service = await v1.services.create({ friendlyName: "conformance: date filter" });
        const conversations = v1.services(service.sid).conversations;
        const older = await conversations.create({ friendlyName: "older" });
        const newer = await conversations.create({ friendlyName: "newer" });
        const day = older.dateCreated.toISOString().slice(0, 10);
        // The helper's documentation of StartDate/EndDate: "If this filter is used, the returned
        // list is sorted by latest conversation creation date in descending order."
        const listed = await conversations.list({ startDate: day, endDate: newer.dateCreated.toISOString().slice(0, 10) });
        expect(listed.map((c) => c.sid)).toEqual([newer.sid, older.sid]);
        await v1.services(service.sid).remove();
      });

      it("refuses timers below Twilio's minimums, with Twilio's codes", async () => {
        await expectRestError(v1.conversations.create({ "timers.inactive": "PT30S" } as never), 400, 50375);
        await expectRestError(v1.conversations.create({ "timers.closed": "PT5M" } as never), 400, 50376);
        await expectRestError(v1.configuration().update({ defaultInactiveTimer: "PT30S" }), 400, 50375);
        await expectRestError(v1.configuration().update({ defaultClosedTimer: "PT5M" }), 400, 50376);
      });

      it("keeps a closed conversation closed", async () => {
        const closed = await v1.conversations.create({ state: "closed" });
        await expectRestError(v1.conversations(closed.sid).messages.create({ body: "late" }), 400, 50407);
        await expectRestError(v1.conversations(closed.sid).update({ state: "active" }), 400, 50377);
        expect((await v1.conversations(closed.sid).fetch()).state).toBe("closed");
        await v1.conversations(closed.sid).remove();
      });

      it("answers an unparseable StartDate or EndDate with 400", async () => {
        await expectRestError(v1.conversations.list({ startDate: "yesterday" }), 400, 20001);
        await expectRestError(v1.conversations.list({ endDate: "tomorrow" }), 400, 20001);
        await expectRestError(v1.conversations.list({ startDate: "2024-13-45" }), 400, 20001);
        await expectRestError(v1.services(server.credentials.serviceSid).conversations.list({ startDate: "nope" }), 400, 20001);
      });

      it("answers an out-of-range timer with 400, and writes nothing", async () => {
        const before = (await v1.conversations.list()).length;
        await expectRestError(v1.conversations.create({ "timers.closed": "P99999Y" } as never), 400, 20001);
        await expectRestError(v1.conversations.create({ "timers.inactive": "P300000Y" } as never), 400, 20001);
        await expectRestError(v1.configuration().update({ defaultClosedTimer: "P99999Y" }), 400, 20001);
        expect((await v1.conversations.list()).length).toBe(before);
      });
    });

    describe("coverage", () => {
      it("made every request to one of the 103 operations, and exercised all of them successfully", () => {
        expect(recorder.operations).toHaveLength(103);
        expect(new Set(recorder.operations.map((o) => o.operationId)).size).toBe(103);
        expect(recorder.unmatched().map((c) => `${c.method} ${c.path}`)).toEqual([]);
        const missing = recorder.missing().map((o) => {
          const seen = recorder.statuses(o.operationId);
          return `${o.operationId} (${o.method} ${o.path})${seen.length ? `: answered only ${seen.join(", ")}` : ": never called"}`;
        });
        if (missing.length > 0) console.error(`Operations not exercised (${missing.length}):\n  ${missing.join("\n  ")}`);
        expect(missing).toEqual([]);
        expect(recorder.succeeded().size).toBe(103);
      });
    });
  });
}
