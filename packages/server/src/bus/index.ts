export { type Bus, type BusHandler, type DomainEvent, RESYNC_EVENT, type StreamDelivery, type Unsubscribe } from "./bus.js";
export { createMemoryBus } from "./memory-bus.js";
