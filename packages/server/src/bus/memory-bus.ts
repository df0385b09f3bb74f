import type { Bus, BusHandler, DomainEvent } from "./bus.js";

/**
 * The in-process bus. `publish` resolves once every subscriber has had the event, so events
 * reach each subscriber in publish order even when handlers are async. With one node, both kinds
 * of subscriber are the same: every handler gets every event, in the order they subscribed.
 */
export function createMemoryBus(options: { onError?: (error: unknown, event: DomainEvent) => void } = {}): Bus {
  const handlers = new Set<BusHandler>();
  let tail: Promise<void> = Promise.resolve();
  let closed = false;
  const add = (handler: BusHandler) => {
    handlers.add(handler);
    return () => void handlers.delete(handler);
  };

  return {
    publish(event) {
      if (closed) return Promise.reject(new Error("The bus is closed"));
      const delivery = tail.then(async () => {
        for (const handler of [...handlers]) {
          try {
            await handler(event);
          } catch (error) {
            options.onError?.(error, event);
          }
        }
      });
      tail = delivery;
      return delivery;
    },
    subscribe: add,
    subscribeEveryNode: add,
    async close() {
      closed = true;
      await tail;
      handlers.clear();
    },
  };
}
