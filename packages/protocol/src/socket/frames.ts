// The socket's frame types come from the AsyncAPI document (generated); this module only gives
// the rest of the socket code one place to import them from.
export type { ClientFrame, ServerEventFrame, ServerFrame, SocketEventMap } from "../generated/socket-frames.js";
export { durableEvents, ephemeralEvents } from "../generated/socket-frames.js";
export type { WelcomeFrame } from "../generated/socket-models.js";
