/** The bus contract, run against every Bus adapter. */
import { describe, expect, it } from "vitest";
import type { Bus, DomainEvent } from "../src/bus/index.js";

const event = (n: number): DomainEvent => ({
  type: "message.added",
  accountSid: "AC0",
  serviceSid: "IS0",
  conversationSid: "CH0",
  data: { n },
  date: new Date().toISOString(),
});

export function describeBusContract(name: string, open: () => Promise<Bus>): void {
  describe(`bus contract: ${name}`, () => {
    it("rejects publishing once closed", async () => {
      const bus = await open();
      await bus.close();
      await expect(bus.publish(event(1))).rejects.toThrow(/closed/);
    });

    it("delivers every event to every subscriber, in publish order", async () => {
      const bus = await open();
      const a: number[] = [];
      const b: number[] = [];
      bus.subscribe(async (e) => {
        // A slow async subscriber must not reorder what it receives.
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        a.push(e.data.n as number);
      });
      bus.subscribe((e) => {
        b.push(e.data.n as number);
      });
      const c: number[] = [];
      bus.subscribeEveryNode(async (e) => {
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        c.push(e.data.n as number);
      });
      await Promise.all(Array.from({ length: 20 }, (_, i) => bus.publish(event(i))));
      expect(a).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(b).toEqual(a);
      // On the publishing node, every-node subscribers have the event when publish resolves too.
      expect(c).toEqual(a);
      await bus.close();
    });

    it("stops delivering after unsubscribe", async () => {
      const bus = await open();
      const got: number[] = [];
      const off = bus.subscribe((e) => {
        got.push(e.data.n as number);
      });
      const everyNode: number[] = [];
      const offEveryNode = bus.subscribeEveryNode((e) => {
        everyNode.push(e.data.n as number);
      });
      await bus.publish(event(1));
      off();
      offEveryNode();
      await bus.publish(event(2));
      expect(got).toEqual([1]);
      expect(everyNode).toEqual([1]);
      await bus.close();
    });

    it("keeps delivering to others when one subscriber throws", async () => {
      const bus = await open();
      const got: number[] = [];
      bus.subscribe(() => {
        throw new Error("bad subscriber");
      });
      bus.subscribeEveryNode(async () => {
        throw new Error("bad every-node subscriber");
      });
      bus.subscribe((e) => {
        got.push(e.data.n as number);
      });
      await bus.publish(event(1));
      await bus.publish(event(2));
      expect(got).toEqual([1, 2]);
      await bus.close();
    });
  });
}
