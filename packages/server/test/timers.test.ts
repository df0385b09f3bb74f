import { describe, expect, it } from "vitest";
import { testServer } from "./support/server.js";
import { twilioClient } from "./support/twilio-client.js";

describe("conversation timers", () => {
  it("are swept into the stored state, with an event, when nobody reads the conversation", async () => {
    let offsetMs = 0;
    const server = await testServer({ timerSweepMs: 20, now: () => new Date(Date.now() + offsetMs) });
    try {
      const events: string[] = [];
      server.core.bus.subscribe((e) => {
        if (e.type === "conversation.updated" && (e.data.updated as string[]).includes("state"))
          events.push(String((e.data.conversation as { state: string }).state));
      });
      const client = twilioClient(server.url, server.credentials.accountSid, server.credentials.authToken);
      const created = await client.conversations.v1.conversations.create({ "timers.inactive": "PT1M", "timers.closed": "PT10M" } as never);
      offsetMs = 2 * 60_000;
      await waitFor(async () => (await server.core.store.get("conversation", created.sid))?.state === "inactive");
      offsetMs = 11 * 60_000;
      await waitFor(async () => (await server.core.store.get("conversation", created.sid))?.state === "closed");
      expect(events).toEqual(["inactive", "closed"]);
    } finally {
      await server.close();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}
