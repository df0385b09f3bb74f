export type { Bus, DomainEvent, StreamDelivery, Unsubscribe } from "./bus.js";
export { createMemoryBus } from "./memory-bus.js";
