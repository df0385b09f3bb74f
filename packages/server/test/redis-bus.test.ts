/**
 * The Redis bus: the bus contract on one node, then what only a cluster has: two nodes on one
 * Redis, once-per-event subscribers on the publishing node only, every-node subscribers on
 * both in each publisher's order, a bad URL refused clearly, and a resync after a lost connection.
 */
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, inject, it } from "vitest";
import { type Bus, type DomainEvent, RESYNC_EVENT } from "../src/bus/index.js";
import { openRedisBus, type RedisBus } from "../src/bus/redis-bus.js";
import { describeBusContract } from "./bus-contract.js";
import { cutRedisConnections } from "./support/redis-clients.js";
import { eventually } from "./support/wait.js";

const url = inject("redisUrl");
const opened: Bus[] = [];
afterEach(async () => {
  for (const bus of opened.splice(0)) await bus.close().catch(() => {});
});

/** A node of a cluster of its own (a fresh prefix), or of `prefix`'s. */
async function node(prefix = `t${randomBytes(4).toString("hex")}`): Promise<RedisBus> {
  const bus = await openRedisBus({ url, prefix, onError: () => {} });
  opened.push(bus);
  return bus;
}

const event = (n: number, conversationSid = "CH0"): DomainEvent => ({
  type: "message.added",
  accountSid: "AC0",
  serviceSid: "IS0",
  conversationSid,
  data: { n },
  date: new Date().toISOString(),
  deliveries: [
    { serviceSid: "IS0", identity: "alice", frame: { type: "event", event: "messageAdded", cursor: String(n), data: { n }, date: "d" } },
  ],
});

describeBusContract("redis", () => node());

describe("redis bus across nodes", () => {
  it("runs once-per-event subscribers on the publishing node only, and every-node subscribers on every node in publish order", async () => {
    const prefix = `t${randomBytes(4).toString("hex")}`;
    const [a, b, c] = [await node(prefix), await node(prefix), await node(prefix)];
    const once = { a: [] as number[], b: [] as number[], c: [] as number[] };
    const every = { a: [] as number[], b: [] as number[], c: [] as number[] };
    for (const [name, bus] of [
      ["a", a],
      ["b", b],
      ["c", c],
    ] as const) {
      bus.subscribe((e) => void once[name].push(e.data.n as number));
      bus.subscribeEveryNode(async (e) => {
        // A slow async subscriber must not reorder what it receives from another node either.
        await new Promise((r) => setTimeout(r, Math.random() * 2));
        every[name].push(e.data.n as number);
      });
    }
    const fromA = Array.from({ length: 30 }, (_, i) => i);
    const fromB = Array.from({ length: 30 }, (_, i) => 100 + i);
    await Promise.all([...fromA.map((n) => a.publish(event(n))), ...fromB.map((n) => b.publish(event(n, "CH1")))]);
    await eventually(() => {
      for (const got of Object.values(every)) expect(got.length).toBe(60);
    });
    expect(once.a).toEqual(fromA);
    expect(once.b).toEqual(fromB);
    expect(once.c).toEqual([]);
    for (const got of Object.values(every)) {
      expect(got.filter((n) => n < 100)).toEqual(fromA);
      expect(got.filter((n) => n >= 100)).toEqual(fromB);
    }
  });

  it("carries deliveries across nodes as they were published", async () => {
    const prefix = `t${randomBytes(4).toString("hex")}`;
    const [a, b] = [await node(prefix), await node(prefix)];
    const got: DomainEvent[] = [];
    b.subscribeEveryNode((e) => void got.push(e));
    const shared = { body: "one payload, many recipients" };
    const sent: DomainEvent = {
      ...event(1),
      origin: { source: "SDK", identity: "alice", webhooks: true },
      deliveries: [
        { serviceSid: "IS0", identity: "alice", frame: { type: "event", event: "messageAdded", cursor: "01", data: shared, date: "d" } },
        { serviceSid: "IS0", identity: "bob", frame: { type: "event", event: "messageAdded", cursor: "02", data: shared, date: "d" } },
        { serviceSid: "IS0", identity: "carol", frame: { type: "event", event: "typingStarted", data: { x: 1 }, date: "d" } },
      ],
    };
    await a.publish(sent);
    await eventually(() => expect(got).toHaveLength(1));
    expect(got[0]).toEqual(sent);
  });

  it("refuses a bad URL with a clear error, and an unreachable Redis too", async () => {
    await expect(openRedisBus({ url: "http://127.0.0.1:6379" })).rejects.toThrow(
      /Bad bus URL "http:\/\/127.0.0.1:6379".*unsupported scheme/,
    );
    await expect(openRedisBus({ url: "not a url" })).rejects.toThrow(/Bad bus URL "not a url": not a URL/);
    await expect(openRedisBus({ url: "redis://127.0.0.1:6379/abc" })).rejects.toThrow(/database must be a number/);
    await expect(openRedisBus({ url: "redis://:secret@127.0.0.1:1" })).rejects.toThrow(
      /Cannot reach Redis at redis:\/\/:\*\*\*@127.0.0.1:1/,
    );
  });

  it("reconnects after losing Redis and tells every-node subscribers to resync", async () => {
    const prefix = `t${randomBytes(4).toString("hex")}`;
    const [a, b] = [await node(prefix), await node(prefix)];
    const got: string[] = [];
    b.subscribeEveryNode((e) => void got.push(e.type === RESYNC_EVENT ? "resync" : String(e.data.n)));
    // Drop both nodes' connections, as a Redis restart would.
    expect(await cutRedisConnections(url, [a.nodeId, b.nodeId])).toBe(4);
    await eventually(() => expect(got).toContain("resync"), 10_000);
    await a.publish(event(7));
    await eventually(() => expect(got).toContain("7"));
  });
});
