/**
 * The ceiling: a bare `ws` server that forwards every text frame to every other client and does
 * nothing else (no auth, no parsing, no storage). Run as its own process; prints its port.
 */
import { WebSocketServer, type WebSocket } from "ws";

const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
const clients = new Set<WebSocket>();
wss.on("connection", (ws) => {
  clients.add(ws);
  ws.on("message", (data, isBinary) => {
    for (const other of clients) if (other !== ws && other.readyState === other.OPEN) other.send(data, { binary: isBinary });
  });
  ws.on("close", () => clients.delete(ws));
});
wss.on("listening", () => {
  const address = wss.address();
  if (typeof address === "object" && address) console.log(`listening ${address.port}`);
});
