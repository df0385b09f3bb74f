import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeListener } from "../../src/server/adapters.js";
import type { Router } from "../../src/server/router.js";

/** Serves a router on a random loopback port; `close` stops it. */
export async function serve(router: Router): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(toNodeListener(router));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
