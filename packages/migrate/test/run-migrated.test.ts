/**
 * Two migrated fixture apps doing their chat job against a real Confab server in this process:
 * the support bot (TypeScript, ESM) and the help widget (plain JavaScript, CommonJS require).
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { Client, type Conversation, type Message } from "@confab/conversations";
import { mintAccessToken, type RunningServer, startServer } from "@confab/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanScratch, migrateFixture } from "./support/fixtures.js";

let server: RunningServer;
const cleanups: Array<() => Promise<unknown> | unknown> = [];

beforeAll(async () => {
  server = await startServer({ port: 0, host: "127.0.0.1", dataDir: ":memory:", dev: true });
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await server.close();
});

function tokenFor(identity: string): string {
  const c = server.credentials;
  return mintAccessToken({
    accountSid: c.accountSid,
    apiKeySid: c.apiKeySid,
    apiKeySecret: c.apiKeySecret,
    identity,
    serviceSid: c.serviceSid,
  });
}

async function connect(identity: string): Promise<Client> {
  const client = new Client(tokenFor(identity), { server: server.url, storage: null });
  cleanups.push(() => client.shutdown());
  await new Promise<void>((resolve, reject) => {
    client.once("initialized", resolve);
    client.once("initFailed", ({ error }) => reject(new Error(error?.message)));
  });
  return client;
}

function first<T>(
  emitter: { on(event: string, listener: (value: T) => void): unknown },
  event: string,
  match: (value: T) => boolean,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ${event}`)), 10_000);
    emitter.on(event, (value: T) => {
      if (!match(value)) return;
      clearTimeout(timer);
      resolve(value);
    });
  });
}

describe("the migrated support bot", () => {
  it("creates its conversation, greets a customer and answers commands", async () => {
    const { dir } = migrateFixture("support-bot");
    cleanups.push(() => cleanScratch(dir));
    const { startSupportBot } = (await import(join(dir, "bot.ts"))) as typeof import("./fixtures/support-bot/expected/bot.js");
    const lines: string[] = [];
    const bot = await startSupportBot({
      token: tokenFor("support-bot"),
      channelName: "support",
      clientOptions: { server: server.url, storage: null },
      log: (line) => lines.push(line),
    });
    cleanups.push(() => bot.stop());
    expect(bot.channel.uniqueName).toBe("support");

    const alice = await connect("alice");
    const joined = first<Conversation>(alice, "conversationJoined", (c) => c.uniqueName === "support");
    await bot.addCustomer("alice");
    const conversation = await joined;
    const welcome = await first<Message>(conversation, "messageAdded", (m) => m.author === "support-bot");
    expect(welcome.body).toBe("Welcome, alice! Type !help to see what I can do.");

    const who = first<Message>(conversation, "messageAdded", (m) => m.author === "support-bot" && !!m.body?.startsWith("Here:"));
    await conversation.sendMessage("!who");
    expect((await who).body).toBe("Here: alice, support-bot (2)");

    const ack = first<Message>(conversation, "messageAdded", (m) => m.author === "support-bot" && !!m.body?.startsWith("Thanks"));
    await conversation.sendMessage("my order is late");
    expect((await ack).body).toMatch(/^Thanks alice, a human will get back to you\. \(ticket #\d+\)$/);
    const aliceSid = (await conversation.getParticipantByIdentity("alice"))!.sid;
    expect(lines).toContain(`alice (${aliceSid}) said "my order is late"`);
  });
});

describe("the migrated help widget (CommonJS, require)", () => {
  it("opens a help conversation, lets an agent in, and both sides see the messages", async () => {
    const { dir } = migrateFixture("browser-widget");
    cleanups.push(() => cleanScratch(dir));
    const { createHelpWidget } = createRequire(import.meta.url)(join(dir, "widget.js"));
    const options = { server: server.url, storage: null };
    const customer = createHelpWidget(tokenFor("carol"), options);
    const agent = createHelpWidget(tokenFor("dave"), options);
    cleanups.push(
      () => customer.close(),
      () => agent.close(),
    );

    const conversation = await customer.open("help-carol");
    expect(conversation.uniqueName).toBe("help-carol");
    await customer.addAgent("dave");
    await agent.open("help-carol");
    expect((await agent.members()).map((m: { identity: string }) => m.identity).sort()).toEqual(["carol", "dave"]);

    const seen = first<{ type: string; author?: string; body?: string; channel?: string }>(
      { on: (_event, listener) => agent.onEvent(listener) },
      "event",
      (e) => e.type === "message" && e.author === "carol",
    );
    await customer.send("my invoice is wrong");
    expect(await seen).toEqual({ type: "message", author: "carol", body: "my invoice is wrong", channel: "help-carol" });
    expect(agent.messages.map((m: { body: string }) => m.body)).toContain("my invoice is wrong");
    expect(await customer.channels()).toEqual(["help-carol"]);
  });
});
