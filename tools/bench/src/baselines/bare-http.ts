/**
 * The REST ceiling: a bare `node:http` server that takes a form-encoded POST, parses it and
 * answers 201 with a small JSON message, and does nothing else (no auth, no validation, no
 * storage). Run as its own process; prints its port.
 */
import { createServer } from "node:http";

let index = 0;
const server = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => {
    body += chunk;
  });
  req.on("end", () => {
    const form = new URLSearchParams(body);
    const message = {
      index: index++,
      body: form.get("Body"),
      author: form.get("Author"),
      date_created: new Date().toISOString(),
      url: req.url,
    };
    res.writeHead(201, { "Content-Type": "application/json" });
    res.end(JSON.stringify(message));
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (typeof address === "object" && address) console.log(`listening ${address.port}`);
});
process.on("SIGTERM", () => process.exit(0));
