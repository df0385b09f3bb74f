/**
 * What many would pick instead: a Socket.IO server whose clients join rooms (named in the
 * handshake query, `rooms=a,b`) and broadcast `m` events to a room, the sender included. The
 * WebSocket transport only, without compression, like the other servers. Run as its own process;
 * prints its port.
 */
import { createServer } from "node:http";
import { Server } from "socket.io";

const http = createServer();
const io = new Server(http, { transports: ["websocket"], perMessageDeflate: false, serveClient: false });
io.on("connection", (socket) => {
  const rooms = String(socket.handshake.query.rooms ?? "").split(",");
  void socket.join(rooms);
  socket.on("m", (room: string, payload: string) => {
    io.to(room).emit("m", payload);
  });
});
http.listen(0, "127.0.0.1", () => {
  const address = http.address();
  if (typeof address === "object" && address) console.log(`listening ${address.port}`);
});
process.on("SIGTERM", () => process.exit(0));
