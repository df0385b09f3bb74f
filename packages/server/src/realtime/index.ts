export { defaultRealtimeOptions, type RealtimeOptions } from "./options.js";
export { createStreamRelay } from "./relay.js";
export { attachRealtime, type RealtimeServer, SOCKET_PATH } from "./socket-server.js";
export { trimStreams } from "./retention.js";
