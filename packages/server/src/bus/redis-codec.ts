import type { DomainEvent, StreamDelivery } from "./bus.js";

/**
 * An event as the Redis bus carries it. A message's deliveries share one rendered payload among
 * all their recipients; it is written once, with each delivery pointing at it, so a fan-out to a
 * thousand participants does not carry the message a thousand times.
 */
type Wire = {
  /** The publishing node: it skips its own events when they come back. */
  node: string;
  event: Omit<DomainEvent, "deliveries">;
  payloads?: unknown[];
  /** serviceSid, identity, event, cursor (null for ephemeral events), date, payload index. */
  deliveries?: [string, string, string, string | null, string, number][];
};

export function encodeEvent(node: string, event: DomainEvent): string {
  const { deliveries, ...rest } = event;
  const wire: Wire = { node, event: rest };
  if (deliveries) {
    const payloads: unknown[] = [];
    const indexes = new Map<unknown, number>();
    wire.deliveries = deliveries.map(({ serviceSid, identity, frame }) => {
      let index = indexes.get(frame.data);
      if (index === undefined) {
        index = payloads.push(frame.data) - 1;
        indexes.set(frame.data, index);
      }
      return [serviceSid, identity, frame.event, frame.cursor ?? null, frame.date, index];
    });
    wire.payloads = payloads;
  }
  return JSON.stringify(wire);
}

export function decodeEvent(text: string): { node: string; event: DomainEvent } {
  const wire = JSON.parse(text) as Wire;
  const event: DomainEvent = { ...wire.event };
  if (wire.deliveries) {
    const payloads = wire.payloads ?? [];
    event.deliveries = wire.deliveries.map(
      ([serviceSid, identity, name, cursor, date, index]): StreamDelivery => ({
        serviceSid,
        identity,
        frame: { type: "event", event: name, ...(cursor !== null ? { cursor } : {}), data: payloads[index], date },
      }),
    );
  }
  return { node: wire.node, event };
}
