import type { Bus, DomainEvent } from "./bus.js";

/**
 * The in-process bus. `publish` resolves once every subscriber has had the event, so events
 * reach each subscriber in publish order even when handlers are async.
 */
export function createMemoryBus(options: { onError?: (error: unknown, event: DomainEvent) => void } = {}): Bus {
  const handlers = new Set<(event: DomainEvent) => void | Promise<void>>();
  let tail: Promise<void> = Promise.resolve();
  let closed = false;

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
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      closed = true;
      await tail;
      handlers.clear();
    },
  };
}
