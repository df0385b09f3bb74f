/**
 * The ceiling: a bare `ws` server that broadcasts every text frame `room|payload` to every
 * client in that room (the sender included, as a chat server echoes), and does nothing else: no
 * auth, no parsing beyond finding the room, no storage. A client names its rooms in the URL,
 * `?rooms=a,b`. Run as its own process; prints its port.
 */
import { WebSocketServer, type WebSocket } from "ws";

const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
const rooms = new Map<string, Set<WebSocket>>();
wss.on("connection", (ws, request) => {
  const joined = (new URL(request.url ?? "/", "http://x").searchParams.get("rooms") ?? "").split(",");
  for (const room of joined) {
    const members = rooms.get(room) ?? new Set<WebSocket>();
    rooms.set(room, members);
    members.add(ws);
  }
  ws.on("message", (data, isBinary) => {
    const text = data.toString();
    const members = rooms.get(text.slice(0, text.indexOf("|")));
    if (members) for (const member of members) if (member.readyState === member.OPEN) member.send(text, { binary: isBinary });
  });
  ws.on("close", () => {
    for (const room of joined) rooms.get(room)?.delete(ws);
  });
});
wss.on("listening", () => {
  const address = wss.address();
  if (typeof address === "object" && address) console.log(`listening ${address.port}`);
});
process.on("SIGTERM", () => process.exit(0));
