import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Router } from "@confab/protocol/server";
import { WebSocketServer } from "ws";
import type { Core } from "../core/context.js";
import { RealtimeHub } from "./hub.js";
import type { RealtimeOptions } from "./options.js";
import { Session } from "./session.js";

/** The path of the native socket (spec/asyncapi/realtime.yaml, channel `socket`). */
export const SOCKET_PATH = "/v1/socket";

/** Largest client frame accepted; a request carries at most a message body and attributes. */
const MAX_FRAME_BYTES = 256 * 1024;

type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

export type RealtimeServer = {
  hub: RealtimeHub;
  /** Serves another WebSocket path on the same port (the twilsock gateway). */
  route(path: string, handler: UpgradeHandler): void;
  close(): void;
};

/** Serves the native socket on an HTTP server's upgrade requests to /v1/socket. */
export function attachRealtime(server: Server, core: Core, router: Router, options: RealtimeOptions): RealtimeServer {
  const hub = new RealtimeHub(core, options);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const routes = new Map<string, UpgradeHandler>([
    [SOCKET_PATH, (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => new Session(ws, core, router, hub, options))],
  ]);
  const onUpgrade: UpgradeHandler = (request, socket, head) => {
    const handler = routes.get((request.url ?? "").split("?")[0] as string);
    if (!handler) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    handler(request, socket, head);
  };
  server.on("upgrade", onUpgrade);
  return {
    hub,
    route: (path, handler) => void routes.set(path, handler),
    close() {
      server.off("upgrade", onUpgrade);
      hub.close();
      wss.close();
    },
  };
}
