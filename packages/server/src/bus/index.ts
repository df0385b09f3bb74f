export type { Bus, DomainEvent, Unsubscribe } from "./bus.js";
export { createMemoryBus } from "./memory-bus.js";
